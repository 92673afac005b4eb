// The usage report's per-feature table: requests (local and cloud), spend and saving for inline
// completions, chat, Deep Debug and Refactor, from the ledger lines' `purpose`. A line without
// a purpose this version knows (an older or newer Tiered wrote it) goes to "Other (older
// records)" so the rows still add up to the totals. Money is summed in nano-dollars like the
// rest of the ledger. Pure.
import type { LedgerLine } from './ledgerRecord';
import { fromNano, savingOf, toNano } from './totals';

export const FEATURES = ['completion', 'chat', 'deep-debug', 'refactor', 'other'] as const;
export type FeatureKey = (typeof FEATURES)[number];

export const FEATURE_LABEL: Record<FeatureKey, string> = {
  completion: 'Inline completions', chat: 'Chat', 'deep-debug': 'Deep Debug', refactor: 'Refactor', other: 'Other (older records)',
};

export interface FeatureTotals {
  local: number;
  reasoning: number;
  usdNano: number;
  unknownCost: number;
  savedNano: number;
  savedUnknown: number;
  /** Local answers counted in the saving (priced or not). */
  savedAnswers: number;
}

export type FeatureTable = Record<FeatureKey, FeatureTotals>;

const emptyFeature = (): FeatureTotals => ({ local: 0, reasoning: 0, usdNano: 0, unknownCost: 0, savedNano: 0, savedUnknown: 0, savedAnswers: 0 });
export const emptyFeatureTable = (): FeatureTable =>
  Object.fromEntries(FEATURES.map((f) => [f, emptyFeature()])) as FeatureTable;

export function featureOf(purpose: string | undefined): FeatureKey {
  return purpose && purpose !== 'other' && (FEATURES as readonly string[]).includes(purpose) ? (purpose as FeatureKey) : 'other';
}

/** Adds one ledger line to the table (a rollup counts each completion in it). */
export function addToFeatures(table: FeatureTable, line: LedgerLine): void {
  const f = table[featureOf(line.purpose)];
  const n = line.kind === 'rollup' ? line.count : 1;
  f[line.tier] += n;
  if (line.kind === 'rollup') { f.usdNano += toNano(line.usd); f.unknownCost += line.unknownCost; return; }
  if (line.usd === null) f.unknownCost += 1; else f.usdNano += toNano(line.usd);
  const saved = savingOf(line);
  if (saved && 'unknown' in saved) f.savedUnknown += 1; else if (saved) f.savedNano += saved.nano;
  if (saved) f.savedAnswers += 1;
}

/** Requests, spend and saving over a window: a feature's row, and the whole window (report.ts). */
export interface SpendFigures {
  requests: number;
  local: number;
  reasoning: number;
  usd: number;
  unknownCost: number;
  savedUsd: number;
  savedUnknown: number;
  /** Local chat, Deep Debug and refactor answers that finished: the ones the saving counts. */
  savedAnswers: number;
}

export interface FeatureRow extends SpendFigures {
  feature: FeatureKey;
  label: string;
  /** This feature's share of the known spend, 0..100; undefined when nothing was spent. */
  spendPercent?: number;
}

/**
 * The rows for the given tables summed (one per day of the window): the four features always,
 * in a fixed order, then "Other (older records)" only when it has any request.
 */
export function featureBreakdown(tables: readonly FeatureTable[]): FeatureRow[] {
  const sum = emptyFeatureTable();
  for (const t of tables) {
    for (const f of FEATURES) for (const k of Object.keys(sum[f]) as (keyof FeatureTotals)[]) sum[f][k] += t[f][k];
  }
  const spent = FEATURES.reduce((a, f) => a + sum[f].usdNano, 0);
  return FEATURES.filter((f) => f !== 'other' || sum.other.local + sum.other.reasoning > 0).map((f) => {
    const s = sum[f];
    return {
      feature: f, label: FEATURE_LABEL[f], requests: s.local + s.reasoning, local: s.local, reasoning: s.reasoning,
      usd: fromNano(s.usdNano), unknownCost: s.unknownCost, savedUsd: fromNano(s.savedNano), savedUnknown: s.savedUnknown, savedAnswers: s.savedAnswers,
      spendPercent: spent > 0 ? (s.usdNano / spent) * 100 : undefined,
    };
  });
}
