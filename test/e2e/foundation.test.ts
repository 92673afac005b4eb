import * as assert from 'node:assert/strict';
import { openWorkbench, openFile, paletteMissing, runCommand, tieredStatus, waitForText, type Workbench } from './workbench';

describe('Tiered in a real VS Code, installed from the .vsix (UI)', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let failed = false;

  before(async () => { wb = await openWorkbench(); });
  afterEach(function () { if (this.currentTest?.state === 'failed') failed = true; });
  after(async () => { await wb?.close(failed, 'foundation'); });

  it('activates on startup and shows its status bar item with the tier', async () => {
    const item = tieredStatus(wb.page);
    await item.waitFor({ timeout: 30_000 });
    assert.match(await item.innerText(), /Auto/);
  });

  it('lists the Tiered commands in the command palette', async () => {
    const titles = ['Choose Tier', 'Open Chat', 'Set API Key', 'Choose Local Model', 'Show Usage', 'Toggle Inline Completions'];
    assert.deepEqual(await paletteMissing(wb.page, titles.map((t) => `Tiered: ${t}`)), []);
  });

  it('offers Deep Debug and Refactor in the palette of a workspace (with an editor open too)', async () => {
    await openFile(wb.page, 'src/greet.ts');
    assert.deepEqual(await paletteMissing(wb.page, ['Tiered: Deep Debug', 'Tiered: Refactor Across Files']), []);
  });

  it('chooses the tier from the status bar, and the status bar follows', async () => {
    await tieredStatus(wb.page).click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Local');
    await wb.page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await wb.page.keyboard.press('Enter');
    await waitForText(tieredStatus(wb.page), /Local/);
  });

  it('shows in the status bar when inline completions are off, and back on', async () => {
    await runCommand(wb.page, 'Tiered: Toggle Inline Completions');
    await waitForText(tieredStatus(wb.page), /completions off/);
    await runCommand(wb.page, 'Tiered: Toggle Inline Completions');
    await waitForText(tieredStatus(wb.page), /^(?![\s\S]*completions off)[\s\S]*Local/);
  });

  it('opens the chat view from the palette', async () => {
    await runCommand(wb.page, 'Tiered: Open Chat');
    const frame = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const input = frame.locator('textarea[aria-label^="Message to Tiered"]');
    await input.waitFor({ timeout: 30_000 });
    // A new conversation follows the tier setting ("auto" = the setting chosen above), and the
    // panel's codicons load from the .vsix.
    assert.deepEqual(await frame.locator('select.tier-select option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value)), ['auto', 'local', 'reasoning']);
    const iconFont = await frame.locator('.codicon').first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown, p: string): { fontFamily: string } }).getComputedStyle(el, '::before').fontFamily);
    assert.match(iconFont, /codicon/);
  });
});
