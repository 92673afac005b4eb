// The agent's steps and the result card in the panel, under the strict CSP: steps collapsed with
// tool, arguments, size and cost; the card's root cause as prose, evidence links grouped by file
// (clicking one asks the host to open file:line), the diff, Apply posting once, the raw answer
// collapsed; model-written text stays text (no markup runs).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { HostToWebview, ResultCard } from '../../src/shared/protocol';
import { PanelHarness, type PageGlobals } from './harness';

const STATE: HostToWebview['state'] = {
  tier: 'reasoning', localModel: { label: 'tiny-demo', demo: true }, reasoningModel: 'claude-test', completionsEnabled: true,
  conversations: [{ id: 'c1', title: 'Deep Debug', updatedAt: 1_700_000_000_000 }], currentConversationId: 'c1',
};

const CARD: ResultCard = {
  kind: 'debug',
  headline: 'lastIndex returns items.length <img src=x onerror="window.__pwned=1">',
  explanation: 'Return the last index.',
  confidence: 'high',
  evidence: [
    { path: 'src/stats.js', known: true, refs: [{ line: 3, note: 'off by one' }, { line: 2, endLine: 4, note: 'the helper' }] },
    { path: 'src/report.js', known: true, refs: [{ line: 4, note: 'indexes with it' }] },
    { path: 'nowhere.js', known: false, refs: [{ line: 1, note: 'invented' }] },
  ],
  diffs: [{ path: 'src/stats.js', diff: '--- a/src/stats.js\n+++ b/src/stats.js\n@@ -3 +3 @@\n-  return items.length;\n+  return items.length - 1;' }],
  refused: [{ path: '.git/config', reason: 'paths inside .git are never edited' }],
  verify: ['node src/main.js'],
  canApply: true,
};

describe('chat webview: agent steps and the result card', function () {
  this.timeout(60_000);
  let harness: PanelHarness;
  let page: Page;
  before(async () => { harness = await PanelHarness.start(); });
  after(async () => { await harness?.close(); });

  it('lists the steps collapsed, renders the card, groups evidence by file, and Apply posts once', async () => {
    page = await harness.open();
    await harness.host(page,
      { type: 'state', payload: STATE },
      { type: 'conversation', payload: { id: 'c1', title: 'Deep Debug', turns: [] } },
      { type: 'answerStart', payload: { id: 'a1', conversationId: 'c1', tier: 'reasoning', model: 'claude-test', reason: 'deep debug → reasoning' } },
      { type: 'agentStep', payload: { answerId: 'a1', step: { index: 1, kind: 'model', summary: '40 characters, 1 tool call: read_file', usdSoFar: 0.004, tokensSoFar: 3000 } } },
      { type: 'agentStep', payload: { answerId: 'a1', step: { index: 2, kind: 'tool', tool: 'read_file', args: '{"path":"src/stats.js"}', summary: '10 lines of src/stats.js', resultChars: 240, worker: 'the local model kept 2 of 9 regions', usdSoFar: 0.004, tokensSoFar: 3000 } } },
      { type: 'answerDelta', payload: { id: 'a1', text: '```json\n{"rootCause": "raw"}\n```' } },
      { type: 'answerEnd', payload: { id: 'a1', stats: { cost: { kind: 'usd', usd: 0.01 }, finishReason: 'stop', incomplete: false } } },
      { type: 'resultCard', payload: { answerId: 'a1', card: CARD } });
    await harness.settle(page);
    const steps = page.locator('article[data-answer-id="a1"] .agent-step');
    assert.equal(await steps.count(), 2);
    assert.equal(await steps.nth(1).getAttribute('open'), null);
    assert.match(await steps.nth(1).locator('summary').innerText(), /2\. read_file \{"path":"src\/stats\.js"\} — 10 lines of src\/stats\.js · 240 chars · \$0\.0040 so far/);
    const card = page.locator('.result-card');
    assert.match(await card.locator('.card-headline').innerText(), /lastIndex returns items\.length <img src=x/);
    assert.equal(await card.locator('img').count(), 0, 'model text is text');
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned), undefined);
    const files = card.locator('.evidence-file');
    assert.equal(await files.count(), 3);
    assert.match(await files.nth(0).innerText(), /src\/stats\.js\s+line 3 — off by one\s+line 2-4 — the helper/);
    assert.equal(await files.nth(2).locator('a').count(), 0, 'an unknown file has no link');
    assert.match(await card.locator('.card-diff .del').innerText(), /-  return items\.length;/);
    assert.match(await card.locator('.card-refused').innerText(), /\.git\/config: paths inside \.git are never edited/);
    assert.equal(await page.locator('.raw-answer').getAttribute('open'), null, 'the raw JSON is behind a toggle');
    await harness.clearPosted(page);
    await files.nth(1).locator('a', { hasText: 'line 4' }).click();
    assert.deepEqual((await harness.postedOfType(page, 'openLink')).map((m) => m.payload), [{ path: 'src/report.js', line: 4 }]);
    await card.locator('.action-apply-result').click();
    await card.locator('.action-apply-result').click({ force: true }).catch(() => undefined);
    assert.deepEqual((await harness.postedOfType(page, 'applyResult')).map((m) => m.payload), [{ answerId: 'a1' }]);
    await harness.host(page, { type: 'resultCard', payload: { answerId: 'a1', card: { ...CARD, canApply: false, applied: 'Applied the fix to src/stats.js.' } } });
    await harness.settle(page);
    assert.equal(await card.locator('.action-apply-result').count(), 0);
    assert.match(await page.locator('.card-applied').innerText(), /Applied the fix/);
    assert.deepEqual(harness.pageErrors, []);
  });
});
