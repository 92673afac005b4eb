// npm start [-- --model PATH] [--port N] [--folder DIR] [--host ADDR] [--check]
// Builds and packs the extension, installs it into code-server (a real VS Code, installed once
// into ~/.cache/tiered), opens a sample workspace and prints the URL to open. Without --model it
// uses the demo code model committed in models/ (a 5M-parameter model trained here, completions
// only; the tiny letters-only model if that file is missing) so the whole flow can be seen
// offline. Ctrl+C stops it. --check: start, make sure the printed URL serves the workbench, stop
// (CI runs `npm start -- --check --port 0` from an empty cache: the path a new user takes).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer } from './code-server.mjs';
import { packageVsix } from './package.mjs';
import { isLoopbackHost, startCodeServer } from './lib/codeServer.mjs';
import { cacheDir, root } from './lib/paths.mjs';

const { values } = parseArgs({ options: {
  model: { type: 'string' }, port: { type: 'string', default: '8080' }, folder: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' },
  check: { type: 'boolean', default: false },
} });

// Listening beyond this machine: code-server must ask for a password (it gives a terminal, the
// files and the API keys to whoever reaches it). Checked before anything is installed or built.
const password = process.env.PASSWORD || undefined;
if (!isLoopbackHost(values.host) && !password) {
  console.error(`Refusing --host ${values.host} without a password: anyone who can reach it could run commands on this machine.\nSet one with PASSWORD=... npm start -- --host ${values.host}, or keep the default 127.0.0.1.`);
  process.exit(2);
}

let vsix;
try {
  ensureCodeServer();
  vsix = packageVsix();
} catch (e) {
  console.error(`\n${e.message}`);
  process.exit(1);
}
const state = path.join(cacheDir, 'start');
fs.mkdirSync(state, { recursive: true });

let folder = values.folder && path.resolve(values.folder);
if (!folder) {
  folder = path.join(state, 'sample-workspace');
  if (!fs.existsSync(folder)) fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), folder, { recursive: true });
}

let modelPath = values.model && path.resolve(values.model);
let demo = '';
const demoCoder = path.join(root, 'models', 'tiered-demo-coder.gguf');
if (!modelPath && fs.existsSync(demoCoder)) {
  // The small code model trained in this repository (models/tiered-demo-coder.md).
  modelPath = demoCoder;
  demo = 'DEMO model: a 5M-parameter code model trained here, completions only — pass --model PATH for a real one';
} else if (!modelPath) {
  modelPath = path.join(state, 'tiered-demo-tiny.gguf');
  const maker = path.join(root, 'scripts', 'make-tiny-model.mjs');
  const r = spawnSync(process.execPath, [maker, modelPath], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
  demo = 'DEMO model: predicts letters, not code — pass --model PATH for a real one';
} else if (!fs.existsSync(modelPath)) {
  console.error(`No model file at ${modelPath}.`);
  process.exit(1);
}

const settings = {
  'workbench.startupEditor': 'none',
  ...(modelPath ? { 'tiered.local.modelPath': modelPath } : {}),
};
const server = await startCodeServer({ installVsix: vsix, settings, label: 'start', base: path.join(state, 'code-server'), port: Number(values.port) || undefined, host: values.host, password })
  .catch((e) => { console.error(`\nCould not start code-server: ${e.message}`); process.exit(1); });
console.log("\nTiered is running in a real VS Code (code-server).");
console.log(`Workspace: ${folder}`);
if (modelPath) console.log(`Local model: ${modelPath}${demo ? `  (${demo})` : ''}`);
console.log(`\n  Open  ${server.url}/?folder=${encodeURIComponent(folder)}${password ? '  (password: the PASSWORD you set)' : ''}\n`);
if (values.check) {
  const res = await fetch(`${server.url}/?folder=${encodeURIComponent(folder)}`).catch((e) => ({ ok: false, status: e.message }));
  const page = res.ok ? await res.text() : '';
  const installed = fs.readdirSync(server.dirs.extensions).some((d) => d.startsWith('tiered.tiered-'));
  await server.stop();
  if (!installed) {
    console.error(`Tiered is not among the installed extensions in ${server.dirs.extensions}; see ${server.logFile}.`);
    process.exit(1);
  }
  if (!page.includes('workbench')) {
    console.error(`The URL did not serve the VS Code workbench (${res.status}); see ${server.logFile}.`);
    process.exit(1);
  }
  console.log('Check passed: the URL serves the workbench with Tiered installed.');
  process.exit(0);
}
console.log(`Log: ${server.logFile}. Ctrl+C to stop.`);
const stop = async () => { await server.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await new Promise(() => {});
