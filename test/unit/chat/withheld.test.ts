import * as assert from 'node:assert/strict';
import { buildMessages } from '../../../src/core/chat/messages';
import { makeChip, publicChip } from '../../../src/core/chat/chips';
import type { Conversation, StoredUserTurn } from '../../../src/core/chat/types';

// A .env that matches tiered.privacy.neverSend, and what a local model says about it.
const globs = ['**/.env'];
const ENV = 'STRIPE_SECRET_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\nDB_PASSWORD=Tr0ub4dor&3\nINTERNAL_HOST=billing-7.corp.internal\n';
const LEAKS = ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'Tr0ub4dor&3', 'billing-7.corp.internal'];
const envChip = (id: string) => makeChip(id, { kind: 'file', label: '.env', path: '.env', content: ENV }, globs);

const q = (id: string, text: string, context: StoredUserTurn['context'] = []): StoredUserTurn => ({ role: 'user', id, text, chips: context.map(publicChip), context });
const a = (id: string, replyTo: string, text: string) => ({
  role: 'assistant' as const, id, conversationId: 'c', replyTo, tier: 'local' as const, model: 'm', reason: 'r', text, thinking: '',
  stats: { cost: { kind: 'localFree' as const }, finishReason: 'stop' as const, incomplete: false },
});
const sent = (c: Conversation, question: StoredUserTurn, audience: 'any' | 'reasoning' | 'local') => JSON.stringify(buildMessages(c, question, audience, 'SYS'));

describe('withheld content stays withheld in later turns', () => {
  it('chat: a local answer that quotes an earlier local answer about .env never reaches the cloud on Escalate', () => {
    const q3 = q('q3', 'Why does checkout time out?');
    const c: Conversation = { id: 'c', title: 't', tier: 'local', createdAt: 0, updatedAt: 0, turns: [
      q('q1', 'Which database do I use?', [envChip('k1')]),
      a('a1', 'q1', 'You connect to billing-7.corp.internal with DB_PASSWORD=Tr0ub4dor&3.'),
      q('q2', 'And the payment key?'),
      a('a2', 'q2', 'Stripe uses `STRIPE_SECRET_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc`, and the database is billing-7.corp.internal (password Tr0ub4dor&3).'),
      q3,
    ] };
    const cloud = sent(c, q3, 'reasoning');
    for (const leak of LEAKS) assert.ok(!cloud.includes(leak), `${leak} went to the cloud: ${cloud}`);
    assert.match(cloud, /\[withheld\]|\[redacted\]/); // the answer is still there, minus what was withheld
    assert.match(cloud, /And the payment key\?/);
    // The local tier still sees everything.
    const local = sent(c, q3, 'local');
    for (const leak of LEAKS) assert.ok(local.includes(leak), leak);
  });

  it('Deep Debug follow-ups: an answer written with .env in view, and the answers after it, are scrubbed', () => {
    const first = q('d1', 'Deep Debug: TypeError in checkout');
    const q4 = q('d4', 'Now fix it');
    const c: Conversation = { id: 'c', title: 'Deep Debug', tier: 'auto', createdAt: 0, updatedAt: 0, turns: [
      first, a('e1', 'd1', 'Root cause: the retry loop.'),
      q('d2', 'Is the config right?', [envChip('k2')]),
      a('e2', 'd2', 'Your .env sets DB_PASSWORD=Tr0ub4dor&3 for billing-7.corp.internal.'),
      q('d3', 'Summarise'),
      a('e3', 'd3', 'Summary: host billing-7.corp.internal, key sk_live_4eC39HqLyjWDarjtT1zdp7dc.'),
      q4,
    ], basis: { purpose: 'deep-debug', firstTurnId: 'd1', route: { kind: 'deep-debug' }, messages: [{ role: 'system', content: 'SYS' }, { role: 'user', content: 'evidence', cache: true }] } };
    const cloud = sent(c, q4, 'any');
    for (const leak of LEAKS) assert.ok(!cloud.includes(leak), `${leak} went to the cloud: ${cloud}`);
    assert.match(cloud, /Root cause: the retry loop/);
    assert.match(cloud, /evidence/);
  });

  it('chat attachments are redacted for the cloud (not for the local tier)', () => {
    const chip = makeChip('k', { kind: 'file', label: 'config.ts', path: 'src/config.ts', content: 'export const password = "S3cr3t!Pass";\nexport const region = "eu-west-1";' }, globs);
    const q1 = q('q1', 'Review this', [chip]);
    const c: Conversation = { id: 'c', title: 't', tier: 'auto', createdAt: 0, updatedAt: 0, turns: [q1] };
    const cloud = sent(c, q1, 'any');
    assert.ok(!cloud.includes('S3cr3t!Pass'), cloud);
    assert.match(cloud, /eu-west-1/);
    assert.match(sent(c, q1, 'local'), /S3cr3t!Pass/);
  });

  it('a large withheld file (5,000 lines) is scrubbed from a long history too', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `SERVICE_${i}_TOKEN=tok${i}x${(i * 7919).toString(36)}q`).join('\n');
    const chip = makeChip('k', { kind: 'file', label: '.env', path: '.env', content: big }, globs);
    const quoted = 'Use SERVICE_4321_TOKEN=tok4321x' + (4321 * 7919).toString(36) + 'q for the billing call.';
    const q2 = q('q2', 'and then?');
    const c: Conversation = { id: 'c', title: 't', tier: 'local', createdAt: 0, updatedAt: 0, turns: [
      q('q1', 'which token?', [chip]), a('a1', 'q1', 'irrelevant'),
      q('q1b', 'again'), a('a1b', 'q1b', `${'Some long explanation. '.repeat(2000)}\n${quoted}`),
      q2,
    ] };
    const cloud = sent(c, q2, 'reasoning');
    assert.ok(!cloud.includes(`tok4321x${(4321 * 7919).toString(36)}q`), 'the quoted value went to the cloud');
  });
});
