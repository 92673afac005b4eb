// Trains the router's cold-start classifier on the training split of the labelled set and writes
// models/router/weights.json. Deterministic (batch gradient descent from zero, seeded split), so
// running it again gives the same file. The held-out split is never read here: the L2 strength
// and the threshold are chosen by 5-fold cross-validation inside the training split.
//   node esbuild.mjs && node node_modules/typescript/bin/tsc -p . && node out/test/bench/routerTrain.js
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Example, type RouterWeights, fitLogistic, sigmoid } from '../../src/core/routing/classifier';
import { FEATURE_NAMES, extractFeatures } from '../../src/core/routing/features';
import { HELD_OUT_PERCENT, SPLIT_SEED, agrees, hash32, isHeldOut, loadCases, target, toRequest, type LabelledCase } from './routerCases';

const root = path.resolve(__dirname, '..', '..', '..');
const cases = loadCases(root);
const train = cases.filter((c) => !isHeldOut(c));
const examplesOf = (cs: LabelledCase[]): (Example & { c: LabelledCase })[] => cs.map((c) => ({ c, x: extractFeatures(toRequest(c)), ...target(c.label) }));

function agreement(w: number[], threshold: number, ex: (Example & { c: LabelledCase })[]): number {
  let ok = 0;
  for (const e of ex) {
    let z = 0;
    for (let i = 0; i < w.length; i++) z += w[i] * e.x[i];
    if (agrees(e.c.label, sigmoid(z) >= threshold ? 'reasoning' : 'local')) ok++;
  }
  return ok / ex.length;
}

// 5 folds inside the training split, by a hash of the id with another seed.
const FOLDS = 5;
const fold = (c: LabelledCase) => hash32(`fold:${c.id}`) % FOLDS;
const grid: { l2: number; threshold: number; cv: number }[] = [];
for (const l2 of [0.001, 0.003, 0.01, 0.03]) {
  const perFold = Array.from({ length: FOLDS }, (_, k) => {
    const w = fitLogistic(examplesOf(train.filter((c) => fold(c) !== k)), { l2 });
    return { w, test: examplesOf(train.filter((c) => fold(c) === k)) };
  });
  for (const threshold of [0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
    const cv = perFold.reduce((s, f) => s + agreement(f.w, threshold, f.test) * f.test.length, 0) / train.length;
    grid.push({ l2, threshold, cv });
  }
}
// Best CV agreement; ties go to the stronger regularization and the higher threshold (cheaper).
grid.sort((a, b) => b.cv - a.cv || b.l2 - a.l2 || b.threshold - a.threshold);
const best = grid[0];
const weights = fitLogistic(examplesOf(train), { l2: best.l2 });
const out: RouterWeights = {
  version: 1,
  features: [...FEATURE_NAMES],
  weights,
  threshold: best.threshold,
  trainedOn: {
    script: 'test/bench/routerTrain.ts', data: 'models/router/requests.json', splitSeed: SPLIT_SEED, heldOutPercent: HELD_OUT_PERCENT,
    trainCases: train.length, heldOutCases: cases.length - train.length, l2: best.l2, cvAgreement: Math.round(best.cv * 1000) / 1000,
    trainAgreement: Math.round(agreement(weights, best.threshold, examplesOf(train)) * 1000) / 1000,
  },
};
const file = path.join(root, 'models', 'router', 'weights.json');
fs.writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
console.log(`trained on ${train.length} cases (${cases.length - train.length} held out, never read): l2 ${best.l2}, threshold ${best.threshold}, 5-fold CV agreement ${(best.cv * 100).toFixed(1)}%, train agreement ${((out.trainedOn!.trainAgreement as number) * 100).toFixed(1)}%`);
console.log(`wrote ${path.relative(root, file)} (${fs.statSync(file).size} bytes)`);
