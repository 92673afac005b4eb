import * as assert from 'node:assert/strict';
import { buildMessages, chipText, routeFacts } from '../../../src/core/chat/messages';
import { exclusionReason, makeChip, PendingChips, publicChip } from '../../../src/core/chat/chips';
import type { Conversation, StoredUserTurn } from '../../../src/core/chat/types';

const globs = ['**/.env', 'secrets/**'];
const q = (id: string, text: string, context: StoredUserTurn['context'] = []): StoredUserTurn => ({ role: 'user', id, text, chips: context.map(publicChip), context });
const a = (id: string, replyTo: string, text: string, done = true) => ({
  role: 'assistant' as const, id, conversationId: 'c', replyTo, tier: 'local' as const, model: 'm', reason: 'r', text, thinking: '',
  ...(done ? { stats: { cost: { kind: 'localFree' as const }, finishReason: 'stop' as const, incomplete: false } } : {}),
});

describe('chat messages and chips', () => {
  it('marks neverSend files with the glob that matched', () => {
    assert.match(exclusionReason('app/.env', globs) ?? '', /\*\*\/\.env/);
    assert.match(exclusionReason('secrets/key.txt', globs) ?? '', /secrets\/\*\*/);
    assert.equal(exclusionReason('src/app.ts', globs), undefined);
    assert.equal(exclusionReason(undefined, globs), undefined);
  });

  it('withholds excluded content from anything but the local tier', () => {
    const chip = makeChip('k', { kind: 'file', label: '.env', path: '.env', content: 'TOKEN=zzz' }, globs);
    assert.doesNotMatch(chipText(chip, 'any'), /zzz/);
    assert.doesNotMatch(chipText(chip, 'reasoning'), /zzz/);
    assert.match(chipText(chip, 'local'), /TOKEN=zzz/);
    assert.deepEqual(Object.keys(publicChip(chip)).sort(), ['excludedReason', 'id', 'kind', 'label', 'path']);
  });

  it('fences context safely even when it contains fences', () => {
    const chip = makeChip('k', { kind: 'selection', label: 'a.md:1-3', path: 'a.md', content: '```js\nx\n```', language: 'markdown' }, globs);
    assert.match(chipText(chip, 'any'), /^Attached selection: a\.md:1-3 \(a\.md\):\n````markdown\n```js\nx\n```\n````$/);
  });

  it('builds history from the latest finished answer of each question, in order', () => {
    const c: Conversation = { id: 'c', title: 't', tier: 'auto', createdAt: 0, updatedAt: 0, turns: [
      q('q1', 'first'), a('a1', 'q1', 'old'), a('a1b', 'q1', 'newer'),
      q('q2', 'unanswered'),
      q('q3', 'third'), a('a3', 'q3', 'partial', false),
    ] };
    const next = q('q4', 'fourth');
    c.turns.push(next);
    const msgs = buildMessages(c, next, 'any', 'SYS');
    assert.deepEqual(msgs.map((m) => `${m.role}:${m.content}`), ['system:SYS', 'user:first', 'assistant:newer', 'user:fourth']);
    // Escalating q1 again sends only what came before it.
    assert.deepEqual(buildMessages(c, c.turns[0] as StoredUserTurn, 'any', 'SYS').map((m) => m.content), ['SYS', 'first']);
  });

  it('route facts: files, problems, stack traces, previous tier', () => {
    const chips = [
      makeChip('1', { kind: 'file', label: 'a.ts', path: 'src/a.ts', content: 'x' }, globs),
      makeChip('2', { kind: 'problems', label: 'Problems in b.ts (1)', path: 'src/b.ts', content: 'b.ts:1:1 error: x' }, globs),
    ];
    const c: Conversation = { id: 'c', title: 't', tier: 'auto', createdAt: 0, updatedAt: 0, turns: [q('q1', 'hi'), { ...a('a1', 'q1', 'ok'), tier: 'reasoning' }] };
    const question = q('q2', 'Crash:\n    at main (src/a.ts:3:5)', chips);
    c.turns.push(question);
    const f = routeFacts(c, question, 'local');
    assert.equal(f.fileCount, 2);
    assert.equal(f.hasErrors, true);
    assert.equal(f.hasStackTrace, true);
    assert.deepEqual(f.conversation, { turns: 1, lastTier: 'reasoning' });
    assert.equal(f.explicitTier, 'local');
  });

  it('pending chips: no duplicates, removal, take clears, recheck after the setting changes', () => {
    const p = new PendingChips();
    p.add(makeChip('1', { kind: 'file', label: 'a.ts', path: 'src/a.ts', content: 'v1' }, globs));
    p.add(makeChip('2', { kind: 'file', label: 'a.ts', path: 'src/a.ts', content: 'v2' }, globs));
    assert.deepEqual(p.list().map((c) => [c.id, c.content]), [['2', 'v2']]);
    p.recheck(['src/**']);
    assert.match(p.list()[0].excludedReason ?? '', /src\/\*\*/);
    p.recheck([]);
    assert.equal(p.list()[0].excludedReason, undefined);
    assert.equal(p.remove('nope'), false);
    p.add(makeChip('3', { kind: 'selection', label: 'b.ts:1-1', path: 'src/b.ts', content: 's' }, globs));
    assert.deepEqual(p.take(['3', 'unknown']).map((c) => c.id), ['3']);
    assert.deepEqual(p.list(), []);
  });
});
