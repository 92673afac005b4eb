import * as assert from 'node:assert/strict';
import { fitLogistic, weightsProblem } from '../../../src/core/routing/classifier';
import { FEATURE_NAMES, extractFeatures } from '../../../src/core/routing/features';
import { shippedWeights } from '../../../src/core/routing/shipped';
import { isHeldOut, loadCases, target, toRequest } from '../../bench/routerCases';

describe('shipped routing weights', () => {
  it('are what the training script makes from the training split alone (the held-out cases are never read)', () => {
    const shipped = shippedWeights()!;
    const info = shipped.trainedOn as { l2: number; trainCases: number; heldOutCases: number };
    const cases = loadCases();
    const train = cases.filter((c) => !isHeldOut(c));
    assert.equal(info.trainCases, train.length);
    assert.equal(info.heldOutCases, cases.length - train.length);
    assert.ok(info.heldOutCases >= 80, 'a real held-out split');
    const w = fitLogistic(train.map((c) => ({ x: extractFeatures(toRequest(c)), ...target(c.label) })), { l2: info.l2 });
    assert.deepEqual(w, shipped.weights);
  });

  it('the labelled set has at least 300 distinct requests with a rubric, labelled local, reasoning or either', () => {
    const cases = loadCases();
    assert.ok(cases.length >= 300);
    assert.equal(new Set(cases.map((c) => c.q)).size, cases.length);
    assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
    for (const c of cases) assert.ok(['local', 'reasoning', 'either'].includes(c.label), c.id);
  });

  it('refuses weights for another feature list, or broken ones', () => {
    const ok = shippedWeights()!;
    assert.equal(weightsProblem({ ...ok, features: [...FEATURE_NAMES].reverse() }), 'trained for another feature list');
    assert.equal(weightsProblem({ ...ok, weights: ok.weights.slice(1) }), 'weights missing or not numbers');
    assert.equal(weightsProblem({ ...ok, threshold: 1.5 }), 'threshold outside (0, 1)');
    assert.equal(weightsProblem(null), 'not a version 1 weights file');
  });
});
