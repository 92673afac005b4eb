// What the scheduler counts; the benchmark and the status bar read it.

export type RequestOutcome = 'model' | 'cache' | 'reused' | 'cancelled' | 'stale' | 'empty' | 'error' | 'withheld';

export interface RequestRecord {
  outcome: RequestOutcome;
  /** Time in Tiered's own code: cache, context, prompt, IPC, post-processing. */
  overheadMs: number;
  /** Model evaluation time this request waited for (0 for cache hits). */
  modelMs: number;
  waitedMs: number;
  promptTokens?: number;
  evaluatedTokens?: number;
}

export interface CompletionStats {
  requests: number;
  served: number;
  cancelled: number;
  cacheHits: number;
  reused: number;
  precomputed: number;
  /** Suggestions withheld because the document had moved on (never shown). */
  staleDropped: number;
  /** Model output that post-processing dropped. */
  empty: number;
  errors: number;
  /** Requests not sent: their file matches tiered.privacy.neverSend and the endpoint is remote. */
  withheld: number;
  /** Engine calls started, and those aborted (stale, orphaned, disposed). */
  generations: number;
  generationsAborted: number;
  draftPredicted: number;
  draftAccepted: number;
  /** The newest requests (bounded), oldest first. */
  records: RequestRecord[];
}

export function emptyStats(): CompletionStats {
  return {
    requests: 0, served: 0, cancelled: 0, cacheHits: 0, reused: 0, precomputed: 0, staleDropped: 0, empty: 0,
    errors: 0, withheld: 0, generations: 0, generationsAborted: 0, draftPredicted: 0, draftAccepted: 0, records: [],
  };
}

/** Adds a request's record, keeping the newest `max`. */
export function recordRequest(stats: CompletionStats, record: RequestRecord, max: number): void {
  stats.records.push(record);
  if (stats.records.length > max) stats.records.splice(0, stats.records.length - max);
}

/** The p-th percentile (0..100, nearest rank) of `values`; undefined when empty. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export interface StatsSummary {
  overheadMsP50?: number;
  overheadMsP95?: number;
  modelMsP50?: number;
  promptTokensP50?: number;
  evaluatedTokensP50?: number;
}

export function summarize(records: readonly RequestRecord[]): StatsSummary {
  const fromModel = records.filter((r) => r.outcome === 'model');
  const prompt = fromModel.flatMap((r) => (r.promptTokens === undefined ? [] : [r.promptTokens]));
  const evaluated = fromModel.flatMap((r) => (r.evaluatedTokens === undefined ? [] : [r.evaluatedTokens]));
  const overhead = records.map((r) => r.overheadMs);
  return {
    overheadMsP50: percentile(overhead, 50),
    overheadMsP95: percentile(overhead, 95),
    modelMsP50: percentile(fromModel.map((r) => r.modelMs), 50),
    promptTokensP50: percentile(prompt, 50),
    evaluatedTokensP50: percentile(evaluated, 50),
  };
}
