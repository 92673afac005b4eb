// Step 6 of the keystroke path, and the books: a request's answer is dropped when it was
// superseded, cancelled or no longer matches the document (the stale guard), else it becomes the
// Suggestion the adapter shows; either way the outcome and its times are counted.
import type { TraceOutcome } from './latencyTrace';
import { recordRequest, type CompletionStats, type RequestOutcome } from './stats';
import type { CompletionRequest, Suggestion, SuggestionSource } from './types';

/** Where one request's time went, and its token figures when it ran the model. */
export interface Tally { overhead: number; waited: number; model: number; promptTokens?: number; evaluatedTokens?: number; generated?: number }

export class Outcomes {
  constructor(
    private readonly stats: CompletionStats,
    private readonly maxRecords: number,
    private readonly isCurrent?: (request: CompletionRequest) => boolean,
    private readonly onOutcome?: TraceOutcome,
  ) {}

  /** Step 6, the stale guard: nothing for a request superseded, cancelled or no longer current. */
  finish(req: CompletionRequest, signal: AbortSignal, source: SuggestionSource, text: string, tally: Tally): Suggestion | undefined {
    if (signal.aborted || !text) {
      this.stats.cancelled++;
      this.record('cancelled', tally, req);
      return undefined;
    }
    if (this.isCurrent && !this.isCurrent(req)) {
      this.stats.staleDropped++;
      this.record('stale', tally, req);
      return undefined;
    }
    this.stats.served++;
    if (source === 'cache') this.stats.cacheHits++;
    if (source === 'reused') this.stats.reused++;
    this.record(source, tally, req);
    const totalMs = tally.overhead + tally.waited + tally.model;
    const tokens = source === 'model' && tally.promptTokens !== undefined
      ? { prompt: tally.promptTokens, evaluated: tally.evaluatedTokens ?? 0, generated: tally.generated ?? 0 }
      : undefined;
    return {
      text, source, request: req, tokens,
      timings: { overheadMs: tally.overhead, modelMs: tally.model, waitedMs: tally.waited, totalMs },
    };
  }

  record(outcome: RequestOutcome, tally: Tally, req?: CompletionRequest): void {
    if (req) this.onOutcome?.(req, outcome);
    recordRequest(this.stats, {
      outcome, overheadMs: tally.overhead, modelMs: tally.model, waitedMs: tally.waited,
      promptTokens: tally.promptTokens, evaluatedTokens: tally.evaluatedTokens,
    }, this.maxRecords);
  }
}
