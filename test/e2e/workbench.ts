// A real VS Code (code-server) in headless Chromium, with Tiered installed from the .vsix as a
// user installs it. Shared by the UI tests: start, helpers to drive the workbench, artifacts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { repoRoot } from '../support/paths';

interface CodeServer { url: string; logFile: string; dirs: { userData: string; base: string }; stop(): Promise<void> }
interface Browser { context: BrowserContext; close(): Promise<void> }

export interface Workbench {
  page: Page;
  workspace: string;
  server: CodeServer;
  close(failed: boolean, name: string): Promise<void>;
}

type CsLib = {
  startCodeServer(o: object): Promise<CodeServer>;
  launchBrowser(): Promise<Browser>;
};

const importEsm = new Function('p', 'return import(p)') as (p: string) => Promise<unknown>;

export async function openWorkbench(opts: { settings?: Record<string, unknown>; env?: Record<string, string>; files?: Record<string, string> } = {}): Promise<Workbench> {
  const vsix = process.env.TIERED_VSIX;
  if (!vsix || !fs.existsSync(vsix)) throw new Error('TIERED_VSIX must name the .vsix built by `npm run package` (scripts/test.mjs sets it).');
  const lib = (await importEsm(path.join(repoRoot, 'scripts', 'lib', 'codeServer.mjs'))) as CsLib;
  const workspace = fs.mkdtempSync('/tmp/tuw-');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  for (const [rel, text] of Object.entries(opts.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), text);
  }
  const server = await lib.startCodeServer({ installVsix: vsix, settings: opts.settings, env: opts.env, label: 'ui' });
  const browser = await lib.launchBrowser();
  const page = await browser.context.newPage();
  // Generous: a loaded 2-core machine can take a minute to bring up the workbench.
  page.setDefaultTimeout(60_000);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 180_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  return {
    page, workspace, server,
    async close(failed: boolean, name: string) {
      if (failed) {
        const dir = path.join(repoRoot, '.artifacts', 'ui');
        fs.mkdirSync(dir, { recursive: true });
        const safe = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
        await page.screenshot({ path: path.join(dir, `${safe}.png`) }).catch(() => {});
        fs.copyFileSync(server.logFile, path.join(dir, `${safe}-code-server.log`));
        const logs = path.join(server.dirs.userData, 'logs');
        if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dir, `${safe}-logs`), { recursive: true });
        console.error(`      screenshot and logs: ${dir}/${safe}*`);
      }
      await browser.close();
      await server.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(server.dirs.base, { recursive: true, force: true });
    },
  };
}

/** For each title: types it into the command palette and waits for a row with exactly that command. Returns the titles not found. */
export async function paletteMissing(page: Page, titles: string[], timeoutMs = 8000): Promise<string[]> {
  const missing: string[] = [];
  for (const title of titles) {
    const input = await openPalette(page);
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
    try { await row.waitFor({ timeout: timeoutMs }); } catch { missing.push(title); }
  }
  await page.keyboard.press('Escape');
  return missing;
}

/** Opens the command palette and types a query; returns the visible row labels. */
export async function paletteRows(page: Page, query: string): Promise<string[]> {
  const input = await openPalette(page);
  await input.fill(`>${query}`);
  await page.waitForTimeout(300);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 10_000 });
  return rows.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await paletteRows(page, title);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().click();
}

/** The Tiered status bar item. */
export function tieredStatus(page: Page) {
  return page.locator('.statusbar-item[aria-label^="Tiered"], .statusbar-item:has([aria-label^="Tiered"])').first();
}

/** Opens a workspace file in the editor via Quick Open. */
export async function openFile(page: Page, rel: string): Promise<void> {
  const tab = page.locator(`.tab[aria-label^="${path.basename(rel)}"]`).first();
  // Already the active editor (an applied fix opens its file): Quick Open would list it hidden.
  if (await page.locator(`.tab.active[aria-label^="${path.basename(rel)}"]`).count() > 0) return;
  // A modal that is closing (Apply) makes the workbench inert, and a Quick Open opened under it
  // closes with it: wait for it to go, and open Quick Open afresh when it closed under us.
  await page.waitForFunction('!document.querySelector(".monaco-dialog-modal-block")', undefined, { timeout: 20_000 }).catch(() => {});
  const input = page.locator('.quick-input-widget input');
  for (let open = 1; ; open++) {
    try {
      await focusWorkbench(page);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(rel, { timeout: 10_000 });
      break;
    } catch (e) {
      if (await page.locator(`.tab.active[aria-label^="${path.basename(rel)}"]`).count() > 0) return;
      if (open >= 4) throw e;
    }
  }
  // The list shows recent files (and recent diff editors, "a.ts: current ↔ …") until the filter
  // applies, and rows go as it does: open the row that names the file itself, re-querying if the
  // row we aimed at went away.
  // (A file open in a diff editor is listed only as that diff editor: then take that row.)
  const named = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: path.basename(rel) });
  for (let attempt = 1; ; attempt++) {
    try {
      await named.first().waitFor({ timeout: 5_000 });
      const plain = named.filter({ hasNotText: '↔' });
      await ((await plain.count()) > 0 ? plain : named).first().click({ timeout: 5_000 });
      break;
    } catch (e) {
      // The file is open in a tab Quick Open will not list: close Quick Open and use the tab.
      if (attempt >= 2 && await tab.count() > 0) { await page.keyboard.press('Escape'); await tab.click(); break; }
      if (attempt >= 6) throw e;
    }
  }
  await tab.waitFor();
}

/** Waits until the locator's text matches (the workbench updates asynchronously). */
export async function waitForText(locator: Locator, re: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await locator.innerText().catch(() => '');
    // Editors wrap long lines: match the text with its line breaks folded too.
    if (re.test(last) || re.test(last.replace(/\s+/g, ' '))) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected text matching ${re}, last saw ${JSON.stringify(last)}`);
}

/** Takes the keyboard focus out of a webview iframe (whose keys the workbench does not see). */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.evaluate('document.activeElement && document.activeElement.tagName === "IFRAME" && document.activeElement.blur()');
}

/**
 * Opens the command palette afresh. A quick input that is still closing (Quick Open after Enter)
 * looks visible for a moment, so close whatever is open and press F1 every time.
 */
export async function openPalette(page: Page) {
  await focusWorkbench(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[aria-describedby="quickInput_message"]');
  await page.waitForFunction('(() => { const w = document.querySelector(".quick-input-widget"); return !!w && getComputedStyle(w).display !== "none"; })()');
  await input.waitFor();
  return input;
}

/**
 * Evidence for a review (before/after pictures of a flow): saves a small PNG of the page as
 * .artifacts/shots/<name>.png when TIERED_SCREENSHOTS=1; does nothing otherwise.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.TIERED_SCREENSHOTS !== '1') return;
  const dir = path.join(repoRoot, '.artifacts', 'shots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) }).catch(() => {});
}
