// Step 2 of the keystroke path: the one generation in flight. A request for the same position
// typed ahead may wait for it and reuse it; any other request makes it stale, and it is aborted
// (its AbortSignal reaches the engine and the worker). A finished generation fills the cache and
// calibrates the token estimate with the engine's own count of the prompt.
import type { CompletionCache } from './cache';
import { Generation, type GenerationOutcome, type PreparedFim } from './generation';
import type { CompletionStats } from './stats';
import type { TraceMark } from './latencyTrace';
import type { TokenEstimate } from './tokenEstimate';
import type { Clock, CompletionRequest, FimEngine } from './types';

export interface InFlightDeps {
  engine: FimEngine;
  clock: Clock;
  stats: CompletionStats;
  cache: CompletionCache;
  /** Calibrated from each result; undefined when the caller counts tokens itself. */
  estimate?: TokenEstimate;
  orphanGraceMs: number;
  /** Characters a request may be ahead of the generation and still reuse it. */
  maxTypeAhead: number;
  trace?: TraceMark;
}

export class InFlight {
  private generation?: Generation;

  constructor(private readonly deps: InFlightDeps) {}

  get current(): Generation | undefined { return this.generation; }

  start(prepared: PreparedFim, precompute: boolean): Generation {
    this.deps.stats.generations++;
    const generation = new Generation(prepared, this.deps.engine, this.deps.clock, {
      precompute, orphanGraceMs: this.deps.orphanGraceMs, trace: this.deps.trace,
      onDone: (g, outcome) => this.done(g, outcome),
    });
    this.generation = generation;
    return generation;
  }

  /**
   * The generation when `req` may reuse it (with what was typed ahead); a generation `req` cannot
   * reuse is stale and is aborted.
   */
  reusable(req: CompletionRequest): { generation: Generation; typed: string } | undefined {
    const generation = this.generation;
    if (!generation) return undefined;
    const typed = generation.typedAhead(req, this.deps.maxTypeAhead);
    if (typed !== undefined) return { generation, typed };
    this.abort(generation);
    return undefined;
  }

  abort(generation: Generation | undefined = this.generation): void {
    if (!generation) return;
    if (!generation.finished && !generation.aborted) {
      generation.abort();
      this.deps.stats.generationsAborted++;
    }
    if (this.generation === generation) this.generation = undefined;
  }

  private done(generation: Generation, outcome: GenerationOutcome): void {
    if (this.generation === generation) this.generation = undefined;
    const { stats, cache, estimate } = this.deps;
    const result = outcome.result;
    if (result && estimate) estimate.observe(generation.promptChars, result.promptTokens + (result.trimmedTokens ?? 0));
    stats.draftPredicted += result?.draftPredicted ?? 0;
    stats.draftAccepted += result?.draftAccepted ?? 0;
    if (outcome.aborted || !outcome.text) return;
    const req = generation.request;
    cache.set(req.filePath, req.prefix, req.suffix, outcome.text);
    if (generation.precompute) stats.precomputed++;
  }
}
