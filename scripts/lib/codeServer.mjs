// Starts a hermetic code-server (a real VS Code) and a headless Chromium to look at it.
// Every run gets fresh, short-pathed folders for user data, extensions, config, XDG and TMPDIR.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerBin, node24, node24Env, root } from './paths.mjs';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const TEST_USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.wordBasedSuggestions': 'off',
  'editor.suggestOnTriggerCharacters': false,
  'security.workspace.trust.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

/**
 * Starts code-server. Options: settings (merged over TEST_USER_SETTINGS), env (extra variables
 * for the extension host), smokeDriver (enable the automation hooks for extension-host tests),
 * installVsix (install this .vsix into the fresh extensions folder first).
 * Returns { url, port, dirs, logFile, stop() }.
 */
export async function startCodeServer({ settings = {}, env = {}, smokeDriver = false, installVsix, label = 'cs', base: fixedBase, port: fixedPort, host = '127.0.0.1', password } = {}) {
  // No authentication is only for this machine: code-server gives a terminal and the files to whoever reaches it.
  if (!password && !isLoopbackHost(host)) throw new Error(`code-server on ${host} needs a password (a non-loopback address without one lets anyone on the network run commands here).`);
  // Short base path: Chromium's socket paths must stay under 107 bytes. `base` keeps state across runs (npm start).
  const base = fixedBase ?? fs.mkdtempSync(path.join('/tmp', `t${label.slice(0, 3)}-`));
  const dirs = {
    base,
    userData: path.join(base, 'ud'),
    extensions: path.join(base, 'ex'),
    xdgConfig: path.join(base, 'xc'),
    xdgData: path.join(base, 'xd'),
    xdgCache: path.join(base, 'xk'),
    tmp: path.join(base, 'tmp'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  // code-server's window is a remote window: VS Code reads `machine`-scoped settings (Tiered's model
  // path and endpoint) only from the remote machine's settings (user-data/Machine/settings.json) and
  // ignores them in the user's settings, once the extension's manifest has registered their scope.
  // So each goes where VS Code reads it, as a user would set it in the "Remote" settings tab.
  const machineKeys = machineScopedKeys();
  const user = {}, machine = {};
  for (const [k, v] of Object.entries(settings)) (machineKeys.has(k) ? machine : user)[k] = v;
  writeSettings(path.join(dirs.userData, 'User', 'settings.json'), { ...TEST_USER_SETTINGS }, user, fixedBase);
  writeSettings(path.join(dirs.userData, 'Machine', 'settings.json'), {}, machine, fixedBase);
  const config = path.join(base, 'config.yaml');
  fs.writeFileSync(config, `auth: ${password ? 'password' : 'none'}\ncert: false\n`);
  const logFile = path.join(base, 'code-server.log');
  const csEnv = node24Env({
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
    VSCODE_PROXY_URI: '',
    ...env,
    ...(password ? { PASSWORD: password } : {}),
  });
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', config];
  if (installVsix) {
    await run(node24, [codeServerBin, ...common, '--install-extension', installVsix, '--force'], csEnv, logFile);
  }
  const port = fixedPort ?? await freePort();
  const args = [codeServerBin, ...common,
    '--bind-addr', `${host}:${port}`, '--auth', password ? 'password' : 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--vscode-option', 'force-disable-user-env'];
  if (smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(node24, args, { env: csEnv, stdio: ['ignore', log, log], detached: true });
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // code-server runs in its own process group (so stop() ends its extension hosts too); make sure
  // it does not outlive a test run that is interrupted.
  const killGroup = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  process.once('exit', killGroup);
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { killGroup(); process.exit(130); });
  await waitForHealth(url, child, logFile);
  return {
    url, port, dirs, logFile,
    async stop() {
      process.removeListener('exit', killGroup);
      if (child.exitCode === null) {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
        const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
        await exited;
        clearTimeout(t);
      }
      fs.closeSync(log);
    },
  };
}

function run(cmd, args, env, logFile) {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'a');
    const p = spawn(cmd, args, { env, stdio: ['ignore', log, log] });
    p.once('exit', (code) => {
      fs.closeSync(log);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(args[0])} ${args.slice(-2).join(' ')} failed (exit ${code}); see ${logFile}`));
    });
  });
}

async function waitForHealth(url, child, logFile, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs / 1000} s; see ${logFile}`);
}

/** Launches headless Chromium (Debian's) with a fresh profile. Returns { context, close() }. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join('/tmp', 'tcr-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    env: { ...process.env, TMPDIR: profile },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Writes a settings file: defaults, then what a kept folder (npm start) already had, then `values`. */
function writeSettings(file, defaults, values, keep) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const kept = keep && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  fs.writeFileSync(file, JSON.stringify({ ...defaults, ...kept, ...values }, null, 2));
}

/** The extension's settings declared with `"scope": "machine"` or `"machine-overridable"` in package.json. */
function machineScopedKeys() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const sections = [pkg.contributes?.configuration ?? []].flat();
  const keys = new Set();
  for (const s of sections) for (const [k, v] of Object.entries(s.properties ?? {})) if (/^machine/.test(v.scope ?? '')) keys.add(k);
  return keys;
}

/** True for an address only this machine can reach (code-server may run without a password there). */
export function isLoopbackHost(host) {
  return /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i.test(String(host));
}

/** The workbench URL that opens `folder` and runs extension-host tests (smoke-test driver). */
export function extensionTestUrl(baseUrl, folder, extensionPath, testsPath) {
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://remote${extensionPath}`],
    ['extensionTestsPath', `vscode-remote://remote${testsPath}`],
  ]);
  return `${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
}

export const tmpRoot = os.tmpdir();
