// The learned part of the router, per user: the online classifier (./classifier.ts) plus, per
// kind of request ("mechanical edit over many files", "short question about security"...), how
// often the local answers held and how often they were escalated. The router asks it for an
// assessment of a chat request in auto; signals (./signals.ts) update it. Its state is numbers
// only and serializes to a few KB (./routingStore.ts keeps it next to the ledger).
import { OnlineLogistic, type RouterWeights } from './classifier';
import { FEATURE_NAMES, extractFeatures, type FeatureInput } from './features';

/** [local answers kept, local answers escalated, reasoning answers kept, reasoning answers retried locally]. */
export type BucketCounts = [number, number, number, number];

export interface LearnedState {
  version: 1;
  /** The user's weights (same order as the shipped ones). */
  weights: number[];
  /** Online updates applied since the last reset. */
  updates: number;
  /** Overrides (escalations, re-asks, kept local retries) since the last reset. */
  overrides: number;
  buckets: Record<string, BucketCounts>;
}

export interface Assessment {
  tier: 'local' | 'reasoning';
  /** p(reasoning). */
  p: number;
  /** The line after "Local: " / "Reasoning: ". */
  why: string;
  /** The feature vector (stored with a signal; no content). */
  x: number[];
  bucket: string;
}

/** What a signal says about a routed request. */
export type Outcome = 'local-kept' | 'local-missed' | 'reasoning-kept' | 'reasoning-missed';

const idx = (name: string) => FEATURE_NAMES.indexOf(name);
const KIND_ORDER: [feature: string, label: string][] = [
  ['intent:intermittent', 'intermittent behaviour'], ['intent:adversarial', 'security'], ['intent:numeric', 'numeric precision'],
  ['intent:dataChange', 'data change'], ['intent:timeOrder', 'time and ordering'], ['word:concurrency question', 'concurrency'],
  ['stackTrace', 'stack trace'], ['intent:mechanical', 'mechanical edit'], ['intent:planning', 'planning'], ['intent:causal', 'cause'],
  ['intent:boilerplate', 'boilerplate'], ['intent:lookup', 'lookup'],
];
const KIND_IDX = KIND_ORDER.map(([f, label]) => ({ i: idx(f), label }));
const FILES_IDX = idx('files>=3');
const CTX_IDX = idx('contextTokens');
const LAST_R_IDX = idx('lastTier:reasoning');

/** A coarse key for "similar requests": the kind of work and the size. */
export function bucketOf(x: ArrayLike<number>): string {
  const kind = KIND_IDX.find((k) => x[k.i] > 0)?.label ?? 'other';
  const size = x[FILES_IDX] > 0 ? 'many files' : x[CTX_IDX] * 5 >= Math.log1p(8000) ? 'large context' : 'small';
  return `${kind}, ${size}${x[LAST_R_IDX] > 0 ? ', follow-up on reasoning' : ''}`;
}

/**
 * Update weights per outcome: an override is a strong signal, a copy a weak one (the answer was
 * good enough, not proof the other tier was not needed). Chosen by test/bench/routerTuneOnline.ts.
 */
const SIGNAL: Record<Outcome, { y: 0 | 1; weight: number; bucket: 0 | 1 | 2 | 3; override: boolean }> = {
  'local-kept': { y: 0, weight: 0.1, bucket: 0, override: false },
  'local-missed': { y: 1, weight: 1, bucket: 1, override: true },
  'reasoning-kept': { y: 1, weight: 0.033, bucket: 2, override: false },
  'reasoning-missed': { y: 0, weight: 1, bucket: 3, override: true },
};

const pct = (p: number) => (p < 0.01 ? 'under 1%' : p > 0.99 ? 'over 99%' : `${Math.round(p * 100)}%`);

export class LearnedRouter {
  readonly model: OnlineLogistic;
  private buckets: Record<string, BucketCounts>;
  private updatesCount: number;
  private overridesCount: number;

  constructor(readonly shipped: RouterWeights, state?: LearnedState) {
    const usable = state && state.version === 1 && Array.isArray(state.weights) && state.weights.length === shipped.weights.length;
    this.model = new OnlineLogistic(shipped, usable ? state.weights : undefined);
    this.buckets = usable ? { ...state.buckets } : {};
    this.updatesCount = usable ? state.updates : 0;
    this.overridesCount = usable ? state.overrides : 0;
  }

  get overrides(): number { return this.overridesCount; }
  get updates(): number { return this.updatesCount; }

  assess(req: FeatureInput): Assessment {
    const xa = extractFeatures(req);
    const p = this.model.predict(xa);
    const tier = p >= this.model.threshold ? 'reasoning' : 'local';
    const x = Array.from(xa, (v) => Math.round(v * 1000) / 1000);
    const bucket = bucketOf(xa);
    return { tier, p, why: this.why(tier, p, xa, bucket), x, bucket };
  }

  /** Learns from what happened to a routed request (x and bucket from its assessment). */
  learn(x: ArrayLike<number>, bucket: string, outcome: Outcome): void {
    const s = SIGNAL[outcome];
    this.model.update(x, s.y, s.weight);
    const b = (this.buckets[bucket] ??= [0, 0, 0, 0]);
    b[s.bucket]++;
    this.updatesCount++;
    if (s.override) this.overridesCount++;
  }

  /** Takes over a state read from disk (another window's learning merged in). */
  load(state: LearnedState): void {
    if (state.weights.length !== this.model.w.length) return;
    this.model.w.set(state.weights);
    this.buckets = { ...state.buckets };
    this.updatesCount = state.updates;
    this.overridesCount = state.overrides;
  }

  reset(): void {
    this.model.reset();
    this.buckets = {};
    this.updatesCount = 0;
    this.overridesCount = 0;
  }

  state(): LearnedState {
    return { version: 1, weights: Array.from(this.model.w, (v) => Math.round(v * 1e5) / 1e5), updates: this.updatesCount, overrides: this.overridesCount, buckets: { ...this.buckets } };
  }

  private why(tier: 'local' | 'reasoning', p: number, x: Float64Array, bucket: string): string {
    const [kept, escalated, rKept, retried] = this.buckets[bucket] ?? [0, 0, 0, 0];
    if (tier === 'local' && kept + escalated >= 3 && kept > escalated) {
      return `similar questions were answered locally without escalation (${kept} of ${kept + escalated})`;
    }
    if (tier === 'reasoning' && escalated >= 2 && escalated >= kept) {
      return `similar questions answered locally were escalated (${escalated} of ${kept + escalated})`;
    }
    if (tier === 'local' && retried >= 2 && retried >= rKept) {
      return `similar questions sent to reasoning were answered well locally (${retried} of ${retried + rKept})`;
    }
    const push = this.model.explain(x, tier === 'reasoning').map((c) => c.label);
    const what = push.length ? `${push.join(', ')}; ` : '';
    return `the learned router rates this ${tier === 'reasoning' ? 'hard' : 'routine'} (${what}needs reasoning: ${pct(p)})`;
  }
}
