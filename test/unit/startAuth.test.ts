// `npm start -- --host 0.0.0.0` must not serve a VS Code (terminal, files, API keys) to the network without a password.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './../support/paths';

describe('npm start on a non-loopback address', function () {
  this.timeout(20_000);
  const start = (host: string) => {
    const env = { ...process.env };
    delete env.PASSWORD;
    return spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs'), '--host', host], { env, encoding: 'utf8', timeout: 15_000 });
  };

  for (const host of ['0.0.0.0', '192.168.1.20', '::']) {
    it(`refuses --host ${host} without PASSWORD, before building or starting anything`, () => {
      const r = start(host);
      assert.equal(r.status, 2, `exit ${r.status} ${r.signal ?? ''}\n${r.stdout}\n${r.stderr}`);
      assert.match(r.stderr, /without a password/);
      assert.match(r.stderr, /PASSWORD=/);
    });
  }
});
