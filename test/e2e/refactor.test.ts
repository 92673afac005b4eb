// "Tiered: Refactor Across Files" through the real UI: the palette, the instruction input box, the
// scope choice (current file), the list of files with the estimate before anything is sent
// (neverSend files listed as left out), the answer streamed into the chat panel, the preview with
// every validated edit selected (Apply applies them), the files changed on disk. A change that
// also creates a file that runs code (.vscode/tasks.json) opens VS Code's refactor preview with the
// ordinary edits checked and that file unchecked under a warning. The reasoning model is a loopback
// Anthropic server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeAnthropic, type FakeServer } from '../support/fakeAnthropic';
import { repoRoot } from '../support/paths';
import { openFile, openWorkbench, runCommand, waitForText, type Workbench } from './workbench';

const API_KEY = 'sk-ant-api03-RefactorUiKey0123456789abcdefABCDEFG';

/** runCommand, once more after a pause: under load the palette can list a command late. */
async function command(page: Workbench['page'], title: string): Promise<void> {
  await runCommand(page, title).catch(async () => {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(3000);
    await runCommand(page, title);
  });
}

describe('Refactor Across Files in a real VS Code (UI)', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let fake: FakeServer;
  let failed = false;
  const MONEY = { path: 'src/shop/money.ts', kind: 'modify', hunks: [{ search: 'export function formatPrice(cents: number): string {', replace: 'export function formatPrice(cents: number, currency: string): string {' }], content: null };
  const RECEIPT = { path: 'src/shop/receipt.ts', kind: 'modify', hunks: [{ search: 'formatPrice(cents)', replace: "formatPrice(cents, 'USD')" }], content: null };
  const TASKS = { path: '.vscode/tasks.json', kind: 'create', hunks: null, content: '{"version":"2.0.0","tasks":[{"label":"pwn","type":"shell","command":"echo pwned","runOptions":{"runOn":"folderOpen"}}]}' };
  const reply = (files: object[]) => `formatPrice takes a currency.\n\n\`\`\`json\n${JSON.stringify({ explanation: 'Add currency.', files })}\n\`\`\`\n`;

  before(async () => {
    // First refactor: the two ordinary edits. Second: the same plus a task that runs on folder open.
    fake = await startFakeAnthropic((req) => ({ text: reply(req.raw.includes('formatPrice again') ? [MONEY, RECEIPT, TASKS] : [MONEY, RECEIPT]), chunk: 40, delayMs: 5 }), { apiKey: API_KEY });
    wb = await openWorkbench({
      env: { ANTHROPIC_API_KEY: API_KEY },
      settings: {
        'tiered.tier': 'auto', 'tiered.reasoning.provider': 'anthropic', 'tiered.reasoning.baseUrl': fake.url,
        // Above the confirm threshold: accepting the file list is the one confirmation (no second modal).
        'tiered.budget.confirmAboveUsd': 0.001, 'tiered.completions.enabled': false,
        'tiered.privacy.neverSend': ['**/.env', 'src/shop/tax.ts'],
        'editor.quickSuggestions': { other: false, comments: false, strings: false }, 'editor.wordBasedSuggestions': 'off',
      },
    });
  });
  afterEach(function () { if (this.currentTest?.state === 'failed') failed = true; });
  after(async () => {
    await wb?.close(failed, 'refactor');
    await fake?.close();
  });

  /** Palette -> instruction -> "Current file" -> the file list with the estimate -> Send. */
  async function askAndSend(page: Workbench['page'], instruction: string): Promise<void> {
    await openFile(page, 'src/shop/money.ts');
    await page.waitForTimeout(1500);
    await command(page, 'Tiered: Refactor Across Files');
    const widget = page.locator('.quick-input-widget');
    const input = page.locator('.quick-input-widget input');
    await waitForText(widget, /What should change\?/, 20_000);
    await input.fill(instruction);
    await page.keyboard.press('Enter');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Current file' }).first().waitFor({ timeout: 20_000 });
    await rows.filter({ hasText: 'Current file' }).first().click();
    const send = rows.filter({ hasText: 'Send (' }).first();
    await send.waitFor({ timeout: 60_000 });
    // The estimate is the first step's; the agent's limits (tiered.agent.*) are stated before the start.
    assert.match(await send.innerText(), /Send \(~\$\d+\.\d+, [\d,]+ tokens in, \S+ for the first step; at most 12 steps and \$0\.50 \(400,000 tokens\) in all\)/);
    const list = await widget.innerText();
    for (const f of ['src/shop/money.ts', 'src/shop/receipt.ts', 'src/shop/cart.ts']) assert.ok(list.includes(f), `${f} is listed:\n${list}`);
    assert.match(list, /src\/shop\/tax\.ts[\s\S]*never sent/, 'the neverSend file is listed as left out');
    await send.click();
  }

  async function onDisk(rel: string, re: RegExp, page: Workbench['page']): Promise<string> {
    await command(page, 'File: Save All');
    const file = path.join(wb.workspace, rel);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !re.test(fs.readFileSync(file, 'utf8'))) await page.waitForTimeout(200);
    return fs.readFileSync(file, 'utf8');
  }

  it('asks, lists the files and the cost before sending, previews every file, and Apply applies every validated edit', async () => {
    const { page } = wb;
    const before = { money: fs.readFileSync(path.join(wb.workspace, 'src/shop/money.ts'), 'utf8'), receipt: fs.readFileSync(path.join(wb.workspace, 'src/shop/receipt.ts'), 'utf8') };
    await askAndSend(page, 'Add a currency parameter to formatPrice and pass USD at every call site');
    // The preview: both files' diffs, and one Apply that applies both (nothing starts deselected).
    const dialog = page.locator('.monaco-dialog-box');
    await waitForText(dialog, /Apply the Refactor:[\s\S]*to 2 files\?/, 60_000);
    assert.equal(fake.requests.length, 1);
    assert.ok(!fake.requests[0].raw.includes('TAX-RULES-PRIVATE-MARKER'));
    await page.screenshot({ path: path.join(repoRoot, '.artifacts', 'ui', 'refactor-preview.png') });
    await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).first().click();
    assert.match(await onDisk('src/shop/receipt.ts', /'USD'/, page), /formatPrice\(cents, 'USD'\)/);
    assert.match(fs.readFileSync(path.join(wb.workspace, 'src/shop/money.ts'), 'utf8'), /formatPrice\(cents: number, currency: string\)/);
    // Back to the start for the next scenario.
    fs.writeFileSync(path.join(wb.workspace, 'src/shop/money.ts'), before.money);
    fs.writeFileSync(path.join(wb.workspace, 'src/shop/receipt.ts'), before.receipt);
    await page.waitForTimeout(1500);
  });

  it('with a file that runs code in the answer: the refactor preview starts with the ordinary edits checked and that file unchecked', async () => {
    const { page } = wb;
    await command(page, 'View: Close All Editors').catch(() => undefined);
    await askAndSend(page, 'Add a currency parameter to formatPrice again');
    const pane = page.locator('.bulk-edit-panel');
    await pane.waitFor({ timeout: 60_000 });
    await waitForText(page.locator('.notifications-toasts'), /\.vscode\/tasks\.json can run code[\s\S]*unchecked/, 20_000);
    await waitForText(pane, /money\.ts[\s\S]*receipt\.ts|receipt\.ts[\s\S]*money\.ts/, 20_000);
    await page.screenshot({ path: path.join(repoRoot, '.artifacts', 'ui', 'refactor-preview-sensitive.png') });
    const apply = pane.locator('.monaco-button').filter({ hasText: /^Apply$/ }).first();
    await apply.waitFor({ timeout: 10_000 });
    await apply.click(); // no checkbox touched
    assert.match(await onDisk('src/shop/receipt.ts', /'USD'/, page), /formatPrice\(cents, 'USD'\)/, 'the ordinary edits started checked');
    assert.match(fs.readFileSync(path.join(wb.workspace, 'src/shop/money.ts'), 'utf8'), /currency: string/);
    assert.ok(!fs.existsSync(path.join(wb.workspace, '.vscode', 'tasks.json')), 'the file that runs code started unchecked and was not created');
  });
});
