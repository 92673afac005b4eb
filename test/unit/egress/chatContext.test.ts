// A chat answer's egress entry names what it sent: the attached files and line ranges of every
// question in the history, the neverSend files kept back, and how many secrets were redacted.
import * as assert from 'node:assert/strict';
import { startAnswer, type DispatcherLike } from '../../../src/core/chat/answer';
import { makeChip, publicChip } from '../../../src/core/chat/chips';
import type { Conversation, StoredUserTurn } from '../../../src/core/chat/types';
import { chatEgressContext } from '../../../src/core/egress/context';
import { redact } from '../../../src/core/redact';
import { MemoryLogger } from '../../../src/core/log';
import type { DispatchOutcome, DispatchRequest } from '../../../src/core/tiers/dispatcher';

const globs = ['**/.env'];
const q = (id: string, text: string, context: StoredUserTurn['context'] = []): StoredUserTurn => ({ role: 'user', id, text, chips: context.map(publicChip), context });

describe('egress record: what a chat answer sent', () => {
  const sel = makeChip('s', { kind: 'selection', label: 'cart.ts:10-24', path: 'src/cart.ts', content: 'const total = 1;' }, globs);
  const file = makeChip('f', { kind: 'file', label: 'db.ts', path: 'src/db.ts', content: 'const url = "postgres://app:Hunter2Pass@db/app";' }, globs);
  const env = makeChip('e', { kind: 'file', label: '.env', path: '.env', content: 'API_TOKEN=abc123SECRET' }, globs);

  it('files with their ranges, the withheld paths and the redaction count', () => {
    const ctx = chatEgressContext([sel, file, env], (t) => redact(t).count);
    assert.deepEqual(ctx.files, [{ path: 'src/cart.ts', ranges: [{ start: 10, end: 24 }] }, { path: 'src/db.ts' }]);
    assert.deepEqual(ctx.withheld, ['.env']);
    assert.equal(ctx.redactions, 1);
  });

  it('the chat passes it to the Dispatcher, attachments of earlier questions included', async () => {
    const seen: DispatchRequest[] = [];
    const dispatcher: DispatcherLike = { dispatch: async (req) => { seen.push(req); return { kind: 'declined', message: 'no' } as unknown as DispatchOutcome; } };
    const q2 = q('q2', 'and this?', [sel]);
    const c: Conversation = { id: 'c', title: 't', tier: 'auto', createdAt: 0, updatedAt: 0, turns: [q('q1', 'look', [file, env]), q2] };
    let n = 0;
    const run = startAnswer({ post: () => undefined, dispatcher: async () => dispatcher, save: () => undefined, log: new MemoryLogger(), newId: () => `id${n++}`, now: () => 0 }, c, q2);
    await run.done;
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0].egress?.files?.map((f) => f.path).sort(), ['src/cart.ts', 'src/db.ts']);
    assert.deepEqual(seen[0].egress?.withheld, ['.env']);
  });
});
