// Benchmark: routing quality on the hand-labelled set (models/router/requests.json, rubric in the
// file), rules only against rules + the learned part, and the route decision time.
//  - Agreement: the routed tier matches the label ('either' accepts both tiers).
//  - reasoningShare: share of requests routed to the reasoning model.
//  - costVsAlways: cost of the routed requests / cost of sending all of them to reasoning (a
//    request's reasoning cost: its prompt and expected chat output on the default Anthropic model;
//    local costs nothing). The escalations a wrong local answer causes are reported apart.
// Honesty: the cold-start classifier was trained on the training split only; the headline figures
// are on the held-out split (a seeded hash of the id, ~30%), which no training or tuning read.
// The training split's figures are printed too: they are flattered (fit on those very cases).
// The personalized figures: a seeded simulated user sends a stream of requests drawn from one half
// of the held-out split (numbers jittered: a user's requests are alike, not identical), overrides
// a wrong route toward the label with probability p (escalate, or retry locally and keep it),
// copies right answers half the time; the learned part updates online. After 50 overrides it is
// scored two ways: on the stream (the next 300 requests, each routed BEFORE it is learned from:
// what this user sees, the "on the simulated stream"), and on the OTHER half of the
// held-out split, which the stream never contained (how far the personalization generalizes).
// Both halves take each role; 5 seeds; means are reported. The online settings (step size, pull
// toward the shipped weights, weight of a copy) were chosen by the same simulation on folds of
// the training split, not on these. Prints figures; never fails on them.
import { performance } from 'node:perf_hooks';
import { estimateCost } from '../../src/core/cost/estimate';
import { PriceBook } from '../../src/core/cost/prices';
import { LearnedRouter, type Outcome } from '../../src/core/routing/learned';
import { type RouteRequest, type RouteState, route } from '../../src/core/routing/router';
import { shippedWeights } from '../../src/core/routing/shipped';
import { agrees, hash32, isHeldOut, loadCases, toRequest, type Label, type LabelledCase } from './routerCases';

const STATE: RouteState = { pinned: 'auto', hasReasoningKey: true, online: true, localAvailable: true, localContextTokens: 32_768 };
const OVERRIDES = 50;
const P_OVERRIDE = 0.7;
const P_COPY = 0.5;
const SEEDS = [1, 2, 3, 4, 5];
const MAX_STREAM = 20_000;
/** Requests of the stream scored after the 50th override. */
const AFTER = 300;

const book = new PriceBook();
const model = book.defaultModel('anthropic') ?? 'claude-sonnet-5-5';
const SYSTEM_TOKENS = 120;

interface Item { c: LabelledCase; req: RouteRequest; usd: number }
const itemOf = (c: LabelledCase): Item => {
  const req = toRequest(c);
  const prompt = Math.ceil(req.text.length / 3.5) + (req.attachedContextTokens ?? 0) + SYSTEM_TOKENS;
  return { c, req, usd: estimateCost(book, { model, purpose: 'chat', prompt, thinking: false }).usd ?? 0 };
};

interface Score { agreement: number; reasoningShare: number; costVsAlways: number; missedReasoning: number; costWithEscalations: number }
function score(items: Item[], tierOf: (it: Item) => 'local' | 'reasoning'): Score {
  let ok = 0, toReasoning = 0, cost = 0, all = 0, missed = 0, withEsc = 0;
  for (const it of items) {
    const tier = tierOf(it);
    if (agrees(it.c.label, tier)) ok++;
    all += it.usd;
    if (tier === 'reasoning') { toReasoning++; cost += it.usd; withEsc += it.usd; }
    else if (it.c.label === 'reasoning') { missed++; withEsc += it.usd; } // the user escalates it
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { agreement: r(ok / items.length), reasoningShare: r(toReasoning / items.length), costVsAlways: r(cost / all), missedReasoning: missed, costWithEscalations: r(withEsc / all) };
}

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same kind of request again, with other sizes (a user's requests are alike, not identical). */
function jitter(req: RouteRequest, rand: () => number): RouteRequest {
  const ctx = req.attachedContextTokens ?? 0;
  const files = req.fileCount ?? 0;
  return {
    ...req,
    attachedContextTokens: ctx ? Math.round(ctx * (0.5 + rand() * 1.5)) : 0,
    fileCount: files >= 2 ? Math.max(2, files + Math.round((rand() - 0.5) * 4)) : files,
  };
}

function simulate(shipped: NonNullable<ReturnType<typeof shippedWeights>>, stream: Item[], evalOn: Item[], seed: number) {
  const rand = rng(seed);
  const learner = new LearnedRouter(shipped);
  const state: RouteState = { ...STATE, learned: learner };
  const coldState: RouteState = { ...STATE, learned: new LearnedRouter(shipped) };
  let n = 0;
  let coldOk = 0;
  const updateMs: number[] = [];
  const learn = (x: number[], bucket: string, o: Outcome) => {
    const t0 = performance.now();
    learner.learn(x, bucket, o);
    updateMs.push(performance.now() - t0);
  };
  let toOverrides = 0;
  const after: { label: Label; tier: 'local' | 'reasoning'; usd: number }[] = [];
  const reasons: string[] = [];
  while (after.length < AFTER && n < MAX_STREAM) {
    n++;
    const it = stream[Math.floor(rand() * stream.length)];
    const req = jitter(it.req, rand);
    const d = route(req, state);
    if (!d.learned) continue;
    const label: Label = it.c.label;
    if (learner.overrides >= OVERRIDES && agrees(label, route(req, coldState).tier)) coldOk++;
    if (learner.overrides >= OVERRIDES) { after.push({ label, tier: d.tier, usd: it.usd }); if (reasons.length < 3 && /similar/.test(d.reason)) reasons.push(d.reason); }
    else toOverrides = n;
    const wrong = label !== 'either' && label !== d.tier;
    if (wrong && rand() < P_OVERRIDE) learn(d.learned.x, d.learned.bucket, d.tier === 'local' ? 'local-missed' : 'reasoning-missed');
    else if (!wrong && rand() < P_COPY) learn(d.learned.x, d.learned.bucket, d.tier === 'local' ? 'local-kept' : 'reasoning-kept');
  }
  const onStream = score(after.map((a) => ({ c: { id: '', q: '', label: a.label }, req: { kind: 'chat', text: '' }, usd: a.usd, tier: a.tier })), (it) => (it as unknown as { tier: 'local' | 'reasoning' }).tier);
  return { requests: toOverrides, updates: updateMs.length, updateMs, reasons, onStream, coldOnStream: coldOk / Math.max(1, after.length), unseen: score(evalOn, (it) => route(it.req, state).tier) };
}

const pct = (v: number[], q: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000;
const fmt = (name: string, s: Score) => `${name.padEnd(34)} agreement ${(s.agreement * 100).toFixed(1)}% · to reasoning ${(s.reasoningShare * 100).toFixed(1)}% · cost vs always-reasoning ${(s.costVsAlways * 100).toFixed(1)}% (with escalations of missed ones ${(s.costWithEscalations * 100).toFixed(1)}%) · reasoning cases kept local ${s.missedReasoning}`;

function main(): void {
  const shipped = shippedWeights();
  if (!shipped) throw new Error('models/router/weights.json does not fit the feature list: run test/bench/routerTrain.ts');
  const items = loadCases().map(itemOf);
  const heldOut = items.filter((it) => isHeldOut(it.c));
  const train = items.filter((it) => !isHeldOut(it.c));
  const labels = (xs: Item[]) => ['local', 'reasoning', 'either'].map((l) => `${xs.filter((x) => x.c.label === l).length} ${l}`).join(', ');
  console.log(`cases: ${items.length} (${labels(items)}); held out of training: ${heldOut.length} (${labels(heldOut)}); priced on ${model}`);

  const rulesTier = (it: Item) => route(it.req, STATE).tier;
  const cold = new LearnedRouter(shipped);
  const coldTier = (it: Item) => route(it.req, { ...STATE, learned: cold }).tier;
  const rules = score(heldOut, rulesTier);
  const coldHeld = score(heldOut, coldTier);
  console.log(fmt('rules only, held out', rules));
  console.log(fmt('rules + learned (cold), held out', coldHeld));
  console.log(fmt('rules only, all cases', score(items, rulesTier)));
  console.log(fmt('rules + learned (cold), all cases', score(items, coldTier)));
  console.log(fmt('rules + learned (cold), TRAIN split', score(train, coldTier)) + '  <- fit on these; flattered');

  // Personalization: 2 halves of the held-out split × seeds.
  const half = (it: Item) => hash32(`half:${it.c.id}`) % 2;
  const halves = [heldOut.filter((it) => half(it) === 0), heldOut.filter((it) => half(it) === 1)];
  const runs = SEEDS.flatMap((seed) => [0, 1].map((k) => ({ k, ...simulate(shipped, halves[k], halves[1 - k], seed * 10 + k) })));
  // The cold model on the same halves, for a like-for-like comparison.
  const coldHalves = mean([0, 1].map((k) => score(halves[1 - k], coldTier).agreement));
  const meanScore = (xs: Score[]): Score => ({
    agreement: mean(xs.map((x) => x.agreement)), reasoningShare: mean(xs.map((x) => x.reasoningShare)), costVsAlways: mean(xs.map((x) => x.costVsAlways)),
    missedReasoning: mean(xs.map((x) => x.missedReasoning)), costWithEscalations: mean(xs.map((x) => x.costWithEscalations)),
  });
  const learned = meanScore(runs.map((r) => r.onStream));
  const unseen = meanScore(runs.map((r) => r.unseen));
  const allUpdates = runs.flatMap((r) => r.updateMs);
  console.log(`simulated user: p(override a wrong route) ${P_OVERRIDE}, p(copy a right one) ${P_COPY}; ${runs.length} runs (5 seeds × 2 halves of the held-out split); ${OVERRIDES} overrides took ${pct(runs.map((r) => r.requests), 0.5)} requests (median); online update p50 ${pct(allUpdates, 0.5).toFixed(4)} ms, p99 ${pct(allUpdates, 0.99).toFixed(4)} ms, max ${Math.max(...allUpdates).toFixed(3)} ms over ${allUpdates.length} updates (target < 5 ms)`);
  console.log(`  reason lines seen: ${[...new Set(runs.flatMap((r) => r.reasons))].slice(0, 3).join(' | ') || '(none)'}`);
  console.log(fmt(`on the stream after ${OVERRIDES} overrides`, learned) + ` (next ${AFTER} requests, each routed before it was learned from)`);
  const coldOnStream = mean(runs.map((r) => r.coldOnStream));
  console.log(`  per run: ${runs.map((r) => (r.onStream.agreement * 100).toFixed(0)).join(' ')} (the cold-start classifier on the same requests: ${(coldOnStream * 100).toFixed(1)}%)`);
  console.log(fmt(`on the unseen half after ${OVERRIDES}`, unseen) + ` (cold start on the same halves: ${(coldHalves * 100).toFixed(1)}%)`);
  console.log(`  per run: ${runs.map((r) => (r.unseen.agreement * 100).toFixed(0)).join(' ')}`);

  // Decision time: rules + learned on every case, many times.
  const times: number[] = [];
  for (let rep = 0; rep < 30; rep++) {
    for (const it of items) {
      const t0 = performance.now();
      route(it.req, { ...STATE, learned: cold });
      times.push(performance.now() - t0);
    }
  }
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  const p95 = pct(times.slice(items.length * 5), 0.95);
  console.log(`route decision (rules + learned): ${times.length} decisions, p50 ${r4(pct(times, 0.5))} ms, p95 ${r4(p95)} ms (target ≤ 1 ms)`);

  const pick = (s: Score) => ({ agreement: s.agreement, reasoningShare: s.reasoningShare, costVsAlways: s.costVsAlways });
  console.log(JSON.stringify({
    bench: 'routing', cases: items.length,
    rules: pick(rules),
    learned: { ...pick(learned), overrides: OVERRIDES, measuredOn: `stream, next ${AFTER} requests` },
    learnedUnseenHalf: pick(unseen), coldStartOnSameStream: coldOnStream,
    routeP95Ms: r4(p95),
    heldOutCases: heldOut.length, coldStart: pick(coldHeld), coldStartTrainSplit: score(train, coldTier).agreement, rulesAllCases: score(items, rulesTier).agreement,
    pOverride: P_OVERRIDE, requestsTo50OverridesMedian: pct(runs.map((r) => r.requests), 0.5), updateP99Ms: Math.round(pct(allUpdates, 0.99) * 1e4) / 1e4, costWithEscalations: { rules: rules.costWithEscalations, coldStart: coldHeld.costWithEscalations, learned: learned.costWithEscalations },
  }));
}

main();
