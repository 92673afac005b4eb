import * as assert from 'node:assert/strict';
import { ConversationStore, MAX_ANSWER_CHARS, MAX_CONVERSATIONS, STORE_KEY, titleFrom } from '../../../src/core/chat/store';
import type { Conversation } from '../../../src/core/chat/types';
import { MemoryMemento } from './rig';

function conv(id: string, updatedAt: number, text = `question ${id}`): Conversation {
  return {
    id, title: titleFrom(text), tier: 'auto', createdAt: updatedAt, updatedAt,
    turns: [
      { role: 'user', id: `${id}-q`, text, chips: [], context: [] },
      { role: 'assistant', id: `${id}-a`, conversationId: id, replyTo: `${id}-q`, tier: 'local', model: 'm', reason: 'r', text: 'answer', thinking: '', stats: { cost: { kind: 'localFree' }, finishReason: 'stop', incomplete: false } },
    ],
  };
}

describe('chat conversation store', () => {
  it('titles come from the first non-empty line, shortened', () => {
    assert.equal(titleFrom('\n  How do I   parse JSON?\nmore'), 'How do I parse JSON?');
    const long = titleFrom('x'.repeat(200));
    assert.ok(long.length <= 60 && long.endsWith('…'));
    assert.equal(titleFrom('   '), 'New chat');
  });

  it('lists most recent first and survives a reload', async () => {
    const memento = new MemoryMemento();
    const store = new ConversationStore(memento);
    store.put(conv('a', 1000));
    store.put(conv('b', 3000));
    store.put(conv('c', 2000));
    store.select('c');
    await store.flush();
    const again = new ConversationStore(memento);
    assert.deepEqual(again.list().map((c) => c.id), ['b', 'c', 'a']);
    assert.equal(again.current, 'c');
    assert.equal(again.get('b')?.turns.length, 2);
  });

  it('never stores an empty conversation', async () => {
    const memento = new MemoryMemento();
    const store = new ConversationStore(memento);
    store.put({ ...conv('e', 1), turns: [] });
    await store.flush();
    assert.deepEqual(store.list(), []);
  });

  it(`keeps only the ${MAX_CONVERSATIONS} most recent conversations`, async () => {
    const memento = new MemoryMemento();
    const store = new ConversationStore(memento);
    for (let i = 0; i < MAX_CONVERSATIONS + 7; i++) store.put(conv(`c${i}`, i));
    await store.flush();
    const ids = new ConversationStore(memento).list().map((c) => c.id);
    assert.equal(ids.length, MAX_CONVERSATIONS);
    assert.ok(!ids.includes('c0') && !ids.includes('c6') && ids.includes('c7') && ids.includes(`c${MAX_CONVERSATIONS + 6}`));
  });

  it('keeps long answers (up to the bound) and marks answers cut by a reload as aborted', async () => {
    const memento = new MemoryMemento();
    const store = new ConversationStore(memento);
    const c = conv('x', 5);
    const a = c.turns[1];
    assert.ok(a.role === 'assistant');
    a.text = 'y'.repeat(50_000);
    delete a.stats; // still streaming when the window closed
    store.put(c);
    const huge = conv('h', 6);
    const b = huge.turns[1];
    assert.ok(b.role === 'assistant');
    b.text = 'z'.repeat(MAX_ANSWER_CHARS + 10);
    store.put(huge);
    await store.flush();
    const again = new ConversationStore(memento);
    const got = again.get('x')!.turns[1];
    assert.ok(got.role === 'assistant');
    assert.equal(got.text.length, 50_000);
    assert.equal(got.stats?.finishReason, 'aborted');
    assert.equal(got.stats?.incomplete, true);
    const big = again.get('h')!.turns[1];
    assert.ok(big.role === 'assistant' && big.text.length === MAX_ANSWER_CHARS);
  });

  it('ignores damaged stored data instead of failing', () => {
    const memento = new MemoryMemento();
    memento.data.set(STORE_KEY, JSON.stringify({ version: 1, currentId: 'gone', conversations: [null, 5, { id: 'ok', title: 't', updatedAt: 1, turns: [] }, { id: 'bad' }] }));
    const store = new ConversationStore(memento);
    assert.deepEqual(store.list().map((c) => c.id), ['ok']);
    assert.equal(store.current, null);
  });
});
