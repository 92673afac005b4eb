import * as assert from 'node:assert/strict';
import type { AnswerHeader, AnswerStats, HostMessage } from '../../../src/shared/protocol';
import { makeRig, until, type Rig } from './rig';

const send = (rig: Rig, id: string, text: string, tier: 'auto' | 'local' | 'reasoning', chipIds: string[] = []) =>
  rig.controller.receive({ type: 'send', payload: { id, text, tier, chipIds } });
const ends = (rig: Rig) => rig.of('answerEnd');
const starts = (rig: Rig): AnswerHeader[] => rig.of('answerStart');
const textOf = (rig: Rig, id: string) => rig.of('answerDelta').filter((d) => d.id === id).map((d) => d.text ?? '').join('');
const bodies = (rig: Rig) => rig.fake.requests.map((r) => r.raw).join('\n');

describe('chat controller (real dispatcher, ledger, loopback Anthropic server)', () => {
  let rig: Rig;
  afterEach(async () => { rig.controller.dispose(); await rig.controller.idle(); await rig.close(); });

  it('answers on the local tier without sending anything to the cloud', async () => {
    rig = await makeRig();
    rig.controller.receive({ type: 'ready', payload: {} });
    send(rig, 'q1', 'What does greet() return?', 'local');
    await rig.controller.idle();
    const types = rig.posted.map((m) => m.type);
    assert.deepEqual(types.slice(0, 3), ['state', 'conversation', 'contextChips']);
    const first = types.indexOf('answerStart');
    assert.ok(types.indexOf('userTurn') < first && first < types.indexOf('answerDelta') && types.lastIndexOf('answerDelta') < types.indexOf('answerEnd'));
    const [h] = starts(rig);
    assert.equal(h.tier, 'local');
    assert.equal(h.replyTo, 'q1');
    assert.match(h.reason, /local/i);
    assert.equal(textOf(rig, h.id), rig.local.reply);
    const stats = ends(rig)[0].stats as AnswerStats;
    assert.deepEqual(stats.cost, { kind: 'localFree' });
    assert.equal(stats.finishReason, 'stop');
    assert.equal(stats.incomplete, false);
    assert.equal(rig.fake.requests.length, 0, 'the reasoning server was never called');
    assert.equal(rig.local.requests.length, 1);
    const msgs = rig.local.requests[0].messages;
    assert.equal(msgs[0].role, 'system');
    assert.equal(msgs.at(-1)?.content, 'What does greet() return?');
    assert.equal(rig.ledger.session().tiers.local.requests, 1);
  });

  it('streams a reasoning answer with its model, tokens and the cost the ledger recorded', async () => {
    rig = await makeRig({ text: 'The bug is in greet(): it drops the name.', usage: { input: 1200, output: 300 } });
    send(rig, 'q1', 'Why does greet() drop the name?', 'reasoning');
    await rig.controller.idle();
    const [h] = starts(rig);
    assert.equal(h.tier, 'reasoning');
    assert.equal(h.model, 'claude-sonnet-4-6');
    assert.equal(textOf(rig, h.id), 'The bug is in greet(): it drops the name.');
    assert.ok(rig.of('answerDelta').length > 1, 'streamed in several deltas');
    const stats = ends(rig)[0].stats as AnswerStats;
    assert.deepEqual(stats.usage, { inputTokens: 1200, outputTokens: 300 });
    assert.equal(stats.cost.kind, 'usd');
    const usd = stats.cost.kind === 'usd' ? stats.cost.usd : NaN;
    assert.ok(Math.abs(usd - (1200 * 3 + 300 * 15) / 1e6) < 1e-9, `cost ${usd}`);
    assert.ok(Math.abs(rig.ledger.session().usd - usd) < 1e-9);
    assert.equal(rig.fake.requests.length, 1);
    assert.match(rig.fake.requests[0].raw, /Why does greet\(\) drop the name\?/);
    assert.ok(typeof stats.totalMs === 'number' && typeof stats.ttftMs === 'number');
  });

  it('Stop mid-stream aborts the request, keeps what arrived, and counts it once', async () => {
    const full = 'word '.repeat(200);
    rig = await makeRig({ text: full, chunk: 5, delayMs: 15 });
    send(rig, 'q1', 'Explain everything', 'reasoning');
    await until(rig, () => rig.of('answerDelta').length >= 2);
    const id = starts(rig)[0].id;
    rig.controller.receive({ type: 'stop', payload: { id } });
    await rig.controller.idle();
    const stats = ends(rig)[0].stats as AnswerStats;
    assert.equal(stats.finishReason, 'aborted');
    assert.equal(stats.incomplete, true);
    const got = textOf(rig, id);
    assert.ok(got.length > 0 && got.length < full.length && full.startsWith(got), `partial text (${got.length} chars)`);
    assert.equal(rig.ledger.session().tiers.reasoning.requests, 1, 'one ledger line');
    assert.equal(rig.dispatcher['deps'].budget.reservedUsd(), 0, 'reservation settled');
    const stored = rig.controller.conversation().turns.find((t) => t.id === id);
    assert.ok(stored && stored.role === 'assistant' && stored.text === got && stored.stats?.finishReason === 'aborted');
  });

  it('Stop before the answer starts (naming the question) stops it too', async () => {
    rig = await makeRig();
    rig.local.delayMs = 20;
    send(rig, 'q1', 'hello', 'local');
    rig.controller.receive({ type: 'stop', payload: { id: 'q1' } });
    await rig.controller.idle();
    assert.equal((ends(rig)[0].stats as AnswerStats).finishReason, 'aborted');
    assert.equal(textOf(rig, starts(rig)[0].id), '');
  });

  it('escalate re-asks the same question on the reasoning tier; retry locally goes back', async () => {
    rig = await makeRig({ text: 'Cloud answer.' });
    send(rig, 'q1', 'Rename this variable', 'local');
    await rig.controller.idle();
    const localId = starts(rig)[0].id;
    rig.controller.receive({ type: 'escalate', payload: { answerId: localId } });
    await until(rig, () => starts(rig).length === 2);
    await rig.controller.idle();
    const esc = starts(rig)[1];
    assert.equal(esc.tier, 'reasoning');
    assert.equal(esc.retryOf, localId);
    assert.equal(esc.replyTo, 'q1');
    assert.match(esc.reason, /asked for the reasoning model/);
    assert.equal(rig.fake.requests.length, 1);
    assert.match(rig.fake.requests[0].raw, /Rename this variable/);
    assert.doesNotMatch(rig.fake.requests[0].raw, /Local answer from the small model/, 'the answer being escalated is not sent as history');
    rig.controller.receive({ type: 'retryLocally', payload: { answerId: esc.id } });
    await rig.controller.idle();
    const back = starts(rig)[2];
    assert.equal(back.tier, 'local');
    assert.equal(back.retryOf, esc.id);
    assert.equal(rig.fake.requests.length, 1, 'retry locally sent nothing to the cloud');
    assert.equal(rig.local.requests.length, 2);
  });

  it('with no API key: the local answer says so once and offers Set API Key; Escalate asks for the key, never answers locally again', async () => {
    rig = await makeRig({ text: 'Cloud answer.' });
    rig.key.present = false;
    rig.settings.tier = 'reasoning';
    send(rig, 'q1', 'Why does this deadlock?', 'reasoning');
    await rig.controller.idle();
    const first = starts(rig)[0];
    assert.equal(first.tier, 'local');
    assert.equal(first.needsKey, true, 'the answer carries the Set API Key button');
    assert.equal(first.reason.match(/no API key/g)?.length, 1, `said once: ${first.reason}`);
    assert.doesNotMatch(first.reason, /run "Tiered: Set API Key"/, 'the button, not the command text');
    // Escalate without a key: asks; the user gives none; nothing is answered.
    rig.controller.receive({ type: 'escalate', payload: { answerId: first.id } });
    await until(rig, () => rig.of('error').length > 0);
    assert.equal(rig.key.asked, 1);
    assert.match(rig.of('error')[0].message, /needs an API key/);
    await rig.controller.idle();
    assert.equal(starts(rig).length, 1, 'no second (local) answer');
    assert.equal(rig.local.requests.length, 1);
    // Set API Key in the answer, then escalate: the reasoning model answers.
    rig.key.givenWhenAsked = true;
    rig.controller.receive({ type: 'escalate', payload: { answerId: first.id } });
    await until(rig, () => starts(rig).length === 2);
    await rig.controller.idle();
    assert.equal(rig.key.asked, 2);
    assert.equal(starts(rig)[1].tier, 'reasoning');
    assert.equal(rig.fake.requests.length, 1);
  });

  it('attaches the current file implicitly as a removable chip; removed, it stays off for that file until another one', async () => {
    rig = await makeRig({ text: 'ok' });
    rig.settings.tier = 'reasoning';
    const cart = { kind: 'file' as const, label: 'cart.ts', path: 'src/shop/cart.ts', content: 'export function cartTotal() { return 42; }', language: 'typescript' };
    rig.controller.setEditorContext(cart);
    const chip = rig.of('contextChips').at(-1)!.chips[0];
    assert.deepEqual({ label: chip.label, implicit: chip.implicit, kind: chip.kind }, { label: 'cart.ts', implicit: true, kind: 'file' });
    send(rig, 'q1', 'What does cartTotal return?', 'reasoning', [chip.id]);
    await rig.controller.idle();
    assert.match(rig.fake.requests[0].raw, /return 42/, 'the file went with the question');
    assert.equal(rig.of('contextChips').at(-1)!.chips[0]?.id, chip.id, 'the chip stays for the next message');
    rig.controller.receive({ type: 'removeChip', payload: { id: chip.id } });
    assert.deepEqual(rig.of('contextChips').at(-1)!.chips, []);
    rig.controller.setEditorContext({ ...cart, kind: 'selection', label: 'cart.ts:1-1' });
    assert.deepEqual(rig.of('contextChips').at(-1)!.chips, [], 'still removed for cart.ts');
    send(rig, 'q2', 'And now?', 'reasoning', []);
    await rig.controller.idle();
    assert.match(rig.fake.requests[1].raw, /"content":"And now\?"\}\]/, 'the new question carries no attachment');
    rig.controller.setEditorContext({ kind: 'file', label: 'tax.ts', path: 'src/shop/tax.ts', content: 'x', language: 'typescript' });
    assert.equal(rig.of('contextChips').at(-1)!.chips[0]?.label, 'tax.ts', 'another file brings it back');
  });

  it('a local tier on a server off this machine (tiered.local.endpoint) gets neither neverSend content nor unredacted secrets', async () => {
    rig = await makeRig({ text: 'ok' });
    rig.settings.localRemote = true;
    rig.context.items = {
      file: { kind: 'file', label: '.env', path: 'config/.env', content: 'API_TOKEN=abc123SECRET' },
      selection: { kind: 'selection', label: 'db.ts:1', path: 'src/db.ts', content: 'const url = "postgres://app:Hunter2Pass@db.internal/app";', language: 'typescript' },
    };
    rig.controller.receive({ type: 'attach', payload: { kind: 'file' } });
    rig.controller.receive({ type: 'attach', payload: { kind: 'selection' } });
    await until(rig, () => (rig.of('contextChips').at(-1)?.chips.length ?? 0) >= 2);
    send(rig, 'q1', 'Which token?', 'local', rig.of('contextChips').at(-1)!.chips.map((c) => c.id));
    await rig.controller.idle();
    const asked = JSON.stringify(rig.local.requests.at(-1)!.messages);
    assert.doesNotMatch(asked, /abc123SECRET/, 'the .env content went to the remote endpoint');
    assert.doesNotMatch(asked, /Hunter2Pass/, 'a URL password went to the remote endpoint unredacted');
    assert.match(asked, /db\.internal/);
  });

  it('files matching neverSend: the chip says why, and their content never reaches the cloud', async () => {
    rig = await makeRig({ text: 'ok' });
    rig.local.reply = 'The token is abc123SECRET. ';
    rig.context.items = {
      file: { kind: 'file', label: '.env', path: 'config/.env', content: 'API_TOKEN=abc123SECRET' },
      selection: { kind: 'selection', label: 'app.ts:1-2', path: 'src/app.ts', content: 'const visible = 1;', language: 'typescript' },
    };
    rig.controller.receive({ type: 'attach', payload: { kind: 'file' } });
    rig.controller.receive({ type: 'attach', payload: { kind: 'selection' } });
    await until(rig, () => (rig.of('contextChips').at(-1)?.chips.length ?? 0) === 2);
    const chips = rig.of('contextChips').at(-1)!.chips;
    const env = chips.find((c) => c.path === 'config/.env')!;
    assert.match(env.excludedReason ?? '', /neverSend.*\*\*\/\.env/);
    assert.equal(chips.find((c) => c.path === 'src/app.ts')!.excludedReason, undefined);
    assert.ok(!JSON.stringify(rig.posted).includes('abc123SECRET'), 'chip content is not sent to the webview');
    send(rig, 'q1', 'Which token?', 'reasoning', chips.map((c) => c.id));
    await rig.controller.idle();
    assert.doesNotMatch(bodies(rig), /abc123SECRET/);
    assert.match(bodies(rig), /const visible = 1;/);
    assert.match(bodies(rig), /content is withheld/);
    assert.deepEqual(rig.of('contextChips').at(-1)!.chips, [], 'chips are used up by send');
    // The local tier may read it...
    rig.controller.receive({ type: 'attach', payload: { kind: 'file' } });
    await until(rig, () => (rig.of('contextChips').at(-1)?.chips.length ?? 0) === 1);
    send(rig, 'q2', 'And locally?', 'local', [rig.of('contextChips').at(-1)!.chips[0].id]);
    await rig.controller.idle();
    assert.match(JSON.stringify(rig.local.requests.at(-1)!.messages), /abc123SECRET/);
    // ...and a later cloud question leaves out both the file and the answer that quoted it.
    send(rig, 'q3', 'Summarise', 'reasoning');
    await rig.controller.idle();
    assert.equal(rig.fake.requests.length, 2);
    assert.doesNotMatch(bodies(rig), /abc123SECRET/);
  });

  it('a question typed in the chat asks its cost as a card in the chat, not a modal; Continue sends it', async () => {
    rig = await makeRig({ text: 'Cloud answer.' });
    rig.settings.confirmAboveUsd = 0;
    send(rig, 'q1', 'Big question', 'reasoning');
    await until(rig, () => rig.of('costEstimate').length === 1);
    const [card] = rig.of('costEstimate');
    assert.equal(card.model, 'claude-sonnet-4-6');
    assert.ok(typeof card.usd === 'number' && card.usd > 0 && card.inputTokens > 0);
    assert.equal(card.kind, 'cost');
    assert.equal(rig.confirms.length, 0, 'no modal dialog');
    assert.equal(rig.fake.requests.length, 0, 'nothing is sent before the answer');
    rig.controller.receive({ type: 'confirmCost', payload: { id: card.id, accept: true } });
    await rig.controller.idle();
    assert.equal(rig.fake.requests.length, 1);
    assert.equal(textOf(rig, starts(rig)[0].id), 'Cloud answer.');
  });

  it('Cancel on the cost card sends nothing and says so', async () => {
    rig = await makeRig();
    rig.settings.confirmAboveUsd = 0;
    send(rig, 'q1', 'Big question', 'reasoning');
    await until(rig, () => rig.of('costEstimate').length === 1);
    rig.controller.receive({ type: 'confirmCost', payload: { id: rig.of('costEstimate')[0].id, accept: false } });
    await rig.controller.idle();
    assert.equal(rig.confirms.length, 0);
    assert.equal(rig.fake.requests.length, 0);
    assert.equal(starts(rig).length, 0);
    assert.match(rig.of('error')[0].message, /Not sent: you declined/);
  });

  it('Stop, a new chat or a stale card id never sends a request waiting on its cost card', async () => {
    rig = await makeRig();
    rig.settings.confirmAboveUsd = 0;
    send(rig, 'q1', 'First', 'reasoning');
    await until(rig, () => rig.of('costEstimate').length === 1);
    rig.controller.receive({ type: 'stop', payload: { id: 'q1' } });
    await rig.controller.idle();
    assert.match(rig.of('error').at(-1)!.message, /Not sent: stopped/);
    // The first card is answered already: accepting it late does nothing.
    rig.controller.receive({ type: 'confirmCost', payload: { id: rig.of('costEstimate')[0].id, accept: true } });
    send(rig, 'q2', 'Second', 'reasoning');
    await until(rig, () => rig.of('costEstimate').length === 2);
    rig.controller.receive({ type: 'newChat', payload: {} });
    await rig.controller.idle();
    assert.equal(rig.fake.requests.length, 0);
    assert.equal(starts(rig).length, 0);
  });

  it('a workflow started from the palette (Deep Debug, refactor) keeps the modal question', async () => {
    rig = await makeRig({ text: 'Root cause.' });
    rig.settings.confirmAboveUsd = 0;
    await rig.controller.ask({ title: 'Deep Debug', question: 'Why?', basis: { purpose: 'deep-debug', messages: [{ role: 'user', content: 'evidence' }], route: { kind: 'deep-debug' } }, explicitTier: 'reasoning' });
    await rig.controller.idle();
    assert.equal(rig.confirms.length, 1, 'asked in the modal');
    assert.match(rig.confirms[0], /claude-sonnet-4-6/);
    assert.equal(rig.of('costEstimate').length, 0, 'no card in the chat');
    assert.equal(rig.fake.requests.length, 1);
  });

  it('a refused key ends the answer with a user-facing error, no key in it', async () => {
    rig = await makeRig({ status: 401 });
    rig.fake.setScript({ status: 401, errorType: 'authentication_error' });
    send(rig, 'q1', 'hi', 'reasoning');
    await rig.controller.idle();
    const stats = ends(rig)[0]?.stats as AnswerStats | undefined;
    const message = stats?.error ?? rig.of('error')[0]?.message ?? '';
    assert.ok(message.length > 0);
    assert.doesNotMatch(message, /sk-ant|at .*\.js/);
    if (stats) assert.equal(stats.finishReason, 'error');
  });

  it('keeps history across a new controller (reloaded window), with titles and tiers', async () => {
    rig = await makeRig({ text: 'Cloud.' });
    send(rig, 'a1', 'First conversation\nwith two lines', 'local');
    await rig.controller.idle();
    rig.controller.receive({ type: 'newChat', payload: {} });
    const draft = rig.of('state').at(-1)!;
    assert.equal(draft.currentConversationId, null);
    send(rig, 'b1', 'Second conversation', 'reasoning');
    await rig.controller.idle();
    const secondId = rig.of('userTurn').at(-1)!.conversationId;

    const reopened = rig.reopen();
    const seen: HostMessage[] = [];
    rig.posted.length = 0;
    reopened.receive({ type: 'ready', payload: {} });
    seen.push(...rig.posted);
    const state = rig.of('state')[0];
    assert.deepEqual(state.conversations.map((c) => c.title), ['Second conversation', 'First conversation']);
    assert.equal(state.currentConversationId, secondId);
    assert.equal(state.tier, 'reasoning');
    const conv = rig.of('conversation')[0];
    assert.deepEqual(conv.turns.map((t) => t.role), ['user', 'assistant']);
    const answer = conv.turns[1];
    assert.ok(answer.role === 'assistant' && answer.text === 'Cloud.' && answer.stats?.cost.kind === 'usd');
    reopened.receive({ type: 'switchConversation', payload: { id: state.conversations[1].id } });
    const other = rig.of('conversation').at(-1)!;
    assert.equal(other.turns[0].role === 'user' && other.turns[0].text, 'First conversation\nwith two lines');
    assert.equal(rig.of('state').at(-1)!.tier, 'local');
  });

  it('setTier changes the conversation tier; auto follows tiered.tier', async () => {
    rig = await makeRig({ text: 'Cloud.' });
    rig.settings.tier = 'reasoning';
    rig.controller.receive({ type: 'setTier', payload: { tier: 'auto' } });
    send(rig, 'q1', 'hi', 'auto');
    await rig.controller.idle();
    assert.equal(starts(rig)[0].tier, 'reasoning');
    assert.match(starts(rig)[0].reason, /pinned/);
    rig.controller.receive({ type: 'setTier', payload: { tier: 'local' } });
    assert.equal(rig.of('state').at(-1)!.tier, 'local');
  });

  it('routes code block and link actions to the editor, and refuses non-web external links', async () => {
    rig = await makeRig();
    rig.controller.receive({ type: 'copyCode', payload: { code: 'x', language: 'ts' } });
    rig.controller.receive({ type: 'applyCode', payload: { code: 'y', language: 'ts', pathHint: 'src/a.ts' } });
    rig.controller.receive({ type: 'openLink', payload: { path: 'src/a.ts', line: 3 } });
    rig.controller.receive({ type: 'openExternal', payload: { url: 'javascript:alert(1)' } });
    rig.controller.receive({ type: 'openExternal', payload: { url: 'https://example.com/x' } });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(rig.editor.calls.map((c) => c.action), ['copy', 'apply', 'openLink', 'openExternal']);
    assert.deepEqual(rig.editor.calls[1].args, ['y', 'ts', 'src/a.ts']);
    assert.deepEqual(rig.editor.calls[3].args, ['https://example.com/x']);
    assert.match(rig.of('error')[0].message, /http/);
    assert.equal(rig.controller.receive({ type: 'evil', payload: {} }), false);
    assert.equal(rig.controller.receive('send'), false);
  });

  it('attach with no editor shows the reason as a banner', async () => {
    rig = await makeRig();
    rig.controller.receive({ type: 'attach', payload: { kind: 'selection' } });
    await until(rig, () => rig.of('error').length > 0);
    assert.match(rig.of('error')[0].message, /Open a file/);
  });
});
