// Builds the production bundles and packs the .vsix with @vscode/vsce (under Node 24, which vsce
// wants). The .vsix carries node-llama-cpp with only its Linux x64 CPU binaries (.vscodeignore).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, node24, node24Env } from './lib/paths.mjs';
import { syncVscodeignore } from './lib/vsixDeps.mjs';

export function packageVsix({ quiet = false } = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  // TIERED_VSIX_OUT: another file name (several checkouts or helpers packing at once).
  const out = process.env.TIERED_VSIX_OUT ? path.resolve(process.env.TIERED_VSIX_OUT) : path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  const stdio = quiet ? 'pipe' : 'inherit';
  if (syncVscodeignore()) console.log('.vscodeignore: the node-llama-cpp runtime block was regenerated from package-lock.json; commit it.');
  let r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio });
  if (r.status !== 0) throw new Error('production build failed');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The bundle is already built above; skip vscode:prepublish to not build twice.
  r = spawnSync(node24, [vsce, 'package', '--allow-missing-repository', '--no-update-package-json',
    '--ignoreFile', '.vscodeignore', '--out', out], { cwd: root, stdio: 'pipe', env: node24Env({ npm_config_loglevel: 'error' }) });
  const text = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 || !fs.existsSync(out)) {
    process.stderr.write(text);
    throw new Error('vsce package failed');
  }
  if (!quiet) process.stdout.write(text.split('\n').filter((l) => /DONE/.test(l)).join('\n') + '\n');
  const listing = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout ?? '';
  const unwanted = listing.split('\n').filter((f) => /node_modules\/@node-llama-cpp\/(?!linux-x64\/)|gitRelease\.bundle/.test(f));
  if (!listing.includes('extension/node_modules/@node-llama-cpp/linux-x64/bins/')) throw new Error('the .vsix lacks the Linux x64 CPU binaries of node-llama-cpp');
  if (unwanted.length) throw new Error(`the .vsix carries what it should not: ${unwanted.slice(0, 5).join(', ')}`);
  const mb = fs.statSync(out).size / 1024 / 1024;
  console.log(`vsix: ${path.relative(root, out)} (${mb.toFixed(1)} MB)`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { packageVsix(); } catch (e) { console.error(e.message); process.exit(1); }
}
