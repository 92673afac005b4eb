// The learned part of the router: a logistic regression over the features of ./features.ts that
// gives the probability that a request needs the reasoning model. It starts from the weights
// trained offline on the labelled set (models/router/weights.json) and is updated online, one
// signal at a time, by a gradient step pulled back toward those shipped weights (so a handful of
// overrides personalize it without erasing what it knew). An update is a few hundred
// multiply-adds: microseconds.
import { FEATURE_COUNT, FEATURE_LABELS, FEATURE_NAMES } from './features';

export interface RouterWeights {
  version: 1;
  /** FEATURE_NAMES at training time: weights for another feature list are refused. */
  features: string[];
  weights: number[];
  /** p(reasoning) at or above which the request goes to the reasoning model. */
  threshold: number;
  /** How the weights were made (script, seed, cases), for people reading the file. */
  trainedOn?: Record<string, unknown>;
}

/** Why a weights file cannot be used, or undefined when it can. */
export function weightsProblem(w: unknown): string | undefined {
  const x = w as Partial<RouterWeights> | null;
  if (!x || typeof x !== 'object' || x.version !== 1) return 'not a version 1 weights file';
  if (!Array.isArray(x.features) || x.features.join('|') !== FEATURE_NAMES.join('|')) return 'trained for another feature list';
  if (!Array.isArray(x.weights) || x.weights.length !== FEATURE_COUNT || !x.weights.every((v) => Number.isFinite(v))) return 'weights missing or not numbers';
  if (typeof x.threshold !== 'number' || !(x.threshold > 0 && x.threshold < 1)) return 'threshold outside (0, 1)';
  return undefined;
}

/** Entries a reason line may name: what the request is about, not how it is phrased. */
const EXPLAINS = new Set(Object.keys(FEATURE_LABELS).filter((f) => !['questionLength', 'imperative', 'codeBlocks'].includes(f)));

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export interface Contribution {
  feature: string;
  label: string;
  /** weight × value: positive pushes toward reasoning. */
  value: number;
}

/** Defaults chosen by test/bench/routerTuneOnline.ts on the training split. */
export interface OnlineOptions {
  /** Step size of one online update. */
  learningRate?: number;
  /** Pull back toward the prior weights at each update (L2 toward the prior). */
  priorPull?: number;
}

export class OnlineLogistic {
  readonly prior: Float64Array;
  readonly w: Float64Array;
  readonly threshold: number;
  private readonly lr: number;
  private readonly pull: number;

  constructor(prior: RouterWeights, personal?: readonly number[], opts: OnlineOptions = {}) {
    this.prior = Float64Array.from(prior.weights);
    this.w = Float64Array.from(personal && personal.length === prior.weights.length ? personal : prior.weights);
    this.threshold = prior.threshold;
    this.lr = opts.learningRate ?? 0.2;
    this.pull = opts.priorPull ?? 0.002;
  }

  /** p(reasoning) for a feature vector. */
  predict(x: ArrayLike<number>): number {
    let z = 0;
    for (let i = 0; i < this.w.length; i++) z += this.w[i] * x[i];
    return sigmoid(z);
  }

  /**
   * One online step toward `y` (1 = needed reasoning, 0 = local was enough), scaled by `weight`
   * (a strong signal such as an escalation 1, a weak one such as a copy less).
   */
  update(x: ArrayLike<number>, y: 0 | 1, weight = 1): void {
    const g = (this.predict(x) - y) * weight * this.lr;
    for (let i = 0; i < this.w.length; i++) this.w[i] -= g * x[i] + this.lr * this.pull * (this.w[i] - this.prior[i]);
  }

  /** Back to the shipped weights. */
  reset(): void {
    this.w.set(this.prior);
  }

  /** The entries that pushed this decision most, in the direction of `towardReasoning`. */
  explain(x: ArrayLike<number>, towardReasoning: boolean, n = 2): Contribution[] {
    const out: Contribution[] = [];
    for (let i = 1; i < this.w.length; i++) {
      if (!EXPLAINS.has(FEATURE_NAMES[i])) continue;
      const value = this.w[i] * x[i];
      if (x[i] === 0 || (towardReasoning ? value <= 0.25 : value >= -0.25)) continue;
      const feature = FEATURE_NAMES[i];
      out.push({ feature, label: FEATURE_LABELS[feature] ?? feature, value });
    }
    out.sort((a, b) => (towardReasoning ? b.value - a.value : a.value - b.value));
    const kept: Contribution[] = [];
    for (const c of out) if (!kept.some((k) => k.label.includes(c.label) || c.label.includes(k.label))) kept.push(c);
    return kept.slice(0, n);
  }
}

/** Training examples for the offline (batch) fit: x, target, weight. */
export interface Example {
  x: ArrayLike<number>;
  y: 0 | 1;
  weight: number;
}

/**
 * Batch gradient descent with L2 (not on the bias), deterministic: the same examples give the
 * same weights. Used by the offline training script and by tests.
 */
export function fitLogistic(examples: readonly Example[], opts: { epochs?: number; learningRate?: number; l2?: number } = {}): number[] {
  const epochs = opts.epochs ?? 2000;
  const lr = opts.learningRate ?? 0.5;
  const l2 = opts.l2 ?? 0.01;
  const w = new Float64Array(FEATURE_COUNT);
  const grad = new Float64Array(FEATURE_COUNT);
  const total = examples.reduce((s, e) => s + e.weight, 0) || 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    grad.fill(0);
    for (const e of examples) {
      let z = 0;
      for (let i = 0; i < FEATURE_COUNT; i++) z += w[i] * e.x[i];
      const g = (sigmoid(z) - e.y) * e.weight;
      for (let i = 0; i < FEATURE_COUNT; i++) grad[i] += g * e.x[i];
    }
    for (let i = 0; i < FEATURE_COUNT; i++) w[i] -= lr * (grad[i] / total + (i === 0 ? 0 : l2 * w[i]));
  }
  return Array.from(w, (v) => Math.round(v * 1e4) / 1e4);
}
