import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeTinyGguf } from '../support/tinyGguf';
import { answers, ask, clickModal, eventually, finished, openChat } from './chatHelpers';
import { openWorkbench, openFile, runCommand, screenshot, tieredStatus, waitForText, type Workbench } from './workbench';

describe('inline completions from the local model, in a real VS Code (UI)', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let failed = false;
  const model = path.join(fs.mkdtempSync('/tmp/tmodel-'), 'tiny.gguf');

  before(async () => {
    writeTinyGguf(model);
    wb = await openWorkbench({
      settings: { 'tiered.local.modelPath': model, 'tiered.local.threads': 1, 'editor.inlineSuggest.enabled': true },
      files: { 'src/letters.ts': 'export const first = 1;\n' },
    });
  });
  afterEach(function () { if (this.currentTest?.state === 'failed') failed = true; });
  after(async () => {
    await wb?.close(failed, 'completions');
    fs.rmSync(path.dirname(model), { recursive: true, force: true });
  });

  it('labels the demo model in the status bar before it has loaded', async () => {
    // One label, read from the model file's header: no completion has run yet.
    await waitForText(tieredStatus(wb.page), /Auto · demo model/, 60_000);
  });

  it('shows ghost text from the tiny model while typing, and Tab accepts it into the file', async () => {
    const { page } = wb;
    await openFile(page, 'src/letters.ts');
    // Inline completions are wired up once the editor is idle after opening.
    await page.waitForTimeout(1500);
    await page.locator('.editor-instance .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('const abc', { delay: 60 });
    const ghost = page.locator('.monaco-editor .ghost-text-decoration').first();
    await ghost.waitFor({ timeout: 60_000 });
    const shown = await ghost.innerText();
    assert.match(shown, /^defg/, `ghost text was ${JSON.stringify(shown)}`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+S');
    const file = path.join(wb.workspace, 'src/letters.ts');
    const deadline = Date.now() + 10_000;
    let text = '';
    while (Date.now() < deadline) {
      text = fs.readFileSync(file, 'utf8');
      if (text.includes('const abcdefg')) break;
      await page.waitForTimeout(200);
    }
    assert.match(text, /const abcdefghijklmnopqrstuvwxyz/, text);
  });

  it('labels the demo model in the status bar once it has loaded', async () => {
    const item = tieredStatus(wb.page);
    await item.hover();
    await wb.page.getByText(/demo model: predicts letters, not code/).first().waitFor({ timeout: 15_000 });
    // The completion that was served counts as a local request in the tooltip.
    await wb.page.getByText(/Tokens today: [1-9][\d,]* local/).first().waitFor({ timeout: 5_000 });
    assert.doesNotMatch(await item.innerText(), /\b0 ms/, 'never "0 ms"');
  });

  it('without an API key: the answer says so once with a Set API Key button; Escalate asks for the key, never answers locally again', async () => {
    const frame = await openChat(wb.page);
    await frame.locator('select.tier-select').selectOption('reasoning');
    const answer = await ask(frame, 'Spell the alphabet please');
    await finished(answer);
    assert.match(await answer.locator('.badge').innerText(), /Local/);
    const reason = await answer.locator('.badge-reason').innerText();
    assert.equal(reason.match(/no API key/g)?.length, 1, `said once: ${reason}`);
    assert.ok(await answer.locator('button.action-set-key').isVisible(), 'a Set API Key button in the answer');
    await answer.locator('button.action-escalate').click();
    const keyInput = wb.page.locator('.quick-input-widget');
    await waitForText(keyInput, /API key/, 15_000);
    await wb.page.keyboard.press('Escape');
    await eventually(async () => /needs an API key/.test(await frame.locator('.banner').innerText().catch(() => '')), 'the banner to say the escalation needs a key');
    assert.equal(await answers(frame).count(), 1, 'no second, local answer');
  });

  it('Choose Local Model: Enter keeps the model, no icon codes in separators, every row readable, a download asks first', async () => {
    const { page } = wb;
    await runCommand(page, 'Tiered: Choose Local Model');
    const list = page.locator('.quick-input-list');
    const rows = list.locator('.monaco-list-row');
    const gguf = rows.filter({ hasText: 'Use a GGUF file on disk' }).first();
    await gguf.waitFor();
    assert.doesNotMatch(await list.innerText(), /\$\(/, 'no literal $(icon) codes');
    assert.match(await list.locator('.monaco-list-row.focused').innerText(), /Keep tiny\.gguf/, 'the default row keeps the current model');
    const [box, row] = [await list.boundingBox(), await gguf.boundingBox()];
    assert.ok(box && row && row.y >= box.y && row.y + row.height <= box.y + box.height + 1, '"Use a GGUF file…" shows without scrolling');
    const rec = rows.filter({ hasText: 'Recommended' }).first();
    // The row's label and description (not the separator beside it) are shown whole.
    const clipped = await rec.evaluate((el) => Array.from((el as unknown as { querySelectorAll(s: string): ArrayLike<{ className: string; scrollWidth: number; clientWidth: number }> }).querySelectorAll('.label-name, .label-description'))
      .filter((n) => n.clientWidth > 0 && n.scrollWidth > n.clientWidth + 1).map((n) => n.className));
    assert.deepEqual(clipped, [], '"Recommended" and its download size are not cut off');
    await rec.click();
    const message = await clickModal(page, 'Cancel');
    assert.match(message, /Download .+\?/);
    assert.match(message, /About [\d.]+ (GB|MB)/);
    assert.equal(await page.locator('.notifications-toasts').filter({ hasText: 'downloading' }).count(), 0, 'no download started');
    await runCommand(page, 'Tiered: Choose Local Model');
    await gguf.waitFor();
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'hidden' });
    await waitForText(tieredStatus(page), /demo model/);
    await screenshot(page, 'choose-local-model-after');
  });
});
