// Runs the extension-host test layer: code-server with the smoke-test driver, Chromium opening a
// workbench whose payload names our extension and the compiled mocha entry (test/integration).
import fs from 'node:fs';
import path from 'node:path';
import { extensionTestUrl, launchBrowser, startCodeServer } from './codeServer.mjs';
import { root, artifactsDir } from './paths.mjs';

export async function runExtensionHostTests({ env = {}, timeoutMs = 10 * 60_000 } = {}) {
  const workspace = fs.mkdtempSync('/tmp/tws-');
  fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const server = await startCodeServer({ smokeDriver: true, env, label: 'ext' });
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    let resolveExit;
    const exit = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = formatConsoleArgs(Array.isArray(args) ? args : [args]);
      if (!NOISE.some((re) => re.test(text))) process.stdout.write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    // TIERED_OUT_DIR: where tsc put the compiled tests (default out/).
    const testsPath = path.join(process.env.TIERED_OUT_DIR ? path.resolve(process.env.TIERED_OUT_DIR) : path.join(root, 'out'), 'test', 'integration', 'index.js');
    await page.goto(extensionTestUrl(server.url, workspace, root, testsPath), { timeout: 180_000 });
    const timer = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs));
    const code = await Promise.race([exit, timer]);
    if (code !== 0) {
      fs.mkdirSync(artifactsDir, { recursive: true });
      await page.screenshot({ path: path.join(artifactsDir, 'exthost-failure.png') }).catch(() => {});
      fs.copyFileSync(server.logFile, path.join(artifactsDir, 'exthost-code-server.log'));
      copyExtHostLogs(server.dirs.userData, path.join(artifactsDir, 'exthost-logs'));
      console.error(code === 'timeout' ? 'Extension-host tests timed out.' : `Extension-host tests exited with ${code}.`);
      console.error(`Screenshot and logs in ${artifactsDir}`);
    }
    return code === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

export function copyExtHostLogs(userData, dest) {
  const logs = path.join(userData, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, dest, { recursive: true });
}

// Workbench chatter that says nothing about our tests.
const NOISE = [/^Ignoring fetching additional builtin extensions/, /^Updating additional builtin extensions cache/,
  /^\[AccountPolicyGate\]/, /^\[AgentHost/, /authentication provider 'github'/, /^\s+at .*workbench\.js/];

/** console.log-style formatting of what the extension host logged (%s, %d, %i, %f, %o, %j). */
export function formatConsoleArgs(args) {
  const str = (a) => (typeof a === 'string' ? a : JSON.stringify(a));
  if (typeof args[0] !== 'string' || !/%[sdifoOjc%]/.test(args[0])) return args.map(str).join(' ');
  let i = 1;
  const head = args[0].replace(/%([sdifoOjc%])/g, (m, k) => {
    if (k === '%') return '%';
    if (i >= args.length) return m;
    const v = args[i++];
    if (k === 'c') return '';
    if (k === 'd' || k === 'i') return String(Math.trunc(Number(v)));
    if (k === 'f') return String(Number(v));
    return str(v);
  });
  return [head, ...args.slice(i).map(str)].join(' ');
}
