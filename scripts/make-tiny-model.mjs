// Writes the tiny demo GGUF model (predicts letters, not code) for offline runs and tests.
// Usage: node scripts/make-tiny-model.mjs OUT.gguf [--broken truncated|magic|version|architecture]
// One implementation: this bundles test/support/tinyGguf.ts with esbuild on the fly.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const out = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--broken');
const brokenAt = args.indexOf('--broken');
const broken = brokenAt >= 0 ? args[brokenAt + 1] : undefined;
if (!out) {
  console.error('Usage: node scripts/make-tiny-model.mjs OUT.gguf [--broken truncated|magic|version|architecture]');
  process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-gguf-'));
const bundle = path.join(tmp, 'tinyGguf.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'test/support/tinyGguf.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
const { writeTinyGguf } = createRequire(import.meta.url)(bundle);
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
writeTinyGguf(path.resolve(out), broken ? { broken } : {});
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`Wrote ${path.resolve(out)} (${fs.statSync(out).size} bytes)${broken ? `, broken: ${broken}` : ', the demo model: it predicts letters, not code'}`);
