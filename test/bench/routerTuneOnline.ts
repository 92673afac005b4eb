// How the online settings of the learned router (step size, pull toward the shipped weights, the
// weight of a copy) were chosen: on the TRAINING split only. For each of 5 folds, a cold model is
// fit on the other 4; a simulated user (as in router.bench.ts) streams half of the fold until 50
// overrides; the settings are scored by the mean of the agreement on the stream (next 300
// requests, each routed before it is learned from) and on the fold's other half. The held-out
// split is never read.
//   node out/test/bench/routerTuneOnline.js
import { OnlineLogistic, fitLogistic } from '../../src/core/routing/classifier';
import { FEATURE_NAMES, extractFeatures } from '../../src/core/routing/features';
import { shippedWeights } from '../../src/core/routing/shipped';
import { agrees, hash32, isHeldOut, loadCases, target, toRequest, type LabelledCase } from './routerCases';

/** The threshold the training script chose (by cross-validation on the training split). */
const THRESHOLD = shippedWeights()?.threshold ?? 0.5;
const cases = loadCases().filter((c) => !isHeldOut(c));
const fold = (c: LabelledCase) => hash32(`fold:${c.id}`) % 5;
const half = (c: LabelledCase) => hash32(`h:${c.id}`) % 2;
const withX = (cs: LabelledCase[]) => cs.map((c) => ({ c, x: extractFeatures(toRequest(c)) }));
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
const folds = [0, 1, 2, 3, 4].map((k) => ({
  w: fitLogistic(cases.filter((c) => fold(c) !== k).map((c) => ({ x: extractFeatures(toRequest(c)), ...target(c.label) })), { l2: 0.001 }),
  stream: withX(cases.filter((c) => fold(c) === k && half(c) === 0)),
  other: withX(cases.filter((c) => fold(c) === k && half(c) === 1)),
}));
const rows: { lr: number; pull: number; kept: number; stream: number; other: number; both: number }[] = [];
for (const lr of [0.02, 0.05, 0.1, 0.2, 0.35]) for (const pull of [0.002, 0.02, 0.1, 0.3]) for (const kept of [0, 0.1, 0.3]) {
  let ok = 0, n = 0, otherOk = 0, otherN = 0;
  for (const f of folds) for (const seed of [1, 2, 3]) {
    const m = new OnlineLogistic({ version: 1, features: [...FEATURE_NAMES], weights: f.w, threshold: THRESHOLD }, undefined, { learningRate: lr, priorPull: pull });
    const rand = rng(seed * 7 + 1);
    let overrides = 0, after = 0;
    for (let i = 0; i < 6000 && after < 300; i++) {
      const it = f.stream[Math.floor(rand() * f.stream.length)];
      const tier = m.predict(it.x) >= THRESHOLD ? 'reasoning' : 'local';
      if (overrides >= 50) { after++; n++; if (agrees(it.c.label, tier)) ok++; }
      const wrong = it.c.label !== 'either' && it.c.label !== tier;
      if (wrong && rand() < 0.7) { m.update(it.x, tier === 'local' ? 1 : 0, 1); overrides++; }
      else if (!wrong && rand() < 0.5 && kept) m.update(it.x, tier === 'local' ? 0 : 1, tier === 'local' ? kept : kept / 3);
    }
    for (const it of f.other) { otherN++; if (agrees(it.c.label, m.predict(it.x) >= THRESHOLD ? 'reasoning' : 'local')) otherOk++; }
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  rows.push({ lr, pull, kept, stream: r3(ok / Math.max(1, n)), other: r3(otherOk / otherN), both: r3((ok / Math.max(1, n) + otherOk / otherN) / 2) });
}
rows.sort((a, b) => b.both - a.both);
for (const r of rows.slice(0, 8)) console.log(JSON.stringify(r));
