// "Tiered: Deep Debug" through the real UI: the palette, the input box taking a pasted trace, the
// cost prompt (model, tokens, price; "Show evidence" opens what will be sent), the root cause
// streamed into the chat panel, "Apply Fix…" -> diff preview + modal -> the editor has the fix,
// and one Ctrl+Z reverts it. The reasoning model is a loopback Anthropic server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeAnthropic, type FakeServer } from '../support/fakeAnthropic';
import { repoRoot } from '../support/paths';
import { openFile, openWorkbench, runCommand, screenshot, waitForText, type Workbench } from './workbench';

const API_KEY = 'sk-ant-api03-DeepDebugUiKey0123456789abcdefABCDEFG';
const FOR_LOOP = '  for (let i = 0; i <= items.length; i++) {';
const ROOT_CAUSE = 'cartTotal loops one past the end of items, so lineTotal gets undefined.';

function fixtureFiles(dir: string, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}/${e.name}`;
    if (e.isDirectory()) Object.assign(out, fixtureFiles(path.join(dir, e.name), rel));
    else out[rel] = fs.readFileSync(path.join(dir, e.name), 'utf8');
  }
  return out;
}

describe('Deep Debug in a real VS Code (UI)', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let fake: FakeServer;
  let failed = false;
  const files = fixtureFiles(path.join(repoRoot, 'test', 'fixtures', 'buggy'), 'buggy');
  const cart = files['buggy/src/cart.ts'];
  const line = (needle: string) => cart.split('\n').findIndex((l) => l.includes(needle)) + 1;

  before(async () => {
    const json = {
      rootCause: ROOT_CAUSE,
      evidence: [{ file: 'buggy/src/cart.ts', line: line(FOR_LOOP), endLine: null, note: 'inclusive bound' }],
      explanation: 'Make the bound exclusive.',
      files: [{ path: 'buggy/src/cart.ts', kind: 'modify', hunks: [{ search: FOR_LOOP, replace: '  for (let i = 0; i < items.length; i++) {' }], content: null }],
      verify: ['npm start prints the charge'],
      confidence: 'high',
    };
    fake = await startFakeAnthropic({ text: `The bound is inclusive.\n\n\`\`\`json\n${JSON.stringify(json, null, 2)}\n\`\`\``, chunk: 40, delayMs: 5 }, { apiKey: API_KEY });
    wb = await openWorkbench({
      files,
      env: { ANTHROPIC_API_KEY: API_KEY },
      settings: {
        'tiered.tier': 'reasoning', 'tiered.reasoning.provider': 'anthropic', 'tiered.reasoning.baseUrl': fake.url,
        'tiered.budget.confirmAboveUsd': 1000, 'tiered.completions.enabled': false,
        'editor.quickSuggestions': { other: false, comments: false, strings: false }, 'editor.wordBasedSuggestions': 'off',
      },
    });
  });
  afterEach(function () { if (this.currentTest?.state === 'failed') failed = true; });
  after(async () => {
    await wb?.close(failed, 'deepDebug');
    await fake?.close();
  });

  it('asks for the trace, shows the cost and the evidence first, streams the root cause into the panel, applies the fix with one undo', async () => {
    const { page } = wb;
    await openFile(page, 'buggy/src/cart.ts');
    await runCommand(page, 'Tiered: Deep Debug');
    // The clipboard holds no trace: the input box takes a pasted one (its line breaks are lost in a single-line box).
    const input = page.locator('.quick-input-widget input');
    await waitForText(page.locator('.quick-input-widget'), /Paste the stack trace/, 20_000);
    const src = `${wb.workspace}/buggy/src`;
    await input.fill(`TypeError: Cannot read properties of undefined (reading 'price')    at lineTotal (${src}/cart.ts:${line('return item.price')}:15)    at cartTotal (${src}/cart.ts:${line('total += lineTotal')}:14)`);
    await page.keyboard.press('Enter');

    // Cost first: model, tokens, price.
    const rows = page.locator('.quick-input-list .monaco-list-row');
    const send = rows.filter({ hasText: 'Send to' }).first();
    await send.waitFor({ timeout: 30_000 });
    const label = await send.innerText();
    assert.match(label, /Send to \S+ — ~[\d,]+ tokens, ~\$\d+\.\d+/);
    // The evidence in brief: one entry per file (cart.ts's failing lines, and any identifiers looked up in it, together).
    const cartEntries = label.split(/; |\n/).filter((e) => e.includes('buggy/src/cart.ts'));
    assert.equal(cartEntries.length, 1, `one entry for cart.ts in: ${label}`);
    assert.match(cartEntries[0], /^buggy\/src\/cart\.ts: failing line /);
    await screenshot(page, 'deep-debug-cost-prompt');
    assert.equal(fake.requests.length, 0, 'nothing is sent before the user says so');
    // "Show evidence" opens what will be sent, then asks beside it (a notification, not a quick pick over the document).
    await rows.filter({ hasText: 'Show evidence' }).first().click();
    await page.locator('.tab[aria-label^="Deep Debug evidence.md"]').first().waitFor({ timeout: 15_000 });
    await waitForText(page.locator('.editor-instance .view-lines').last(), /Cannot read properties/, 15_000);
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'no quick pick covers the evidence');
    await page.locator('.notifications-toasts .monaco-button', { hasText: /^Send$/ }).first().click();

    // The root cause shows in the chat panel as prose in a card, the JSON behind "Raw answer".
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const card = frame.locator('.result-card');
    await waitForText(card, /cartTotal loops one past the end/, 30_000);
    await screenshot(page, 'deep-debug-card');
    assert.equal(await frame.locator('.raw-answer').getAttribute('open'), null, 'the raw answer is collapsed');
    assert.equal(fake.requests.length, 1);
    assert.ok(!fake.requests[0].raw.includes('rk_live_51Hx9'), 'no secret in the request');

    // The result notification offers the fix: diff preview, then a modal.
    const apply = page.locator('.notifications-toasts .monaco-button', { hasText: 'Apply Fix…' }).first();
    await apply.waitFor({ timeout: 20_000 });
    await apply.click();
    const dialog = page.locator('.monaco-dialog-box');
    await waitForText(dialog, /Apply the Deep Debug fix to buggy\/src\/cart\.ts\?/, 20_000);
    await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).first().click();

    // The editor has the fix; one undo reverts it.
    const editorLines = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await waitForText(editorLines, /i < items\.length/, 20_000);
    await waitForText(page.locator('.notifications-toasts'), /Applied the fix to buggy\/src\/cart\.ts/, 20_000);
    await editorLines.click();
    await page.keyboard.press('Control+Z');
    await waitForText(editorLines, /i <= items\.length/, 10_000);
  });
});
