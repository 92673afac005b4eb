import * as assert from 'node:assert/strict';
import { LearnedRouter } from '../../../src/core/routing/learned';
import { type RouteDecision, route } from '../../../src/core/routing/router';
import { REASK_WINDOW_MS, RoutingSignals, answerWithCode, type SignalRecord, type SignalSink } from '../../../src/core/routing/signals';
import { shippedWeights } from '../../../src/core/routing/shipped';

class Sink implements SignalSink {
  readonly signals: SignalRecord[] = [];
  readonly routedTiers: string[] = [];
  saved = 0;
  record(s: SignalRecord) { this.signals.push(s); }
  routed(tier: 'local' | 'reasoning', usd: number | undefined) { this.routedTiers.push(tier); if (tier === 'local') this.saved += usd ?? 0; }
  unsaved(usd: number | undefined) { this.saved -= usd ?? 0; }
}

function setup() {
  let now = 1_000_000;
  const learner = new LearnedRouter(shippedWeights()!);
  const sink = new Sink();
  const signals = new RoutingSignals(() => learner, sink, () => now);
  const state = { pinned: 'auto' as const, hasReasoningKey: true, online: true, localAvailable: true, learned: learner };
  const decide = (text: string): RouteDecision => route({ kind: 'chat', text }, state);
  const outcomes = () => sink.signals.map((s) => `${s.outcome} via ${s.via}`);
  return { learner, sink, signals, decide, outcomes, tick: (ms: number) => { now += ms; } };
}
const LOCAL_Q = 'write a function that chunks an array into pieces of size n';
const HARD_Q = 'could an attacker abuse the redirect parameter here?';

describe('routing signals', () => {
  it('escalating a routed local answer is a miss for local, and takes back its saving', () => {
    const t = setup();
    const d = t.decide(LOCAL_Q);
    assert.equal(d.tier, 'local');
    t.signals.answered({ answerId: 'a1', conversationId: 'c', questionText: LOCAL_Q, tier: 'local', decision: d, reasoningUsd: 0.02 });
    assert.deepEqual(t.sink.routedTiers, ['local']);
    assert.ok(Math.abs(t.sink.saved - 0.02) < 1e-12);
    t.signals.escalated('a1');
    t.signals.escalated('a1');
    assert.deepEqual(t.outcomes(), ['local-missed via escalate'], 'once per answer');
    assert.equal(t.learner.overrides, 1);
    assert.equal(t.sink.saved, 0);
  });

  it('the same question again within a minute is a miss for local; after a minute, or elsewhere, it is not', () => {
    const t = setup();
    t.signals.answered({ answerId: 'a1', conversationId: 'c', questionText: LOCAL_Q, tier: 'local', decision: t.decide(LOCAL_Q) });
    t.tick(REASK_WINDOW_MS + 1);
    t.signals.asked('c', LOCAL_Q);
    t.signals.asked('other', LOCAL_Q);
    assert.deepEqual(t.outcomes(), []);
    t.signals.answered({ answerId: 'a2', conversationId: 'c', questionText: LOCAL_Q, tier: 'local', decision: t.decide(LOCAL_Q) });
    t.tick(20_000);
    t.signals.asked('c', `  ${LOCAL_Q.toUpperCase()} `);
    assert.deepEqual(t.outcomes(), ['local-missed via re-ask']);
  });

  it('retry locally counts as a miss for reasoning only once the user keeps the local answer', () => {
    const t = setup();
    const d = t.decide(HARD_Q);
    assert.equal(d.tier, 'reasoning');
    t.signals.answered({ answerId: 'r1', conversationId: 'c', questionText: HARD_Q, tier: 'reasoning', decision: d });
    t.signals.retriedLocallyOn('r1');
    t.signals.answered({ answerId: 'l1', conversationId: 'c', questionText: HARD_Q, tier: 'local', decision: {}, retryOf: 'r1' });
    assert.deepEqual(t.outcomes(), [], 'not before the user keeps it');
    t.signals.used('l1', 'apply');
    assert.deepEqual(t.outcomes(), ['reasoning-missed via retry-kept (apply)']);
  });

  it('retry locally then moving on to another question keeps the local answer; escalating it again does not', () => {
    const t = setup();
    t.signals.answered({ answerId: 'r1', conversationId: 'c', questionText: HARD_Q, tier: 'reasoning', decision: t.decide(HARD_Q) });
    t.signals.retriedLocallyOn('r1');
    t.signals.answered({ answerId: 'l1', conversationId: 'c', questionText: HARD_Q, tier: 'local', decision: {}, retryOf: 'r1' });
    t.signals.asked('c', 'thanks, now something else entirely');
    assert.deepEqual(t.outcomes(), ['reasoning-missed via retry-moved-on']);

    const u = setup();
    u.signals.answered({ answerId: 'r1', conversationId: 'c', questionText: HARD_Q, tier: 'reasoning', decision: u.decide(HARD_Q) });
    u.signals.retriedLocallyOn('r1');
    u.signals.answered({ answerId: 'l1', conversationId: 'c', questionText: HARD_Q, tier: 'local', decision: {}, retryOf: 'r1' });
    u.signals.escalated('l1');
    u.signals.asked('c', 'something else');
    assert.deepEqual(u.outcomes(), []);
  });

  it('copy, insert or apply of a routed answer is a success, once; answers the router did not choose teach nothing', () => {
    const t = setup();
    t.signals.answered({ answerId: 'a1', conversationId: 'c', questionText: LOCAL_Q, tier: 'local', decision: t.decide(LOCAL_Q) });
    t.signals.answered({ answerId: 'p1', conversationId: 'c', questionText: LOCAL_Q, tier: 'reasoning', decision: {} });
    t.signals.used('a1', 'copy');
    t.signals.used('a1', 'insert');
    t.signals.used('p1', 'apply');
    t.signals.used(undefined, 'copy');
    t.signals.escalated('p1');
    assert.deepEqual(t.outcomes(), ['local-kept via copy']);
    assert.deepEqual(t.sink.routedTiers, ['local']);
  });

  it('a signal holds the feature vector and the kind of request, never the question', () => {
    const t = setup();
    const q = 'write a function that parses the Zanzibar invoice format';
    t.signals.answered({ answerId: 'a1', conversationId: 'c', questionText: q, tier: 'local', decision: t.decide(q) });
    t.signals.escalated('a1');
    const line = JSON.stringify(t.sink.signals[0]);
    assert.doesNotMatch(line, /Zanzibar|invoice|parses/i);
    assert.ok(t.sink.signals[0].x.length > 10);
  });

  it('finds the answer a copied code block came from (the latest one holding it)', () => {
    const turns = [
      { role: 'user', id: 'q1', text: 'x' },
      { role: 'assistant', id: 'a1', text: 'use\n```ts\nconst a = 1;\n```' },
      { role: 'assistant', id: 'a2', text: 'again\n```ts\nconst a = 1;\n```' },
    ];
    assert.equal(answerWithCode(turns, 'const a = 1;\n'), 'a2');
    assert.equal(answerWithCode(turns, 'nothing like it'), undefined);
    assert.equal(answerWithCode(turns, '   '), undefined);
  });
});
