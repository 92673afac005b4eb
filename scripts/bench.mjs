// npm run bench [-- args]: runs every compiled benchmark in out/test/bench (Node 24) in turn.
// Each prints human-readable figures and one machine-readable JSON line {"bench": ...}.
// Benchmarks are not tests: nothing here fails on a timing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, node24, node24Env } from './lib/paths.mjs';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
let r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
r = spawnSync(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(1);
const dir = path.join(root, 'out', 'test', 'bench');
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js') && (!only || f.startsWith(only))).sort();
let failed = 0;
for (const f of benches) {
  console.log(`\n== ${f.replace(/\.bench\.js$/, '')}`);
  r = spawnSync(node24, ['--expose-gc', path.join(dir, f), ...args.filter((a) => !a.startsWith('--only='))], { cwd: root, stdio: 'inherit', env: node24Env() });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
