import * as assert from 'node:assert/strict';
import { type RouteRequest, type RouteState, route } from '../../../src/core/routing/router';
import { LearnedRouter } from '../../../src/core/routing/learned';
import { FEATURE_NAMES, extractFeatures } from '../../../src/core/routing/features';
import { shippedWeights } from '../../../src/core/routing/shipped';
import { weightsProblem } from '../../../src/core/routing/classifier';

const shipped = shippedWeights()!;
const AUTO: RouteState = { pinned: 'auto', hasReasoningKey: true, online: true, localAvailable: true, budgetExhausted: false, localContextTokens: 32_768 };
const chat = (text: string, extra: Partial<RouteRequest> = {}): RouteRequest => ({ kind: 'chat', text, ...extra });

// Written to mislead surface features (issue 14): big mechanical edits, short hard questions.
// None of these sentences is in models/router/requests.json.
const MECHANICAL = [
  chat('Rename `orderId` to `purchaseId` in all of these files, nothing else', { fileCount: 6, attachedContextTokens: 21_000, language: 'typescript' }),
  chat('Replace the old `logger.warn(` calls with `log.warning(` across these modules', { fileCount: 5, attachedContextTokens: 15_000, language: 'python' }),
  chat('Update the imports in each file: `src/util/strings` moved to `src/text/strings`', { fileCount: 8, attachedContextTokens: 24_000, language: 'typescript' }),
];
const SHORT_HARD = [
  chat('this test passes locally but fails randomly in CI. why?', { fileCount: 1, attachedContextTokens: 700, language: 'typescript' }),
  chat('can an attacker abuse the `returnTo` parameter we redirect to after login?', { fileCount: 1, attachedContextTokens: 400 }),
  chat('the refund amount is off by one cent for some orders', { fileCount: 1, attachedContextTokens: 500, language: 'python' }),
  chat('we have to change the primary key of the accounts table with zero downtime — plan?'),
];

describe('learned router (cold start from the shipped classifier)', () => {
  it('the shipped weights fit this build and stay a few KB', () => {
    assert.equal(weightsProblem(shipped), undefined);
    assert.equal(shipped.weights.length, FEATURE_NAMES.length);
    assert.ok(JSON.stringify(shipped).length < 8_000);
  });

  it('keeps mechanical multi-file edits local and sends short hard questions to reasoning, where the rules alone do the opposite', () => {
    const learned = new LearnedRouter(shipped);
    for (const req of MECHANICAL) {
      assert.equal(route(req, AUTO).tier, 'reasoning', `rules alone: ${req.text}`);
      const d = route(req, { ...AUTO, learned });
      assert.equal(d.tier, 'local', req.text);
      assert.match(d.reason, /^Local: the learned router rates this routine \(.*mechanical edit/);
    }
    for (const req of SHORT_HARD) {
      assert.equal(route(req, AUTO).tier, 'local', `rules alone: ${req.text}`);
      const d = route(req, { ...AUTO, learned });
      assert.equal(d.tier, 'reasoning', req.text);
      assert.match(d.reason, /^Reasoning: the learned router rates this hard \(.*needs reasoning: (\d+%|over 99%)\)$/);
    }
  });

  it('still answers lookups locally and crashes with a trace through several files on reasoning', () => {
    const learned = new LearnedRouter(shipped);
    assert.equal(route(chat('how do I reverse a list in Python'), { ...AUTO, learned }).tier, 'local');
    assert.equal(route(chat('Find the root cause of this crash after the upgrade', { hasStackTrace: true, fileCount: 4, attachedContextTokens: 14_000 }), { ...AUTO, learned }).tier, 'reasoning');
  });

  it('the rules stay guards: explicit choice, pins, no key, offline, budget, context too large, no local model', () => {
    const learned = new LearnedRouter(shipped);
    const hard = SHORT_HARD[1];
    const easy = MECHANICAL[0];
    assert.equal(route({ ...hard, explicitTier: 'local' }, { ...AUTO, learned }).reason, 'Local: you asked for the local model');
    assert.equal(route(hard, { ...AUTO, learned, pinned: 'local' }).reason, 'Local: pinned to the local tier');
    assert.equal(route(easy, { ...AUTO, learned, pinned: 'reasoning' }).tier, 'reasoning');
    const noKey = route(hard, { ...AUTO, learned, hasReasoningKey: false });
    assert.equal(noKey.tier, 'local');
    assert.match(noKey.fallback ?? '', /Would use the reasoning model \(the learned router rates this hard/);
    assert.equal(route(hard, { ...AUTO, learned, online: false }).reason, 'Local: offline');
    assert.match(route(hard, { ...AUTO, learned, budgetExhausted: { period: 'daily', limitUsd: 2 } }).reason, /^Local: daily budget spent/);
    const big = route({ ...easy, attachedContextTokens: 40_000 }, { ...AUTO, learned });
    assert.equal(big.tier, 'reasoning');
    assert.match(big.reason, /context too large for the local model \(40,000 tokens\)/);
    assert.equal(big.learned, undefined, 'a guard decision teaches the classifier nothing');
    assert.equal(route(easy, { ...AUTO, learned, localAvailable: false }).reason, 'Reasoning: no local model loaded');
    assert.equal(route({ kind: 'refactor', text: 'x' }, { ...AUTO, learned }).reason, 'Reasoning: Refactoring across files uses the reasoning model');
  });

  it('reads the question, not the attached files (they count by size, number and language)', () => {
    const learned = new LearnedRouter(shipped);
    const file = 'Attached file: lock.ts (src/lock.ts):\n```ts\n' + '// avoid a race condition and a deadlock; an attacker could abuse the token\nconst x = 1;\n'.repeat(150) + '```';
    const question = 'Add JSDoc comments to the exported functions';
    const req = chat(`${question}\n\n${file}`, { question, fileCount: 1, attachedContextTokens: 4_000, language: 'typescript' });
    const d = route(req, { ...AUTO, learned });
    assert.equal(d.tier, 'local');
    assert.doesNotMatch(d.reason, /concurrency|security|code in the question/);
  });

  it('a decision carries the feature vector a signal needs, and the vector carries no text', () => {
    const d = route(chat('Rename `secretProjectKestrel` to `k` in these files', { fileCount: 4 }), { ...AUTO, learned: new LearnedRouter(shipped) });
    assert.ok(d.learned);
    assert.equal(d.learned.x.length, FEATURE_NAMES.length);
    assert.ok(d.learned.x.every((v) => typeof v === 'number' && Number.isFinite(v)));
    assert.doesNotMatch(JSON.stringify(d.learned), /Kestrel|Rename/i);
  });
});

describe('learned router (online)', () => {
  it('escalations of a kind of request move it to reasoning, and the reason names them', () => {
    const learned = new LearnedRouter(shipped);
    const req = chat('add a retry with exponential backoff to this fetch wrapper', { fileCount: 1, attachedContextTokens: 900, language: 'typescript' });
    const first = route(req, { ...AUTO, learned });
    assert.equal(first.tier, 'local');
    let escalations = 0;
    while (route(req, { ...AUTO, learned }).tier === 'local' && escalations < 30) {
      const d = route(req, { ...AUTO, learned });
      learned.learn(d.learned!.x, d.learned!.bucket, 'local-missed');
      escalations++;
    }
    assert.ok(escalations >= 2 && escalations < 30, `flipped after ${escalations} escalations`);
    const after = route(req, { ...AUTO, learned });
    assert.equal(after.tier, 'reasoning');
    assert.match(after.reason, new RegExp(`^Reasoning: similar questions answered locally were escalated \\(${escalations} of ${escalations}\\)$`));
    assert.equal(learned.overrides, escalations);
    // A mechanical multi-file edit is another kind of request: still local.
    assert.equal(route(MECHANICAL[1], { ...AUTO, learned }).tier, 'local');
  });

  it('kept local answers give the "answered locally without escalation (12 of 13)" reason', () => {
    const learned = new LearnedRouter(shipped);
    const req = MECHANICAL[0];
    const d = route(req, { ...AUTO, learned });
    for (let i = 0; i < 12; i++) learned.learn(d.learned!.x, d.learned!.bucket, 'local-kept');
    learned.learn(d.learned!.x, d.learned!.bucket, 'local-missed');
    assert.equal(route(req, { ...AUTO, learned }).reason, 'Local: similar questions were answered locally without escalation (12 of 13)');
  });

  it('retries kept locally move a kind of request back to local', () => {
    const learned = new LearnedRouter(shipped);
    const req = SHORT_HARD[3];
    let retries = 0;
    while (route(req, { ...AUTO, learned }).tier === 'reasoning' && retries < 40) {
      const d = route(req, { ...AUTO, learned });
      learned.learn(d.learned!.x, d.learned!.bucket, 'reasoning-missed');
      retries++;
    }
    assert.ok(retries >= 1 && retries < 40, `flipped after ${retries} retries`);
    assert.match(route(req, { ...AUTO, learned }).reason, /^Local: similar questions sent to reasoning were answered well locally \(\d+ of \d+\)$/);
  });

  it('its state round-trips, and reset goes back to the shipped classifier', () => {
    const learned = new LearnedRouter(shipped);
    const x = extractFeatures(SHORT_HARD[0]);
    for (let i = 0; i < 5; i++) learned.learn(x, 'b', 'reasoning-missed');
    const p = learned.model.predict(x);
    const again = new LearnedRouter(shipped, JSON.parse(JSON.stringify(learned.state())));
    assert.ok(Math.abs(again.model.predict(x) - p) < 1e-3);
    assert.equal(again.overrides, 5);
    again.reset();
    assert.equal(again.overrides, 0);
    assert.ok(Math.abs(again.model.predict(x) - new LearnedRouter(shipped).model.predict(x)) < 1e-12);
  });

  it('refuses a saved state of another shape (starts from the shipped weights)', () => {
    const x = extractFeatures(MECHANICAL[0]);
    const odd = new LearnedRouter(shipped, { version: 1, weights: [1, 2, 3], updates: 9, overrides: 9, buckets: {} });
    assert.equal(odd.overrides, 0);
    assert.equal(odd.model.predict(x), new LearnedRouter(shipped).model.predict(x));
  });
});
