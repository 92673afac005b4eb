// The lines of the ledger file (JSON Lines, one object per line) and their validation.
//   kind "request": one chat / Deep Debug / refactor request, local or cloud.
//   kind "rollup":  all inline completions of one minute for one model and session, summed
//                   (count, outcomes, tokens, cost, saving, latency histograms). Completions run
//                   thousands of times a day; one line per minute keeps the file small.
import type { Purpose, TierId } from '../providers/types';
import type { Histogram } from './histogram';

export type Outcome = 'ok' | 'error' | 'aborted' | 'incomplete';
export const OUTCOMES: readonly Outcome[] = ['ok', 'error', 'aborted', 'incomplete'];
export const PURPOSES: readonly Purpose[] = ['completion', 'chat', 'deep-debug', 'refactor'];
export const TIER_IDS: readonly TierId[] = ['local', 'reasoning'];

export interface TokenCounts {
  input: number;
  output: number;
  /** Inside `output` already (never billed twice). */
  reasoning: number;
  cacheRead: number;
  cacheWrite: number;
}
export const TOKEN_KINDS: readonly (keyof TokenCounts)[] = ['input', 'output', 'reasoning', 'cacheRead', 'cacheWrite'];

interface LineBase {
  v: 1;
  /** Epoch ms (a rollup: the start of its minute). */
  time: number;
  session: string;
  tier: TierId;
  provider: string;
  model: string;
  /**
   * The feature that made the request. Every line Tiered writes has one of PURPOSES; a line
   * without one, or with a name this version does not know, is still read (its spend counts
   * against the budget) and shows as "Other" in the per-feature breakdown.
   */
  purpose?: Purpose | (string & {});
  tokens: TokenCounts;
  /** The window (ledger instance) that wrote the line; absent in older lines. */
  window?: string;
}

export interface RequestLine extends LineBase {
  kind: 'request';
  /** USD; null when the model has no price (unknown, not zero). Local requests cost 0. */
  usd: number | null;
  /** Local requests: what the default reasoning model would have charged; null if unpriced. */
  savedUsd?: number | null;
  ttftMs?: number;
  totalMs: number;
  outcome: Outcome;
}

export interface RollupLine extends LineBase {
  kind: 'rollup';
  count: number;
  outcomes: Partial<Record<Outcome, number>>;
  usd: number;
  unknownCost: number;
  savedUsd: number;
  savedUnknown: number;
  /** Latency histograms of the successful completions (see ./histogram.ts). */
  latency: Histogram;
  ttft: Histogram;
}

export type LedgerLine = RequestLine | RollupLine;

export const emptyTokens = (): TokenCounts => ({ input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheWrite: 0 });

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHist = (v: unknown): v is Histogram => isObj(v) && Object.entries(v).every(([k, c]) => /^\d+$/.test(k) && isCount(c));

function baseValid(o: Record<string, unknown>): boolean {
  return o.v === 1 && isCount(o.time) && typeof o.session === 'string' && TIER_IDS.includes(o.tier as TierId)
    && typeof o.provider === 'string' && typeof o.model === 'string' && (o.purpose === undefined || typeof o.purpose === 'string')
    && (o.window === undefined || typeof o.window === 'string')
    && isObj(o.tokens) && TOKEN_KINDS.every((k) => isCount((o.tokens as Record<string, unknown>)[k]));
}

/** Parses one line; undefined when it is not a valid ledger line (garbage, truncated, wrong shape). */
export function parseLedgerLine(text: string): LedgerLine | undefined {
  let o: unknown;
  try { o = JSON.parse(text); } catch { return undefined; }
  if (!isObj(o) || !baseValid(o)) return undefined;
  if (o.kind === 'request') {
    const ok = (o.usd === null || isCount(o.usd)) && (o.savedUsd === undefined || o.savedUsd === null || isCount(o.savedUsd))
      && (o.ttftMs === undefined || isCount(o.ttftMs)) && isCount(o.totalMs) && OUTCOMES.includes(o.outcome as Outcome);
    return ok ? (o as unknown as RequestLine) : undefined;
  }
  if (o.kind === 'rollup') {
    const ok = isCount(o.count) && isObj(o.outcomes) && Object.entries(o.outcomes).every(([k, c]) => OUTCOMES.includes(k as Outcome) && isCount(c))
      && isCount(o.usd) && isCount(o.unknownCost) && isCount(o.savedUsd) && isCount(o.savedUnknown) && isHist(o.latency) && isHist(o.ttft);
    return ok ? (o as unknown as RollupLine) : undefined;
  }
  return undefined;
}

/** The month a time belongs to, in local time: "2026-11". */
export function monthKey(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The day a time belongs to, in local time: "2026-11-27". */
export function dayKey(time: number): string {
  const d = new Date(time);
  return `${monthKey(time)}-${String(d.getDate()).padStart(2, '0')}`;
}

/** One file per month: ledger-2026-11.jsonl. */
export function ledgerFileName(month: string): string {
  return `ledger-${month}.jsonl`;
}

export const LEDGER_FILE_RE = /^ledger-(\d{4}-\d{2})\.jsonl$/;
