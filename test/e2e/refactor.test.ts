// "Tiered: Refactor Across Files" through the real UI: the palette, the instruction input box, the
// scope choice (current file), the list of files with the estimate before anything is sent
// (neverSend files listed as left out), the answer streamed into the chat panel, VS Code's
// refactor preview, Apply, the files changed on disk. The reasoning model is a loopback Anthropic server.
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
  this.timeout(240_000);
  let wb: Workbench;
  let fake: FakeServer;
  let failed = false;

  before(async () => {
    const files = [
      { path: 'src/shop/money.ts', kind: 'modify', hunks: [{ search: 'export function formatPrice(cents: number): string {', replace: 'export function formatPrice(cents: number, currency: string): string {' }], content: null },
      { path: 'src/shop/receipt.ts', kind: 'modify', hunks: [{ search: 'formatPrice(cents)', replace: "formatPrice(cents, 'USD')" }], content: null },
    ];
    const text = `formatPrice takes a currency.\n\n\`\`\`json\n${JSON.stringify({ explanation: 'Add currency.', files })}\n\`\`\`\n`;
    fake = await startFakeAnthropic({ text, chunk: 40, delayMs: 5 }, { apiKey: API_KEY });
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

  it('asks, lists the files and the cost before sending, previews in the refactor preview, applies on Apply', async () => {
    const { page } = wb;
    await openFile(page, 'src/shop/money.ts');
    await page.waitForTimeout(1500);
    await command(page, 'Tiered: Refactor Across Files');
    const widget = page.locator('.quick-input-widget');
    const input = page.locator('.quick-input-widget input');
    await waitForText(widget, /What should change\?/, 20_000);
    await input.fill('Add a currency parameter to formatPrice and pass USD at every call site');
    await page.keyboard.press('Enter');

    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Current file' }).first().waitFor({ timeout: 20_000 });
    await rows.filter({ hasText: 'Current file' }).first().click();

    const send = rows.filter({ hasText: 'Send (' }).first();
    await send.waitFor({ timeout: 60_000 });
    assert.match(await send.innerText(), /Send \(~\$\d+\.\d+, [\d,]+ tokens in, \S+\)/);
    const list = await widget.innerText();
    for (const f of ['src/shop/money.ts', 'src/shop/receipt.ts', 'src/shop/cart.ts']) assert.ok(list.includes(f), `${f} is listed:\n${list}`);
    assert.match(list, /src\/shop\/tax\.ts[\s\S]*never sent/, 'the neverSend file is listed as left out');
    assert.equal(fake.requests.length, 0, 'nothing is sent before the user says so');
    await send.click();

    // VS Code's refactor preview: Apply.
    const pane = page.locator('.bulk-edit-panel');
    await pane.waitFor({ timeout: 60_000 });
    await waitForText(pane, /money\.ts[\s\S]*receipt\.ts|receipt\.ts[\s\S]*money\.ts/, 20_000);
    await page.screenshot({ path: path.join(repoRoot, '.artifacts', 'ui', 'refactor-preview.png') });
    const apply = pane.locator('.monaco-button').filter({ hasText: /^Apply$/ }).first();
    await apply.waitFor({ timeout: 10_000 });
    assert.equal(fake.requests.length, 1);
    assert.ok(!fake.requests[0].raw.includes('TAX-RULES-PRIVATE-MARKER'));
    // Edits that need confirmation start unchecked: accept both files (a file's box checks its hunks).
    for (const name of ['money.ts', 'receipt.ts']) {
      await pane.locator('.monaco-list-row').filter({ hasText: name }).first().locator('.monaco-checkbox, .monaco-custom-toggle').first().click();
    }
    await apply.click();

    await command(page, 'File: Save All');
    const money = path.join(wb.workspace, 'src/shop/money.ts');
    const receipt = path.join(wb.workspace, 'src/shop/receipt.ts');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !fs.readFileSync(receipt, 'utf8').includes("'USD'")) await page.waitForTimeout(200);
    assert.match(fs.readFileSync(money, 'utf8'), /formatPrice\(cents: number, currency: string\)/);
    assert.match(fs.readFileSync(receipt, 'utf8'), /formatPrice\(cents, 'USD'\)/);
  });
});
