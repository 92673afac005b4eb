// The chat panel end to end, as a user drives it in a real VS Code (code-server, the extension
// installed from the .vsix): a local answer from the tiny model, a reasoning answer streamed from
// a loopback Anthropic server, escalate, stop mid-stream, hostile output, apply a code block with
// preview and undo, and the history after a window reload. One workbench for the whole suite:
// each test builds on what the previous ones left in the panel, like one user session.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { startFakeAnthropic, type FakeReply, type FakeServer, type RecordedRequest } from '../support/fakeAnthropic';
import { writeTinyGguf } from '../support/tinyGguf';
import { answers, ask, chatInput, clickModal, eventually, fileWith, finished, openChat, startEvilServer, startRelay, type Relay } from './chatHelpers';
import { openFile, screenshot, type Workbench, openWorkbench } from './workbench';

const API_KEY = 'sk-ant-test-chat-e2e-0123456789';
const MODEL = 'claude-sonnet-5';
const GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
const GREET_NEW = 'export function greet(name: string): string {\n  return `Hi there, ${name}! Welcome back.`;\n}\n';
// A 3-line snippet that redefines cartTotal (its signature changes, so only the symbol places it).
const CART_TOTAL_OLD = 'export function cartTotal(lines: Line[]): number {\n  return sum(lines.map((l) => l.cents * l.qty));\n}';
const CART_TOTAL_NEW = 'export function cartTotal(lines: Line[], discountCents = 0): number {\n  return sum(lines.map((l) => l.cents * l.qty)) - discountCents;\n}';
const REASONED = 'Reasoned answer: the letters come from the **local** model.';
const SLOW = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');

/** The text of the last user message in an Anthropic request. */
function lastQuestion(r: RecordedRequest): string {
  const messages = (r.body?.messages ?? []) as { role: string; content: unknown }[];
  const last = [...messages].reverse().find((m) => m.role === 'user');
  const c = last?.content;
  return typeof c === 'string' ? c : Array.isArray(c) ? c.map((b: { text?: string }) => b.text ?? '').join('') : '';
}

describe('chat panel in a real VS Code (UI)', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let fake: FakeServer;
  let relay: Relay;
  let evil: Awaited<ReturnType<typeof startEvilServer>>;
  let frame: FrameLocator;
  let failed = false;
  const model = path.join(fs.mkdtempSync('/tmp/tmodel-'), 'tiny.gguf');

  const hostile = () => [
    'HOSTILE output follows.',
    '',
    `<img src="${evil.origin}/raw-img" onerror="window.__pwned='img'">`,
    '',
    `<script>window.__pwned='script'; fetch('${evil.origin}/script')</script>`,
    '',
    `![pic](${evil.origin}/md-image.png) and [js link](javascript:window.__pwned='link') and [data](data:text/html,<script>alert(1)</script>)`,
    '',
    `<iframe src="${evil.origin}/iframe"></iframe><svg onload="window.__pwned='svg'"><image href="${evil.origin}/svg-image"/></svg>`,
    '',
    `<style>@import url(${evil.origin}/import.css); body { background: url(${evil.origin}/bg.png) }</style><link rel="stylesheet" href="${evil.origin}/link.css">`,
    '',
    `<video src="${evil.origin}/video" poster="${evil.origin}/poster"></video><object data="${evil.origin}/object"></object>`,
    '',
    `<a href="${evil.origin}/anchor" style="background:url(${evil.origin}/inline-style)">styled</a> <form action="${evil.origin}/form"><button>go</button></form>`,
  ].join('\n');

  const reply = (r: RecordedRequest): FakeReply => {
    const q = lastQuestion(r);
    if (q.includes('STOPME')) return { text: SLOW, chunk: 5, delayMs: 60 };
    if (q.includes('HOSTILE')) return { text: hostile(), chunk: 40 };
    if (q.includes('SNIPPET')) return { text: `Add a discount parameter:\n\n\`\`\`ts src/shop/cart.ts\n${CART_TOTAL_NEW}\n\`\`\`\n`, chunk: 20 };
    if (q.includes('APPLY')) return { text: `Here is the change:\n\n\`\`\`ts src/greet.ts\n${GREET_NEW}\`\`\`\n`, chunk: 20 };
    return { text: REASONED, thinking: 'Consider the tiers.', chunk: 6, delayMs: 5 };
  };

  before(async () => {
    writeTinyGguf(model);
    fake = await startFakeAnthropic(reply, { apiKey: API_KEY });
    relay = await startRelay(fake.url);
    evil = await startEvilServer();
    wb = await openWorkbench({
      settings: {
        'tiered.local.modelPath': model,
        'tiered.local.threads': 1,
        // auto: the panel's tier picker chooses per conversation (a tiered.tier of "local" would be a
        // kill switch, and the panel could not switch to Reasoning).
        'tiered.tier': 'auto',
        'tiered.reasoning.provider': 'anthropic',
        'tiered.reasoning.model': MODEL,
        'tiered.reasoning.baseUrl': relay.url,
        'tiered.budget.confirmAboveUsd': 100,
        'tiered.budget.dailyUsd': 100,
      },
      env: { ANTHROPIC_API_KEY: API_KEY },
    });
  });
  afterEach(function () { if (this.currentTest?.state === 'failed') failed = true; });
  after(async () => {
    await wb?.close(failed, 'chat');
    await Promise.all([relay?.close(), fake?.close(), evil?.close()]);
    fs.rmSync(path.dirname(model), { recursive: true, force: true });
  });

  it('answers on the Local tier from the tiny model, free, and nothing reaches the cloud', async () => {
    frame = await openChat(wb.page);
    // One label for the local model, the demo marked, before the model has loaded.
    await eventually(async () => /Local model: Tiered demo \(tiny\) \(demo model\)/.test(await frame.locator('.empty').innerText()), 'the empty state to name the demo model', 60_000);
    assert.match(await frame.locator('.model-local').innerText(), /Local: Tiered demo \(tiny\) \(demo model\)/);
    await frame.locator('select.tier-select').selectOption('local');
    const answer = await ask(frame, 'Spell the alphabet please');
    await finished(answer);
    assert.match(await answer.locator('.answer-body').innerText(), /abcdefghijklmnopqrstuvwxyz/);
    const badge = await answer.locator('.badge').innerText();
    assert.match(badge, /Local/);
    assert.match(badge, /local, free/);
    const modelName = (await answer.locator('.badge-model').innerText()).trim();
    assert.ok(modelName.length > 0, 'the badge names the model');
    assert.match(await frame.locator('.model-local').innerText(), new RegExp(`Local: ${modelName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.equal(fake.requests.length, 0, 'the loopback provider got no request');
    assert.equal(relay.connections.length, 0, 'no connection to the provider was even opened');
  });

  it('switches the panel to Reasoning and streams the answer from the provider, priced', async () => {
    await frame.locator('select.tier-select').selectOption('reasoning');
    const answer = await ask(frame, 'Where do these letters come from?');
    await finished(answer);
    assert.match(await answer.locator('.answer-body').innerText(), /Reasoned answer: the letters come from the local model\./);
    assert.equal(await answer.locator('.answer-body strong').innerText(), 'local');
    const badge = await answer.locator('.badge').innerText();
    assert.match(badge, /Reasoning/);
    assert.match(badge, new RegExp(MODEL));
    assert.match(badge, /\d+ in · \d+ out/);
    assert.match(badge, /\$\d|< \$0\.0001/, `badge shows a cost: ${badge}`);
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.requests[0].apiKey, API_KEY);
    assert.equal(fake.requests[0].body.model, MODEL);
    assert.match(lastQuestion(fake.requests[0]), /Where do these letters come from\?/);
    assert.ok(await answer.locator('button.action-retry-local').isVisible(), 'a cloud answer offers "Retry locally"');
  });

  it('escalates the local answer to the reasoning model', async () => {
    const local = answers(frame).first();
    const count = await answers(frame).count();
    await local.locator('button.action-escalate').click();
    const escalated = answers(frame).nth(count);
    await escalated.waitFor({ timeout: 30_000 });
    await finished(escalated);
    assert.match(await escalated.locator('.badge').innerText(), /Reasoning/);
    assert.match(await escalated.locator('.answer-body').innerText(), /Reasoned answer/);
    assert.equal(fake.requests.length, 2);
    assert.match(lastQuestion(fake.requests[1]), /Spell the alphabet please/, 'the escalated request re-asks the local question');
  });

  it('stops a streaming answer: marked stopped, and the provider connection is closed', async () => {
    const answer = await ask(frame, 'STOPME: write a very long answer');
    const body = answer.locator('.answer-body');
    await eventually(async () => (await body.innerText()).includes('word3'), 'the answer to start streaming', 30_000);
    await frame.locator('button.send.stop').click();
    await finished(answer, 20_000);
    const shown = await body.innerText();
    assert.ok(!shown.includes('word299'), 'the answer stopped before the end');
    assert.match(await answer.locator('.answer-status').innerText(), /Stopped/);
    const cut = await eventually(() => relay.connections.find((c) => c.clientClosed && (c.startsAtClose ?? 0) > (c.stopsAtClose ?? 0)),
      'the extension to close the streaming connection', 10_000);
    assert.ok(cut);
    assert.match(await frame.locator('button.send').getAttribute('aria-label') ?? '', /^Send$/, 'the composer is ready again');
  });

  it('shows hostile model output as text, runs nothing and loads nothing', async () => {
    await frame.locator('button.new-chat').click();
    await eventually(async () => (await answers(frame).count()) === 0, 'a new empty chat');
    const answer = await ask(frame, 'HOSTILE: show me some html');
    await finished(answer);
    const text = await answer.locator('.answer-body').innerText();
    assert.match(text, /<img src="http:\/\/127\.0\.0\.1:\d+\/raw-img" onerror=/, 'raw HTML is shown as text');
    assert.match(text, /<script>window\.__pwned/);
    const dangerous = await answer.evaluate((el) => Array.from(el.querySelectorAll('img, script, iframe, svg, style, link, video, object, embed, form, [onerror], [onload], [href], [src], [style]'))
      .map((e) => (e as unknown as { outerHTML: string }).outerHTML.slice(0, 120)));
    assert.deepEqual(dangerous, []);
    await wb.page.waitForTimeout(2000);
    assert.equal(await answer.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned ?? null), null);
    assert.deepEqual(evil.hits, [], 'nothing from the answer reached the network');
  });

  it('applies a code block with a diff preview, and one undo reverts it', async () => {
    const file = path.join(wb.workspace, 'src/greet.ts');
    assert.equal(fs.readFileSync(file, 'utf8'), GREET);
    await openFile(wb.page, 'src/greet.ts');
    frame = await openChat(wb.page);
    const answer = await ask(frame, 'APPLY: make greet friendlier');
    await finished(answer);
    await answer.locator('button[aria-label="Apply code to src/greet.ts"]').click();
    await wb.page.locator('.monaco-diff-editor').first().waitFor({ timeout: 20_000 });
    await wb.page.locator('.tab').filter({ hasText: 'proposed by Tiered' }).first().waitFor();
    const message = await clickModal(wb.page, 'Apply');
    assert.match(message, /Apply the proposed change to src\/greet\.ts\?/);
    assert.equal(fs.readFileSync(file, 'utf8'), GREET, 'nothing is written before the user saves');
    // The file's editor (the diff closed); Monaco renders spaces as no-break spaces.
    const editor = wb.page.locator('.editor-instance .monaco-editor .view-lines:visible').first();
    await eventually(async () => (await editor.innerText()).includes('Welcome'), 'the editor to show the change');
    await editor.click();
    await wb.page.keyboard.press('Control+S');
    assert.equal(await fileWith(file, 'Hi there'), GREET_NEW);
    await wb.page.keyboard.press('Control+Z');
    await wb.page.keyboard.press('Control+S');
    assert.equal(await fileWith(file, 'Hello, ${name}!'), GREET);
  });

  it('applies a 3-line snippet to the function it redefines and keeps the rest of the file', async () => {
    const file = path.join(wb.workspace, 'src/shop/cart.ts');
    const before = fs.readFileSync(file, 'utf8');
    assert.ok(before.includes(CART_TOTAL_OLD));
    await openFile(wb.page, 'src/shop/cart.ts');
    frame = await openChat(wb.page);
    // The current file is attached by default, as a chip the user could remove.
    const chip = frame.locator('.composer-chips .chip-implicit');
    await eventually(async () => (await chip.count()) === 1 && /cart\.ts/.test(await chip.innerText()), 'the current file as an implicit chip');
    assert.equal(await chip.locator('button.chip-remove').count(), 1, 'removable');
    await screenshot(wb.page, 'first-screen-chat-with-current-file');
    const sent = fake.requests.length;
    const answer = await ask(frame, 'SNIPPET: give cartTotal a discount');
    await finished(answer);
    assert.match(lastQuestion(fake.requests[sent]), /export function describeCart/, 'cart.ts went with the question');
    // Chat controls: labelled attach buttons, the tier picker names its models, code wraps in the narrow panel.
    assert.deepEqual((await frame.locator('.attach button').allInnerTexts()).map((t) => t.trim()), ['Selection', 'File', 'Problems']);
    const tiers = await frame.locator('select.tier-select option').allInnerTexts();
    assert.ok(tiers.some((t) => /Local · Tiered demo \(tiny\) \(demo model\)/.test(t)) && tiers.some((t) => t.includes(`Reasoning · ${MODEL}`)), `tier picker: ${JSON.stringify(tiers)}`);
    const scrollsSideways = await answer.locator('.code-block pre').first().evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    assert.equal(scrollsSideways, false, 'the code block wraps instead of scrolling sideways');
    await answer.locator('button[aria-label="Apply code to src/shop/cart.ts"]').click();
    await wb.page.locator('.monaco-diff-editor').first().waitFor({ timeout: 20_000 });
    await wb.page.waitForTimeout(500);
    await screenshot(wb.page, 'apply-snippet-preview');
    const message = await clickModal(wb.page, 'Apply');
    assert.match(message, /Apply the proposed change to src\/shop\/cart\.ts\?/);
    assert.match(message, /It replaces `cartTotal` \(lines 9–11\)\./, 'the confirmation says what the snippet replaces');
    const editor = wb.page.locator('.editor-instance .monaco-editor .view-lines:visible').first();
    await eventually(async () => (await editor.innerText()).includes('discountCents'), 'the editor to show the change');
    await editor.click();
    await wb.page.keyboard.press('Control+S');
    assert.equal(await fileWith(file, 'discountCents'), before.replace(CART_TOTAL_OLD, CART_TOTAL_NEW), 'only cartTotal changed');
    await screenshot(wb.page, 'apply-snippet-after');
  });

  it('finds the history after reloading the window', async () => {
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    frame = await openChat(wb.page);
    const picker = frame.locator('select.conversation-picker');
    const titles = await eventually(async () => {
      const t = await picker.locator('option').allInnerTexts();
      return t.length >= 2 ? t : undefined;
    }, 'the conversation picker to list the history', 20_000);
    assert.ok(titles.some((t) => /Spell the alphabet/.test(t)), `history: ${JSON.stringify(titles)}`);
    const listed = titles.filter((t) => t !== 'New conversation');
    assert.equal(new Set(listed).size, listed.length, `no duplicate titles: ${JSON.stringify(listed)}`);
    assert.ok(listed.every((t) => /\d{1,2}:\d{2}/.test(t)), `each conversation is dated: ${JSON.stringify(listed)}`);
    assert.ok(titles.some((t) => /APPLY/.test(t) || /HOSTILE/.test(t)), `history: ${JSON.stringify(titles)}`);
    await picker.selectOption({ label: titles.find((t) => /Spell the alphabet/.test(t))! });
    await eventually(async () => (await answers(frame).count()) === 4, 'the first conversation to show its four answers', 20_000);
    const all = answers(frame);
    assert.match(await all.nth(0).locator('.answer-body').innerText(), /abcdefghijklmnopqrstuvwxyz/);
    assert.match(await all.nth(0).locator('.badge').innerText(), /local, free/);
    assert.match(await all.nth(1).locator('.badge').innerText(), new RegExp(MODEL));
    assert.match(await all.nth(3).locator('.answer-status').innerText(), /Stopped/);
    assert.deepEqual(await frame.locator('article.turn.user .user-text').allInnerTexts(),
      ['Spell the alphabet please', 'Where do these letters come from?', 'STOPME: write a very long answer']);
    assert.equal(await frame.locator('select.tier-select').inputValue(), 'reasoning', 'the conversation keeps its tier');
    assert.equal(await chatInput(frame).inputValue(), '');
  });
});
