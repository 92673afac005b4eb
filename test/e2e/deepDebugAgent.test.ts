// Deep Debug as an agent in a real VS Code: the trace names only the caller (helper/src/report.js);
// the model (a loopback Anthropic server) reads the helper it calls through the read_file tool,
// then proposes the fix. The panel lists the step (collapsible), renders the result as a card
// (root cause as prose, evidence links grouped by file, the diff, Apply); the window reloads and
// the steps and the card are still there (kept with the conversation); Apply on the card shown
// again validates the kept fix, previews, and the editor has the fix.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeAnthropic, type FakeServer } from '../support/fakeAnthropic';
import { BUGGY_HELPER, CORRECT_HELPER } from '../support/helperBug';
import { repoRoot } from '../support/paths';
import { clickModal } from './chatHelpers';
import type { Page } from 'playwright-core';
import { openFile, openWorkbench, paletteRows, runCommand, waitForText, type Workbench } from './workbench';

/** Developer: Reload Window (a proper shutdown, so the workbench saves its state first), then the workbench again. */
async function reloadWindow(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 });
  await paletteRows(page, 'Developer: Reload Window');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Developer: Reload Window' }).filter({ hasNotText: 'Extensions Disabled' }).first().click();
  await navigated;
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
}

const API_KEY = 'sk-ant-api03-AgentUiKey0123456789abcdefABCDEFGHIJ';
const ROOT_CAUSE = 'lastIndex in helper/src/stats.js returns items.length, one past the last element.';

describe('Deep Debug agent in a real VS Code (UI)', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let fake: FakeServer;
  let failed = false;
  const dir = path.join(repoRoot, 'test', 'fixtures', 'helper-bug', 'src');
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) files[`helper/src/${f}`] = fs.readFileSync(path.join(dir, f), 'utf8');
  files['helper/src/stats.js'] = files['helper/src/stats.js'].replace(CORRECT_HELPER, BUGGY_HELPER);

  before(async () => {
    const fix = {
      rootCause: ROOT_CAUSE,
      evidence: [{ file: 'helper/src/stats.js', line: 3, endLine: null, note: 'one past the end' }, { file: 'helper/src/report.js', line: 4, endLine: null, note: 'indexes with it' }],
      explanation: 'Return the index of the last element.',
      files: [{ path: 'helper/src/stats.js', kind: 'modify', hunks: [{ search: BUGGY_HELPER, replace: CORRECT_HELPER }], content: null }],
      verify: ['node helper/src/main.js prints the latest name'],
      confidence: 'high',
    };
    fake = await startFakeAnthropic([
      { text: 'The caller indexes with lastIndex; reading the helper.', toolCalls: [{ name: 'read_file', input: { path: 'helper/src/stats.js' } }], delayMs: 5 },
      { text: 'Found it.', toolCalls: [{ name: 'report_debug_result', input: fix }], delayMs: 5 },
    ], { apiKey: API_KEY });
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
    await wb?.close(failed, 'deepDebugAgent');
    await fake?.close();
  });

  it('reads the helper through a tool, shows the step and the result card, keeps both over a window reload, and applies the fix from the card shown again', async () => {
    const { page } = wb;
    await openFile(page, 'helper/src/report.js');
    await runCommand(page, 'Tiered: Deep Debug');
    const input = page.locator('.quick-input-widget input');
    await waitForText(page.locator('.quick-input-widget'), /Paste the stack trace/, 20_000);
    const src = `${wb.workspace}/helper/src`;
    await input.fill(`TypeError: Cannot read properties of undefined (reading 'name')    at latestName (${src}/report.js:4:38)    at report (${src}/report.js:9:27)    at Object.<anonymous> (${src}/main.js:3:13)`);
    await page.keyboard.press('Enter');

    // The limits are shown before the start.
    const send = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Send to' }).first();
    await send.waitFor({ timeout: 30_000 });
    assert.match(await send.innerText(), /for the first step; at most \d+ steps and \$\d/);
    await send.click();

    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const card = frame.locator('.result-card');
    await waitForText(card, /lastIndex in helper\/src\/stats\.js returns items\.length/, 60_000);
    // The model read the helper before proposing the fix: the second request carries it.
    assert.equal(fake.requests.length, 2);
    assert.ok(fake.requests[1].raw.includes('3 |   return items.length;'), 'the file read went to the model');
    // The step, collapsible, with the tool and what it returned.
    const step = frame.locator('.agent-step').nth(1);
    await waitForText(step, /lines of helper\/src\/stats\.js/, 10_000);
    assert.equal(await step.getAttribute('open'), null, 'steps start collapsed');
    // Evidence grouped by file, the diff, and no raw JSON in sight.
    await waitForText(card.locator('.card-evidence'), /helper\/src\/stats\.js[\s\S]*line 3/, 5_000);
    await waitForText(card.locator('.card-diff'), /-  return items\.length;\s*\+  return items\.length - 1;/, 5_000);
    assert.equal(await frame.locator('.raw-answer').getAttribute('open'), null);
    const stepsBefore = await frame.locator('.agent-step').count();
    assert.ok(stepsBefore >= 2, `the steps are listed (${stepsBefore})`);

    // A window reload: the conversation comes back with its steps and its card (Apply still offered).
    await reloadWindow(page);
    const chat = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const shown = await chat.locator('.result-card').first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
    if (!shown) await runCommand(page, 'Tiered: Open Chat');
    const replayed = chat.locator('.result-card');
    await waitForText(replayed, /lastIndex in helper\/src\/stats\.js returns items\.length/, 60_000);
    await waitForText(chat.locator('.agent-step').nth(1), /lines of helper\/src\/stats\.js/, 10_000);
    assert.equal(await chat.locator('.agent-step').count(), stepsBefore, 'every step, once');
    await waitForText(replayed.locator('.card-evidence'), /helper\/src\/stats\.js[\s\S]*line 3/, 5_000);
    await waitForText(replayed.locator('.card-diff'), /-  return items\.length;\s*\+  return items\.length - 1;/, 5_000);
    assert.equal(fake.requests.length, 2, 'nothing was asked again');

    // Apply on the card shown again: the kept fix, validated against the files now, previewed, applied.
    await replayed.locator('.action-apply-result').click();
    await clickModal(page, 'Apply');
    await openFile(page, 'helper/src/stats.js');
    await waitForText(page.locator('.editor-instance .monaco-editor .view-lines').first(), /return items\.length - 1;/, 20_000);
    await waitForText(replayed, /Applied the fix to helper\/src\/stats\.js/, 20_000);
  });
});
