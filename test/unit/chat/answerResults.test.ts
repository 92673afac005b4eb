// Agent steps and result cards of workflow answers are saved with their conversation: after a
// reload (a new store over the same memento) the panel gets them again, and Apply on a replayed
// card goes to the kept fix (validated again by the workflow's restorer), once.
import * as assert from 'node:assert/strict';
import { AnswerResults, MAX_STEPS_KEPT, type StoredFix } from '../../../src/core/chat/answerResults';
import { ConversationStore, titleFrom } from '../../../src/core/chat/store';
import type { Conversation } from '../../../src/core/chat/types';
import { ResultCards } from '../../../src/vscode/chat/resultCards';
import type { AgentStepView, HostMessage, ResultCard } from '../../../src/shared/protocol';
import { MemoryMemento } from './rig';

function conv(id: string, updatedAt: number): Conversation {
  return {
    id, title: titleFrom(`Deep Debug ${id}`), tier: 'auto', createdAt: updatedAt, updatedAt,
    turns: [
      { role: 'user', id: `${id}-q`, text: 'Find the bug', chips: [], context: [] },
      { role: 'assistant', id: `${id}-a`, conversationId: id, replyTo: `${id}-q`, tier: 'reasoning', model: 'm', reason: 'r', text: 'answer', thinking: '', stats: { cost: { kind: 'unknown' }, finishReason: 'stop', incomplete: false } },
    ],
  };
}

const step = (index: number, extra: Partial<AgentStepView> = {}): AgentStepView => ({
  index, kind: 'tool', tool: 'read_file', args: '{"path":"helper/src/stats.js"}', summary: `${index * 10} lines of helper/src/stats.js`, resultChars: 400 + index, usdSoFar: 0.01 * index, tokensSoFar: 1000 * index, ...extra,
});

const card = (extra: Partial<ResultCard> = {}): ResultCard => ({
  kind: 'debug', headline: 'lastIndex returns items.length, one past the end.', explanation: 'Return the last index.',
  evidence: [{ path: 'helper/src/stats.js', known: true, refs: [{ line: 3, note: 'off by one' }] }],
  diffs: [{ path: 'helper/src/stats.js', diff: '-  return items.length;\n+  return items.length - 1;' }], refused: [], verify: [], canApply: true, ...extra,
});

const fix: StoredFix = {
  kind: 'debug',
  result: { rootCause: 'off by one', evidence: [], fix: { summary: 'Return the last index.', edits: [{ path: 'helper/src/stats.js', kind: 'modify', hunks: [{ search: '  return items.length;', replace: '  return items.length - 1;' }] }] }, verify: [], references: [] },
  sentVersions: { 'helper/src/stats.js': 'abc123' }, sentPartial: [],
};

describe('agent steps and result cards in the chat history', () => {
  it('are saved with the conversation and come back after a reload, steps in order, with the card and its fix', async () => {
    const memento = new MemoryMemento();
    const store = new ConversationStore(memento);
    store.put(conv('a', 1));
    const results = new AnswerResults(store);
    assert.equal(results.step('a-a', step(1)), true);
    results.step('a-a', step(2, { kind: 'model', tool: undefined, summary: '9 characters, 1 tool call: report_debug_result' }));
    results.card('a-a', card(), fix);
    await store.flush();

    const again = new AnswerResults(new ConversationStore(memento));
    const kept = again.get('a-a');
    assert.ok(kept, 'kept after the reload');
    assert.deepEqual(kept.steps.map((s) => s.summary), ['10 lines of helper/src/stats.js', '9 characters, 1 tool call: report_debug_result']);
    assert.equal(kept.steps[0].tool, 'read_file');
    assert.equal(kept.steps[0].resultChars, 401);
    assert.equal(kept.steps[1].usdSoFar, 0.02);
    assert.equal(kept.card?.headline, card().headline);
    assert.equal(kept.card?.diffs[0].diff, card().diffs[0].diff);
    assert.deepEqual(kept.fix, fix);
    assert.deepEqual([...again.of('a').keys()], ['a-a']);
  });

  it('an answer in no stored conversation keeps nothing; an applied card drops its fix', async () => {
    const store = new ConversationStore(new MemoryMemento());
    store.put(conv('a', 1));
    const results = new AnswerResults(store);
    assert.equal(results.step('nowhere', step(1)), false);
    assert.equal(results.get('nowhere'), undefined);
    results.card('a-a', card(), fix);
    results.card('a-a', card({ canApply: false, applied: 'Applied the fix to helper/src/stats.js.' }));
    assert.equal(results.get('a-a')?.fix, undefined);
    assert.equal(results.get('a-a')?.card?.applied, 'Applied the fix to helper/src/stats.js.');
  });

  it('stays bounded: the last steps, no huge diffs or fix, nothing for answers trimmed away; bad stored data is skipped', async () => {
    const memento = new MemoryMemento();
    const store = new ConversationStore(memento);
    store.put(conv('a', 1));
    const results = new AnswerResults(store);
    for (let i = 1; i <= MAX_STEPS_KEPT + 5; i++) results.step('a-a', step(i));
    results.card('a-a', card({ diffs: [{ path: 'big.js', diff: 'x'.repeat(500_000) }] }), fix);
    const c = store.get('a')!;
    c.results = { ...c.results, 'gone-a': { steps: [step(1)] }, 'a-q': { steps: [step(1)] } };
    store.put(c);
    await store.flush();
    const raw = JSON.parse(memento.data.get('tiered.chat.v1')!) as { conversations: Conversation[] };
    const stored = raw.conversations[0].results!;
    assert.deepEqual(Object.keys(stored), ['a-a'], 'results only for answers still in the conversation');
    assert.equal(stored['a-a'].steps.length, MAX_STEPS_KEPT);
    assert.equal(stored['a-a'].steps[0].index, 6, 'the last steps are kept');
    assert.deepEqual(stored['a-a'].card?.diffs, []);
    assert.equal(stored['a-a'].card?.canApply, false);
    assert.match(stored['a-a'].card?.note ?? '', /too big to keep/);
    assert.equal(stored['a-a'].fix, undefined);
    assert.ok(memento.data.get('tiered.chat.v1')!.length < 200_000);

    // A damaged entry (steps not a list, a card without a headline) is skipped, not thrown on.
    const broken = { ...raw, conversations: [{ ...raw.conversations[0], results: { 'a-a': { steps: 'nope', card: { diffs: 3 } } } }] };
    const m2 = new MemoryMemento();
    await m2.update('tiered.chat.v1', broken);
    assert.equal(new AnswerResults(new ConversationStore(m2)).get('a-a'), undefined);
  });

  it('the panel (ResultCards) shows them again after a reload, and Apply on the replayed card runs the kept fix once', async () => {
    const memento = new MemoryMemento();
    const store = new ConversationStore(memento);
    store.put(conv('a', 1));
    store.put(conv('b', 2));
    const before = new ResultCards(() => undefined, () => undefined, new AnswerResults(store), () => 'a');
    before.step('a-a', step(1));
    before.show('a-a', card(), async () => 'live apply', fix);
    before.step('b-a', step(7));
    await store.flush();

    // The window reloads: a new store over the same memento, new cards, no live Apply.
    const posted: HostMessage[] = [];
    const errors: string[] = [];
    const store2 = new ConversationStore(memento);
    const after = new ResultCards((m) => posted.push(m), (e) => errors.push(e), new AnswerResults(store2), () => 'a');
    after.replay();
    assert.deepEqual(posted.map((m) => m.type), ['agentStep', 'resultCard'], 'only the shown conversation\'s step and card');
    assert.equal(posted[0].type === 'agentStep' && posted[0].payload.answerId, 'a-a');
    assert.equal(posted[1].type === 'resultCard' && posted[1].payload.card.canApply, true);

    const restored: StoredFix[] = [];
    after.restoreWith('debug', async (f) => { restored.push(f); return 'The fix was not applied: helper/src/stats.js changed since.'; });
    await after.apply('a-a');
    assert.deepEqual(restored, [fix], 'the kept fix went to the restorer');
    const shown = posted.at(-1);
    assert.ok(shown?.type === 'resultCard');
    assert.equal(shown.payload.card.canApply, false);
    assert.match(shown.payload.card.applied ?? '', /changed since/);
    await after.apply('a-a');
    assert.equal(restored.length, 1, 'applied once');
    assert.match(errors.join(' '), /can no longer be applied/);
  });
});
