// Running totals per tier (requests, outcomes, tokens, cost, saving, latency histograms) that
// ledger lines are added into, and the summary the status bar and usage report read.
import type { TierId } from '../providers/types';
import { type Histogram, histogramPercentile, mergeHistogram, addToHistogram } from './histogram';
import { type LedgerLine, type Outcome, type TokenCounts, OUTCOMES, TOKEN_KINDS, emptyTokens } from './ledgerRecord';

export interface TierTotals {
  requests: number;
  outcomes: Record<Outcome, number>;
  tokens: TokenCounts;
  /** Sum of the known costs, in nano-dollars (integers add up exactly, in any order). */
  usdNano: number;
  /** Requests whose cost is unknown (unpriced model): not in `usd`. */
  unknownCost: number;
  /** Finished local chat / Deep Debug / refactor answers: what the default reasoning model would have cost (savingOf). */
  savedNano: number;
  savedUnknown: number;
  /** Successful requests only: an aborted completion says nothing about speed. */
  latency: Histogram;
  ttft: Histogram;
}

export type Totals = Record<TierId, TierTotals>;

const emptyOutcomes = (): Record<Outcome, number> => ({ ok: 0, error: 0, aborted: 0, incomplete: 0 });
export const emptyTierTotals = (): TierTotals => ({
  requests: 0, outcomes: emptyOutcomes(), tokens: emptyTokens(), usdNano: 0, unknownCost: 0, savedNano: 0, savedUnknown: 0, latency: {}, ttft: {},
});
export const emptyTotals = (): Totals => ({ local: emptyTierTotals(), reasoning: emptyTierTotals() });

function addTokens(into: TokenCounts, from: TokenCounts): void {
  for (const k of TOKEN_KINDS) into[k] += from[k];
}

/**
 * Purposes whose local answers count as a saving: a user would otherwise have asked the cloud
 * for them. Inline completions are not among them (nobody sends every keystroke to a
 * reasoning model), nor are answers that failed or were stopped.
 */
export const SAVING_PURPOSES: readonly string[] = ['chat', 'deep-debug', 'refactor'];

/**
 * What the line adds to "saved by answering locally": `nano` (what the default reasoning model
 * would have charged for the same tokens), `unknown` when that model has no price, or nothing
 * when the line does not count (a completion, a cloud answer, an answer that did not finish).
 */
export function savingOf(line: LedgerLine): { nano: number } | { unknown: true } | undefined {
  if (line.kind !== 'request' || line.tier !== 'local' || line.outcome !== 'ok' || !SAVING_PURPOSES.includes(line.purpose ?? '')) return undefined;
  if (line.savedUsd === null) return { unknown: true };
  return line.savedUsd === undefined ? undefined : { nano: toNano(line.savedUsd) };
}

/** Adds one ledger line (a request or a completion rollup) into the totals. */
export function applyLine(totals: Totals, line: LedgerLine): void {
  const t = totals[line.tier];
  addTokens(t.tokens, line.tokens);
  if (line.kind === 'request') {
    t.requests += 1;
    t.outcomes[line.outcome] += 1;
    if (line.usd === null) t.unknownCost += 1; else t.usdNano += toNano(line.usd);
    const saved = savingOf(line);
    if (saved && 'unknown' in saved) t.savedUnknown += 1; else if (saved) t.savedNano += saved.nano;
    if (line.outcome === 'ok') {
      addToHistogram(t.latency, line.totalMs);
      if (line.ttftMs !== undefined) addToHistogram(t.ttft, line.ttftMs);
    }
    return;
  }
  t.requests += line.count;
  for (const o of OUTCOMES) t.outcomes[o] += line.outcomes[o] ?? 0;
  t.usdNano += toNano(line.usd);
  t.unknownCost += line.unknownCost;
  // A rollup holds inline completions only: never a saving (see SAVING_PURPOSES).
  mergeHistogram(t.latency, line.latency);
  mergeHistogram(t.ttft, line.ttft);
}

export interface LatencyFigures {
  medianMs?: number;
  p95Ms?: number;
}

export interface TierSummary {
  requests: number;
  outcomes: Record<Outcome, number>;
  tokens: TokenCounts;
  usd: number;
  unknownCost: number;
  latency: LatencyFigures;
  timeToFirstToken: LatencyFigures;
}

export interface Summary {
  requests: number;
  /** Known cloud spend (local is free). */
  usd: number;
  /** Requests with an unknown cost: show "+ unknown", never count them as $0. */
  unknownCost: number;
  /** Saved versus sending the finished local chat, Deep Debug and refactor answers to the default reasoning model (savingOf). */
  savedUsd: number;
  savedUnknown: number;
  tiers: Record<TierId, TierSummary>;
}

/** USD ↔ nano-dollars: money is summed as integers so a reload gives exactly the same totals. */
export const toNano = (usd: number): number => Math.round(usd * 1e9);
export const fromNano = (nano: number): number => nano / 1e9;

function summarizeTier(t: TierTotals): TierSummary {
  return {
    requests: t.requests,
    outcomes: { ...t.outcomes },
    tokens: { ...t.tokens },
    usd: fromNano(t.usdNano),
    unknownCost: t.unknownCost,
    latency: { medianMs: histogramPercentile(t.latency, 0.5), p95Ms: histogramPercentile(t.latency, 0.95) },
    timeToFirstToken: { medianMs: histogramPercentile(t.ttft, 0.5), p95Ms: histogramPercentile(t.ttft, 0.95) },
  };
}

export function summarize(totals: Totals): Summary {
  const local = summarizeTier(totals.local);
  const reasoning = summarizeTier(totals.reasoning);
  return {
    requests: local.requests + reasoning.requests,
    usd: fromNano(totals.local.usdNano + totals.reasoning.usdNano),
    unknownCost: local.unknownCost + reasoning.unknownCost,
    savedUsd: fromNano(totals.local.savedNano + totals.reasoning.savedNano),
    savedUnknown: totals.local.savedUnknown + totals.reasoning.savedUnknown,
    tiers: { local, reasoning },
  };
}
