// The chat panel as a user drives it, in headless Chromium under the host's strict CSP: typing and
// sending, streaming, the per-answer badge, escalate / retry / stop, code block buttons, file
// links, thinking, chips, and the draft and scroll surviving a hide/show.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AnswerHeader, AnswerStats, HostToWebview, Turn } from '../../src/shared/protocol';
import { PanelHarness, type PageGlobals } from './harness';

const STATE: HostToWebview['state'] = {
  tier: 'auto',
  localModel: { label: 'tiny-demo', demo: true },
  reasoningModel: 'claude-test',
  completionsEnabled: true,
  conversations: [
    { id: 'c1', title: 'First chat', updatedAt: 1_700_000_000_000 },
    { id: 'c2', title: 'Second chat', updatedAt: 1_700_000_100_000 },
  ],
  currentConversationId: 'c1',
};

const header = (id: string, tier: AnswerHeader['tier'], extra: Partial<AnswerHeader> = {}): AnswerHeader => ({
  id, conversationId: 'c1', tier, model: tier === 'local' ? 'tiny-demo' : 'claude-test', reason: tier === 'local' ? 'short question → local' : 'multi-file question → reasoning', ...extra,
});

const cloudStats: AnswerStats = {
  usage: { inputTokens: 1200, outputTokens: 300, reasoningTokens: 120 },
  cost: { kind: 'usd', usd: 0.0123 }, ttftMs: 320, totalMs: 4200, finishReason: 'stop', incomplete: false,
};
const localStats: AnswerStats = { usage: { inputTokens: 40, outputTokens: 12 }, cost: { kind: 'localFree' }, ttftMs: 45, totalMs: 610, finishReason: 'stop', incomplete: false };

describe('chat webview panel', function () {
  this.timeout(60_000);
  let harness: PanelHarness;
  let page: Page;

  before(async () => { harness = await PanelHarness.start(); });
  after(async () => { await harness?.close(); });

  /**
   * The panel showing conversation c1 with the given turns, no chips and an empty draft. One page
   * serves every test (the host resets it the way it does on "new chat"), to keep the file fast.
   */
  async function openWith(turns: Turn[] = []): Promise<Page> {
    page ??= await harness.open();
    harness.reset();
    await harness.host(page,
      { type: 'state', payload: STATE },
      { type: 'conversation', payload: { id: 'c1', title: 'First chat', turns } },
      { type: 'contextChips', payload: { chips: [] } });
    await page.getByRole('textbox').fill('');
    await harness.clearPosted(page);
    return page;
  }

  async function answer(id: string, tier: AnswerHeader['tier'], text: string, stats: AnswerStats, extra: Partial<AnswerHeader> = {}): Promise<void> {
    await harness.host(page,
      { type: 'answerStart', payload: header(id, tier, extra) },
      { type: 'answerDelta', payload: { id, text } },
      { type: 'answerEnd', payload: { id, stats } });
    await harness.settle(page);
  }

  it('sends with Enter, adds a line with Shift+Enter, and shows the message at once', async () => {
    await openWith();
    const input = page.getByRole('textbox', { name: /Message to Tiered/ });
    await input.click();
    await page.keyboard.type('hello');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('world');
    assert.equal(await input.inputValue(), 'hello\nworld');
    assert.deepEqual(await harness.postedOfType(page, 'send'), []);
    await page.keyboard.press('Enter');
    const [send] = await harness.postedOfType(page, 'send');
    assert.equal(send.payload.text, 'hello\nworld');
    assert.equal(send.payload.tier, 'auto');
    assert.equal(await input.inputValue(), '');
    assert.equal(await page.locator('.turn.user .user-text').last().textContent(), 'hello\nworld');
    assert.equal(await page.getByRole('button', { name: 'Stop the answer' }).count(), 1);
  });

  it('renders streamed deltas progressively and marks the answer busy until it ends', async () => {
    await openWith();
    await harness.host(page, { type: 'answerStart', payload: header('a1', 'reasoning') }, { type: 'answerDelta', payload: { id: 'a1', text: '# Title\n\nPart one' } });
    await harness.settle(page);
    const article = page.locator('article[data-answer-id="a1"]');
    assert.equal(await article.locator('h1').textContent(), 'Title');
    assert.equal(await article.locator('p').last().textContent(), 'Part one');
    assert.equal(await article.getAttribute('aria-busy'), 'true');
    assert.match(await article.locator('.badge').textContent() ?? '', /streaming/);
    await harness.host(page, { type: 'answerDelta', payload: { id: 'a1', text: ' and two.\n\n- item' } });
    await harness.settle(page);
    assert.equal(await article.locator('p').last().textContent(), 'Part one and two.');
    assert.equal(await article.locator('li').textContent(), 'item');
    await harness.host(page, { type: 'answerEnd', payload: { id: 'a1', stats: cloudStats } });
    assert.equal(await article.getAttribute('aria-busy'), 'false');
    assert.equal(await page.locator('.transcript').getAttribute('aria-live'), 'polite');
  });

  it('shows tier, model, router reason, latency, tokens and cost on each answer', async () => {
    await openWith();
    await answer('r1', 'reasoning', 'cloud answer', cloudStats);
    await answer('l1', 'local', 'local answer', localStats);
    await answer('u1', 'reasoning', 'unpriced', { ...cloudStats, cost: { kind: 'unknown' } });
    const cloud = await page.locator('article[data-answer-id="r1"] .badge').textContent() ?? '';
    for (const part of ['Reasoning', 'claude-test', 'multi-file question → reasoning', 'first token 320 ms', 'total 4.2 s', '1,200 in', '300 out (120 thinking)', '$0.0123']) {
      assert.ok(cloud.includes(part), `badge "${cloud}" lacks "${part}"`);
    }
    const local = await page.locator('article[data-answer-id="l1"] .badge').textContent() ?? '';
    for (const part of ['Local', 'tiny-demo', 'short question → local', 'first token 45 ms', 'total 610 ms', 'local, free']) {
      assert.ok(local.includes(part), `badge "${local}" lacks "${part}"`);
    }
    assert.match(await page.locator('article[data-answer-id="u1"] .badge').textContent() ?? '', /cost unknown/);
  });

  it('offers "Escalate to reasoning" on local answers and "Retry locally" on cloud answers', async () => {
    await openWith();
    await answer('l1', 'local', 'local answer', localStats);
    await answer('r1', 'reasoning', 'cloud answer', cloudStats);
    const local = page.locator('article[data-answer-id="l1"]');
    const cloud = page.locator('article[data-answer-id="r1"]');
    assert.equal(await local.getByRole('button', { name: 'Retry locally' }).count(), 0);
    assert.equal(await cloud.getByRole('button', { name: 'Escalate to reasoning' }).count(), 0);
    await local.getByRole('button', { name: 'Escalate to reasoning' }).click();
    await cloud.getByRole('button', { name: 'Retry locally' }).click();
    assert.deepEqual((await harness.posted(page)).map((m) => [m.type, m.payload]), [
      ['escalate', { answerId: 'l1' }],
      ['retryLocally', { answerId: 'r1' }],
    ]);
  });

  it('asks before an expensive escalation and posts the decision', async () => {
    await openWith();
    await harness.host(page, { type: 'costEstimate', payload: { id: 'e1', usd: 0.42, inputTokens: 52000, model: 'claude-test' } });
    const card = page.getByRole('group', { name: 'Cost estimate' });
    assert.match(await card.textContent() ?? '', /\$0\.420.*52,000 tokens/);
    await card.getByRole('button', { name: 'Continue' }).click();
    assert.deepEqual(await harness.postedOfType(page, 'confirmCost'), [{ type: 'confirmCost', payload: { id: 'e1', accept: true } }]);
    assert.equal(await card.count(), 0);
  });

  it('past a budget the card says so and offers "Send anyway"; an unpriced model reads as an unknown cost; the card goes when the request does', async () => {
    await openWith();
    await harness.host(page, { type: 'costEstimate', payload: { id: 'b1', usd: 0.03, inputTokens: 1200, model: 'claude-test', kind: 'budget', note: 'Daily budget of $5.00 reached. Send anyway? Estimated $0.0300.' } });
    const budget = page.getByRole('group', { name: 'Budget reached' });
    assert.match(await budget.textContent() ?? '', /Daily budget of \$5\.00 reached/);
    await budget.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(await harness.postedOfType(page, 'confirmCost'), [{ type: 'confirmCost', payload: { id: 'b1', accept: false } }]);
    assert.equal(await budget.count(), 0);

    await harness.host(page, { type: 'costEstimate', payload: { id: 'u1', usd: null, inputTokens: 900, model: 'my-unpriced-model' } });
    const unknown = page.getByRole('group', { name: 'Cost estimate' });
    assert.match(await unknown.textContent() ?? '', /will cost an unknown amount \(900 tokens in\)/);
    assert.doesNotMatch(await unknown.textContent() ?? '', /\$0\.00/);
    // The host declined it (Stop, a new chat): its "Not sent" error takes the card away.
    await harness.host(page, { type: 'error', payload: { message: 'Not sent: stopped before it was sent.' } });
    assert.equal(await unknown.count(), 0);
  });

  it('Stop (button or Escape) posts stop for the pending request, then for the streaming answer', async () => {
    await openWith();
    await page.getByRole('textbox').fill('explain');
    await page.getByRole('button', { name: 'Send' }).click();
    const [send] = await harness.postedOfType(page, 'send');
    await page.getByRole('button', { name: 'Stop the answer' }).click();
    await harness.host(page, { type: 'answerStart', payload: header('s1', 'reasoning', { replyTo: send.payload.id }) });
    await page.getByRole('textbox').press('Escape');
    assert.deepEqual((await harness.postedOfType(page, 'stop')).map((m) => m.payload.id), [send.payload.id, 's1']);
    await harness.host(page, { type: 'answerEnd', payload: { id: 's1', stats: { ...cloudStats, finishReason: 'aborted', incomplete: true } } });
    assert.equal(await page.getByRole('button', { name: 'Send' }).count(), 1);
    const article = page.locator('article[data-answer-id="s1"]');
    assert.match(await article.getAttribute('class') ?? '', /answer-incomplete/);
    assert.match(await article.locator('.answer-status').textContent() ?? '', /Stopped/);
  });

  it('marks failed answers with the error', async () => {
    await openWith();
    await answer('x1', 'reasoning', 'partial', { cost: { kind: 'unknown' }, finishReason: 'error', incomplete: true, error: 'Anthropic is overloaded (529). Try again in a minute.' });
    const article = page.locator('article[data-answer-id="x1"]');
    assert.match(await article.getAttribute('class') ?? '', /answer-error/);
    assert.equal(await article.getByRole('note').textContent(), ' Error: Anthropic is overloaded (529). Try again in a minute.');
  });

  it('highlights code blocks and posts Copy / Insert / Apply with the exact code', async () => {
    await openWith();
    const code = 'const a = 1;\nexport function f(x: number) { return x < 2 && a > 0; }';
    await answer('k1', 'reasoning', `Here:\n\n\`\`\`ts src/app.ts\n${code}\n\`\`\`\n`, cloudStats);
    const block = page.getByRole('group', { name: /Code block, ts · src\/app\.ts/ });
    assert.ok(await block.locator('.hljs-keyword').count() > 0, 'keywords highlighted');
    assert.equal(await block.locator('pre').textContent(), code);
    await block.getByRole('button', { name: 'Copy code' }).click();
    await block.getByRole('button', { name: 'Insert code at cursor' }).click();
    await block.getByRole('button', { name: 'Apply code to src/app.ts' }).click();
    assert.deepEqual((await harness.posted(page)).map((m) => [m.type, m.payload]), [
      ['copyCode', { code, language: 'ts' }],
      ['insertCode', { code, language: 'ts' }],
      ['applyCode', { code, language: 'ts', pathHint: 'src/app.ts' }],
    ]);
  });

  it('opens workspace file links (path:line) and external links through the host', async () => {
    await openWith();
    await answer('f1', 'reasoning', 'The bug is in `src/app.ts:12`, see [the helper](src/util.ts#L5), also lib/other.ts:3:4 and [docs](https://example.com/docs).', cloudStats);
    const article = page.locator('article[data-answer-id="f1"]');
    await article.getByRole('link', { name: 'src/app.ts:12' }).click();
    await article.getByRole('link', { name: 'the helper' }).click();
    await article.getByRole('link', { name: 'lib/other.ts:3:4' }).focus();
    await page.keyboard.press('Enter');
    await article.getByRole('link', { name: 'docs' }).click();
    assert.deepEqual((await harness.posted(page)).map((m) => [m.type, m.payload]), [
      ['openLink', { path: 'src/app.ts', line: 12 }],
      ['openLink', { path: 'src/util.ts', line: 5 }],
      ['openLink', { path: 'lib/other.ts', line: 3, column: 4 }],
      ['openExternal', { url: 'https://example.com/docs' }],
    ]);
    assert.ok(page.url().endsWith('/panel.html'), 'no navigation');
  });

  it('shows thinking collapsed', async () => {
    await openWith();
    await harness.host(page,
      { type: 'answerStart', payload: header('t1', 'reasoning') },
      { type: 'answerDelta', payload: { id: 't1', thinking: 'Let me think about the stack trace.' } },
      { type: 'answerDelta', payload: { id: 't1', text: 'The answer.' } },
      { type: 'answerEnd', payload: { id: 't1', stats: cloudStats } });
    await harness.settle(page);
    const details = page.locator('article[data-answer-id="t1"] details.thinking');
    assert.equal(await details.evaluate((d) => (d as unknown as { open: boolean }).open), false);
    assert.equal(await details.locator('summary').textContent(), 'Thinking');
    assert.equal(await details.locator('.thinking-text').textContent(), 'Let me think about the stack trace.');
    assert.equal(await details.locator('.thinking-text').isVisible(), false);
    await details.locator('summary').click();
    assert.equal(await details.locator('.thinking-text').isVisible(), true);
  });

  it('restores the draft and the scroll position after the view is hidden and shown', async () => {
    const turns: Turn[] = [];
    for (let i = 0; i < 30; i++) {
      turns.push({ role: 'user', id: `u${i}`, text: `question ${i}`, chips: [] });
      turns.push({ role: 'assistant', ...header(`a${i}`, i % 2 ? 'local' : 'reasoning'), text: `answer ${i}\n\n${'line of text. '.repeat(20)}`, thinking: '', stats: i % 2 ? localStats : cloudStats });
    }
    await openWith(turns);
    const transcript = page.locator('.transcript');
    const max = await transcript.evaluate((t) => (t as unknown as { scrollHeight: number; clientHeight: number }).scrollHeight - (t as unknown as { clientHeight: number }).clientHeight);
    assert.ok(max > 1000, `the transcript scrolls (${max}px)`);
    const target = Math.round(max / 3);
    await transcript.evaluate((t, y) => { (t as unknown as { scrollTop: number }).scrollTop = y; }, target);
    await page.getByRole('textbox').fill('half-written question');
    await harness.settle(page);
    await harness.reload(page);
    await harness.host(page, { type: 'state', payload: STATE }, { type: 'conversation', payload: { id: 'c1', title: 'First chat', turns } });
    assert.equal(await page.getByRole('textbox').inputValue(), 'half-written question');
    const restored = await transcript.evaluate((t) => (t as unknown as { scrollTop: number }).scrollTop);
    assert.ok(Math.abs(restored - target) <= 2, `scrollTop ${restored}, expected ${target}`);
  });

  it('stays pinned to the bottom across hide/show when the user was at the bottom', async () => {
    const turns: Turn[] = Array.from({ length: 20 }, (_, i) => ({ role: 'user', id: `u${i}`, text: `question ${i}\n${'more words '.repeat(30)}`, chips: [] }));
    await openWith(turns);
    await harness.settle(page);
    await harness.reload(page);
    await harness.host(page, { type: 'state', payload: STATE }, { type: 'conversation', payload: { id: 'c1', title: 'First chat', turns } });
    const atBottom = await page.locator('.transcript').evaluate((t) => {
      const e = t as unknown as { scrollTop: number; scrollHeight: number; clientHeight: number };
      return e.scrollHeight - e.scrollTop - e.clientHeight <= 2;
    });
    assert.equal(atBottom, true);
  });

  it('posts tier, new chat, history, attach and chip removal; shows why a chip is not sent', async () => {
    await openWith();
    await harness.host(page, { type: 'contextChips', payload: { chips: [
      { id: 'k1', kind: 'selection', label: 'app.ts:10-24', path: 'src/app.ts' },
      { id: 'k2', kind: 'file', label: '.env', path: '.env', excludedReason: 'matches tiered.privacy.neverSend (**/.env)' },
    ] } });
    assert.match(await page.locator('.composer .chip-excluded').textContent() ?? '', /not sent to cloud: matches tiered\.privacy\.neverSend \(\*\*\/\.env\)/);
    await page.getByRole('combobox', { name: 'Tier for this conversation' }).selectOption('local');
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByRole('combobox', { name: 'Conversation history' }).selectOption('c2');
    await page.getByRole('button', { name: 'Attach the selection' }).click();
    await page.getByRole('button', { name: 'Attach the current file' }).click();
    await page.getByRole('button', { name: 'Attach the problems of the current file' }).click();
    await page.getByRole('button', { name: 'Remove app.ts:10-24' }).click();
    await page.getByRole('textbox').fill('with context');
    await page.getByRole('textbox').press('Enter');
    const posted = (await harness.posted(page)).map((m) => [m.type, m.type === 'send' ? { tier: m.payload.tier, chipIds: m.payload.chipIds } : m.payload]);
    assert.deepEqual(posted, [
      ['setTier', { tier: 'local' }],
      ['newChat', {}],
      ['switchConversation', { id: 'c2' }],
      ['attach', { kind: 'selection' }],
      ['attach', { kind: 'file' }],
      ['attach', { kind: 'problems' }],
      ['removeChip', { id: 'k1' }],
      ['send', { tier: 'local', chipIds: ['k1', 'k2'] }],
    ]);
  });

  it('is keyboard accessible: named controls, reachable by Tab, visible labels for the models', async () => {
    await openWith();
    await answer('l1', 'local', '```js\nx()\n```\n\n[a link](https://example.com)', localStats);
    const unnamed = await page.evaluate(() => Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('#app button, #app select, #app textarea, #app a'))
      .filter((e) => !(e.getAttribute('aria-label') || e.textContent?.trim())).map((e) => e.outerHTML));
    assert.deepEqual(unnamed, []);
    const notButtons = await page.evaluate(() => Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('#app [role=button], #app div[tabindex]:not(.transcript), #app span[tabindex]')).map((e) => e.outerHTML));
    assert.deepEqual(notButtons, []);
    await page.getByRole('textbox').focus();
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('aria-label') ?? ''));
    }
    for (const name of ['Attach the selection', 'Tier for this conversation', 'Send']) assert.ok(seen.includes(name), `Tab reaches ${name}: ${seen.join(' | ')}`);
    assert.match(await page.locator('.models').textContent() ?? '', /Local: tiny-demo \(demo model\).*Reasoning: claude-test/);
  });
});
