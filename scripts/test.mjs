// The whole test suite: build + typecheck + lint, then three layers —
//   unit     mocha in plain Node (Node 24) over src/core
//   exthost  mocha inside the extension host of a real VS Code (code-server)
//   ui       playwright-core driving code-server in headless Chromium, extension from the .vsix
// Usage: node scripts/test.mjs [static|unit|exthost|ui ...]   (default: all)
// Ends with one line "N passed, N failed" totalling every layer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, node24, node24Env, artifactsDir } from './lib/paths.mjs';

const ALL = ['static', 'unit', 'webview', 'exthost', 'ui'];
const wanted = process.argv.slice(2).filter((a) => ALL.includes(a));
const layers = wanted.length ? wanted : ALL;
const countsFile = path.join(artifactsDir, 'counts.jsonl');
fs.mkdirSync(artifactsDir, { recursive: true });
fs.rmSync(countsFile, { force: true });

const totals = { passed: 0, failed: 0, pending: 0 };
const record = (layer, passed, failed, pending = 0) => {
  totals.passed += passed; totals.failed += failed; totals.pending += pending;
  console.log(`\n[${layer}] ${passed} passed, ${failed} failed${pending ? `, ${pending} pending` : ''}\n`);
};

function sh(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status === 0;
}

/** Runs a mocha layer and reads its counts from the count reporter; a crash counts as a failure. */
function mochaLayer(layer, files, extraEnv = {}, extraArgs = []) {
  const before = readCounts().length;
  const ok = sh(node24, [path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
    '--reporter', path.join(root, 'test', 'support', 'count-reporter.cjs'), '--timeout', '30000', ...extraArgs, ...files], {
    env: node24Env({ TIERED_COUNTS_FILE: countsFile, TIERED_LAYER: layer, ...extraEnv }),
  });
  tally(layer, before, ok);
}

function readCounts() {
  return fs.existsSync(countsFile) ? fs.readFileSync(countsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

function tally(layer, before, ok) {
  const mine = readCounts().slice(before);
  const passed = mine.reduce((a, c) => a + c.passed, 0);
  const failed = mine.reduce((a, c) => a + c.failed, 0);
  const pending = mine.reduce((a, c) => a + c.pending, 0);
  // A runner that died before reporting still fails the layer.
  record(layer, passed, failed || (ok ? 0 : 1), pending);
}

const started = Date.now();
// Build once: the bundles (esbuild) and the compiled tests (tsc emits out/, which also typechecks).
// TIERED_SKIP_BUILD=1 reuses dist/ and out/ as they are (for quick local reruns; CI never sets it).
const built = process.env.TIERED_SKIP_BUILD === '1'
  || (sh(process.execPath, ['esbuild.mjs']) && sh(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']));
if (!built) record('build', 0, 1);

if (built && layers.includes('static')) {
  const checks = [
    ['webview typecheck', [process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'src/webview']]],
    ['lint (incl. layer rule)', [process.execPath, [path.join('node_modules', 'eslint', 'bin', 'eslint.js'), 'src', 'test', 'scripts']]],
  ];
  let passed = 0; let failed = 0;
  for (const [name, [cmd, args]] of checks) {
    console.log(`\n== ${name}`);
    if (sh(cmd, args)) passed++; else { failed++; console.error(`${name} failed`); }
  }
  record('static', passed, failed);
}

if (built && layers.includes('unit')) {
  console.log('\n== unit (mocha, plain Node 24)');
  mochaLayer('unit', ['out/test/unit/**/*.test.js']);
}

if (built && layers.includes('webview')) {
  console.log('\n== webview (the chat panel\'s browser code in headless Chromium, hostile model output)');
  mochaLayer('webview', ['out/test/webview/**/*.test.js']);
}

if (built && layers.includes('exthost')) {
  console.log('\n== extension host (mocha inside code-server)');
  const { ensureCodeServer } = await import('./code-server.mjs');
  const { runExtensionHostTests } = await import('./lib/exthost.mjs');
  const before = readCounts().length;
  let code = 1;
  try {
    ensureCodeServer();
    code = await runExtensionHostTests({ env: { TIERED_COUNTS_FILE: countsFile, TIERED_LAYER: 'exthost' } });
  } catch (e) {
    console.error(`extension-host layer could not run: ${e.message}`);
  }
  tally('exthost', before, code === 0);
}

if (built && layers.includes('ui')) {
  console.log('\n== UI (Playwright + code-server, extension installed from the .vsix)');
  let vsix;
  try {
    const { ensureCodeServer } = await import('./code-server.mjs');
    ensureCodeServer();
    const { packageVsix } = await import('./package.mjs');
    vsix = packageVsix({ quiet: true });
  } catch (e) {
    console.error(`UI layer could not run: ${e.message}`);
    record('ui', 0, 1);
  }
  // A real browser driving a real workbench on two busy cores: a test that fails once on workbench
  // timing gets one more try; the reporter lists every retry with its first error.
  if (vsix) mochaLayer('ui', ['out/test/e2e/**/*.test.js'], { TIERED_VSIX: vsix }, ['--retries', '1']);
}

console.log(`Total time ${Math.round((Date.now() - started) / 1000)} s`);
const summary = `${totals.passed} passed, ${totals.failed} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`;
fs.writeFileSync(path.join(artifactsDir, 'summary.txt'), `${summary}\n`);
console.log(summary);
process.exit(totals.failed ? 1 : 0);
