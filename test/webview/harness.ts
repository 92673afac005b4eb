// Serves the chat webview the way the host does (same strict CSP, as a real response header and
// as the host's <meta>), with a fake `acquireVsCodeApi` that records posted messages and keeps
// state in sessionStorage (so a reload behaves like VS Code hiding and showing the view). An
// "evil" loopback server stands for every remote origin: any hit on it is a failure.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { HostMessage, WebviewMessage } from '../../src/shared/protocol';
import { repoRoot } from '../support/paths';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const FAKE_VSCODE = `(() => {
  const KEY = 'tiered-webview-state';
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called once');
    acquired = true;
    return {
      postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => { const s = sessionStorage.getItem(KEY); return s ? JSON.parse(s) : undefined; },
      setState: (s) => { sessionStorage.setItem(KEY, JSON.stringify(s)); return s; },
    };
  };
  window.__host = (m) => window.dispatchEvent(new MessageEvent('message', { data: m }));
})();`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' };

function page(nonce: string, csp: string | undefined): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ''}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="/dist/codicon.css">
<link rel="stylesheet" href="/media/chat.css">
<title>Tiered Chat (test harness)</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="/harness/fake-vscode.js"></script>
<script nonce="${nonce}" src="/dist/webview.js"></script>
</body>
</html>`;
}

export interface OpenOptions {
  /** false serves the page without any CSP, to prove the sanitizer holds on its own. */
  csp?: boolean;
}

export class PanelHarness {
  /** Requests the page made to anything but the harness origin (remote loads, data: URLs). */
  readonly foreignRequests: string[] = [];
  readonly dialogs: string[] = [];
  readonly pageErrors: string[] = [];

  private constructor(
    private readonly server: http.Server,
    private readonly evil: http.Server,
    private readonly browser: Browser,
    readonly origin: string,
    readonly evilOrigin: string,
    /** Requests that reached the evil server, whoever made them. */
    readonly evilHits: string[],
  ) {}

  static async start(): Promise<PanelHarness> {
    const bundle = path.join(repoRoot, 'dist', 'webview.js');
    if (!fs.existsSync(bundle)) throw new Error('dist/webview.js is missing: run `node esbuild.mjs` first');
    const evilHits: string[] = [];
    const evil = http.createServer((req, res) => {
      evilHits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
      res.end('window.__pwned = "remote script ran";');
    });
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/' || url.pathname === '/panel.html') {
        const nonce = crypto.randomBytes(18).toString('base64');
        const csp = url.searchParams.get('csp') === '0' ? undefined : [
          "default-src 'none'", "style-src 'self'", "font-src 'self'", "img-src 'self'", `script-src 'nonce-${nonce}'`,
        ].join('; ');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(csp ? { 'content-security-policy': csp } : {}) });
        res.end(page(nonce, csp));
        return;
      }
      if (url.pathname === '/harness/fake-vscode.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(FAKE_VSCODE);
        return;
      }
      const m = /^\/(dist|media)\/([\w.-]+)$/.exec(url.pathname);
      const file = m ? path.join(repoRoot, m[1], m[2]) : undefined;
      if (!file || !fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    const listen = (s: http.Server) => new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));
    const [port, evilPort] = await Promise.all([listen(server), listen(evil)]);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    return new PanelHarness(server, evil, browser, `http://127.0.0.1:${port}`, `http://127.0.0.1:${evilPort}`, evilHits);
  }

  /** A fresh panel (new context: empty state). Resolves once the webview posted `ready`. */
  async open(options: OpenOptions = {}): Promise<Page> {
    const context: BrowserContext = await this.browser.newContext({ viewport: { width: 420, height: 640 } });
    const p = await context.newPage();
    p.on('request', (r) => { if (!r.url().startsWith(`${this.origin}/`)) this.foreignRequests.push(r.url()); });
    p.on('dialog', (d) => { this.dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
    p.on('pageerror', (e) => this.pageErrors.push(String(e)));
    p.on('popup', (popup) => this.foreignRequests.push(`popup ${popup.url()}`));
    await p.goto(`${this.origin}/panel.html${options.csp === false ? '?csp=0' : ''}`);
    await this.waitForPosted(p, 'ready');
    return p;
  }

  /** Forgets what earlier pages recorded. */
  reset(): void {
    for (const list of [this.foreignRequests, this.evilHits, this.dialogs, this.pageErrors]) list.length = 0;
  }

  /** Hide and show: VS Code destroys the webview and creates it again with the saved state. */
  async reload(p: Page): Promise<void> {
    await p.reload();
    await this.waitForPosted(p, 'ready');
  }

  /** Delivers a host message the way VS Code does (a window `message` event). */
  async host(p: Page, ...messages: HostMessage[]): Promise<void> {
    await p.evaluate((ms) => { for (const m of ms) (globalThis as unknown as PageGlobals).__host(m); }, messages);
  }

  async posted(p: Page): Promise<WebviewMessage[]> {
    return p.evaluate(() => (globalThis as unknown as PageGlobals).__posted) as Promise<WebviewMessage[]>;
  }

  async postedOfType<K extends WebviewMessage['type']>(p: Page, type: K): Promise<Extract<WebviewMessage, { type: K }>[]> {
    return (await this.posted(p)).filter((m): m is Extract<WebviewMessage, { type: K }> => m.type === type);
  }

  async clearPosted(p: Page): Promise<void> {
    await p.evaluate(() => { (globalThis as unknown as PageGlobals).__posted.length = 0; });
  }

  async waitForPosted(p: Page, type: WebviewMessage['type']): Promise<void> {
    await p.waitForFunction((t) => (globalThis as unknown as Partial<PageGlobals>).__posted?.some((m) => m.type === t), type);
  }

  /** Lets queued frames, timers and resource loads run (used before asserting that nothing happened). */
  async settle(p: Page): Promise<void> {
    await p.evaluate(() => new Promise<void>((resolve) => {
      const g = globalThis as unknown as PageGlobals;
      g.requestAnimationFrame(() => g.requestAnimationFrame(() => g.setTimeout(resolve, 50)));
    }));
  }

  async close(): Promise<void> {
    await this.browser.close();
    await Promise.all([this.server, this.evil].map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); })));
  }
}

/** Just enough of the page's globals for callbacks that run inside the page (this program has no DOM lib). */
export interface PageElement {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  textContent: string | null;
  outerHTML: string;
  dataset: Record<string, string | undefined>;
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  open?: boolean;
  value?: string;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getAttribute(name: string): string | null;
}
export interface PageGlobals {
  document: {
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    querySelector(selector: string): PageElement | null;
    activeElement: PageElement | null;
  };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  __host(message: unknown): void;
  __posted: { type: string; payload: unknown }[];
  __violations: string[];
  __pwned?: unknown;
}
