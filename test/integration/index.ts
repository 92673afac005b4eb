// Runs inside the extension host (code-server here, desktop VS Code through @vscode/test-cli):
// mocha over every compiled *.test.js beside this file, or only those named in TIERED_EXTHOST_FILES
// (comma-separated, e.g. TIERED_EXTHOST_FILES=agentCommand,deepDebug) for a quick local run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: path.resolve(__dirname, '../../../test/support/count-reporter.cjs'),
  });
  const only = (process.env.TIERED_EXTHOST_FILES ?? '').split(',').map((s) => s.trim().replace(/\.test\.(js|ts)$/, '')).filter(Boolean);
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (!only.length || only.includes(f.slice(0, -'.test.js'.length)))).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed.`);
}
