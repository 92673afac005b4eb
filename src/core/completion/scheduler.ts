// The inline-completion pipeline, from a keystroke to a suggestion:
//
//   request(req, signal)                                   (this file: the order of the steps)
//     1. cache: an exact hit, or the rest of a suggestion the user is typing through, is served
//        at once (no debounce, no model).
//     2. single flight (inFlight.ts): a generation already in flight for this position typed ahead (same file,
//        same text after the cursor, the new prefix = its prefix + text it is producing) is
//        awaited and reused; any other generation in flight is stale and aborted (its
//        AbortSignal reaches the engine and the child process).
//     3. adaptive debounce (debounce.ts) for automatic triggers; a newer request supersedes this
//        one (it resolves undefined), the caller's signal (VS Code's CancellationToken) too.
//     4. context and prompt (prepareFim.ts): pending context chunks enter the ring only after a
//        pause (contextChunks.ts), chunks the send policy forbids are left out (sendPolicy.ts),
//        the prompt is laid out for the model family (prompt.ts, providers/local/fimTemplates.ts)
//        with a token estimate the engine's counts calibrate (tokenEstimate.ts); the worker
//        measures it exactly and trims what would not fit (providers/local/promptTokens.ts).
//     5. engine.fim() in a Generation (generation.ts); the outcome is post-processed
//        (postprocess.ts) and cached for this position. A caller that gives up does not stop the
//        generation at once: the next keystroke may reuse it; with nobody waiting for
//        `orphanGraceMs` it is aborted.
//     6. stale guard (outcomes.ts): nothing is returned for a request that was superseded, cancelled, or no
//        longer matches the document (`isCurrent`).
//   accepted(suggestion) precomputes the suggestion for the position after the accepted text,
//   in the background; any real request for another position aborts it, a request for that
//   position reuses it.
//
// `stats` counts everything; each request's time in Tiered's own code (overheadMs) is kept apart
// from model time (modelMs) and from waiting (debounce, another generation).

import { describeError, type Logger } from '../log';
import type { FimTemplate } from '../providers/local/fimTemplates';
import { CompletionCache, type CacheOptions } from './cache';
import type { ContextChunks } from './contextChunks';
import { AdaptiveDebounce, sleep, type DebounceOptions } from './debounce';
import type { Generation } from './generation';
import { InFlight } from './inFlight';
import type { TraceMark, TraceOutcome } from './latencyTrace';
import { prepareFim, type FimLimits } from './prepareFim';
import { DEFAULT_PROMPT_OPTIONS, type PromptOptions } from './prompt';
import { SEND_ANYTHING, type SendPolicy } from './sendPolicy';
import { Outcomes, type Tally } from './outcomes';
import { emptyStats, summarize, type StatsSummary } from './stats';
import { TemplateSource } from './templateSource';
import { TokenEstimate } from './tokenEstimate';
import {
  requestAfter, systemClock, type Clock, type CompletionRequest, type CountTokens, type FimEngine, type Suggestion,
} from './types';

export interface SchedulerOptions extends FimLimits {
  debounce: Partial<DebounceOptions>;
  prompt: Partial<PromptOptions>;
  cache: Partial<CacheOptions>;
  /** Characters a request may be ahead of an in-flight generation and still reuse it. */
  maxTypeAhead: number;
  orphanGraceMs: number;
  /** A pause at least this long lets pending context chunks into the ring. */
  idleFlushMs: number;
  /** Request records kept for the benchmark. */
  maxRecords: number;
  /**
   * Quiet time the host already waited before asking (VS Code calls an inline provider 50 ms
   * after the last change): taken off the adaptive debounce, so the two do not add up.
   */
  hostDebounceMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  debounce: {}, prompt: {}, cache: {},
  maxTokensSingle: 48, maxTokensMulti: 128, timeBudgetMs: 1500, explicitTimeBudgetMs: 4000, maxLines: 10,
  maxTypeAhead: 128, orphanGraceMs: 300, idleFlushMs: 1000, maxRecords: 10000, hostDebounceMs: 0,
};

export interface SchedulerDeps {
  engine: FimEngine;
  /** The model's FIM template, or how to get it once the model is loaded (called once). */
  template: FimTemplate | (() => Promise<FimTemplate>);
  chunks?: ContextChunks;
  clock?: Clock;
  /** A fixed token count; default: an estimate the engine's own counts calibrate. */
  countTokens?: CountTokens;
  logger?: Logger;
  /** False when the document no longer matches the request (other version or cursor). */
  isCurrent?: (request: CompletionRequest) => boolean;
  /** What a prompt may contain (neverSend, clipboard) for the engine in use; default: anything. */
  sendPolicy?: () => SendPolicy;
  /** Latency trace of each request's stages, and how each ended (the ghost-text benchmark). */
  trace?: TraceMark;
  traceOutcome?: TraceOutcome;
  /** Engine failures (process died, no model); the request itself resolves undefined. */
  onError?: (error: unknown) => void;
  options?: Partial<SchedulerOptions>;
}

export class CompletionScheduler {
  readonly stats = emptyStats();
  readonly cache: CompletionCache;
  /** Prompt tokens estimated from characters, calibrated by the engine's own counts. */
  readonly estimate = new TokenEstimate();
  private readonly options: SchedulerOptions;
  private readonly promptOptions: PromptOptions;
  private readonly clock: Clock;
  private readonly debouncer: AdaptiveDebounce;
  private readonly templates: TemplateSource;
  private readonly flight: InFlight;
  private readonly outcomes: Outcomes;
  private current?: AbortController;
  private lastRequestAt?: number;
  private disposed = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options };
    this.promptOptions = { ...DEFAULT_PROMPT_OPTIONS, ...this.options.prompt, countTokens: deps.countTokens ?? this.estimate.count };
    this.clock = deps.clock ?? systemClock;
    this.debouncer = new AdaptiveDebounce(this.options.debounce);
    this.cache = new CompletionCache(this.options.cache);
    this.templates = new TemplateSource(deps.template);
    this.outcomes = new Outcomes(this.stats, this.options.maxRecords, deps.isCurrent, deps.traceOutcome);
    this.flight = new InFlight({
      engine: deps.engine, clock: this.clock, stats: this.stats, cache: this.cache,
      estimate: deps.countTokens ? undefined : this.estimate,
      orphanGraceMs: this.options.orphanGraceMs, maxTypeAhead: this.options.maxTypeAhead, trace: deps.trace,
    });
  }

  /** The debounce the next automatic request would wait, ms. */
  get debounceMs(): number { return this.debouncer.currentMs; }

  /** The generation in flight, if any (for status and tests). */
  get inFlight(): Generation | undefined { return this.flight.current; }

  summary(): StatsSummary { return summarize(this.stats.records); }

  /** A new model: new template, and cached suggestions no longer apply. */
  setTemplate(template: FimTemplate): void {
    this.templates.set(template);
    this.cache.clear();
    this.flight.abort();
  }

  /**
   * The model changed (other file, endpoint or settings): forget the template (the loader given
   * to the constructor runs again on the next request), the token estimate, cached suggestions
   * and the generation.
   */
  resetModel(): void {
    this.templates.reset();
    this.estimate.reset();
    this.cache.clear();
    this.flight.abort();
  }

  dispose(): void {
    this.disposed = true;
    this.current?.abort();
    this.flight.abort();
  }

  async request(req: CompletionRequest, signal: AbortSignal): Promise<Suggestion | undefined> {
    const start = this.clock.now();
    this.stats.requests++;
    const timestamp = req.timestamp ?? start;
    const gap = this.lastRequestAt === undefined ? Infinity : timestamp - this.lastRequestAt;
    this.lastRequestAt = timestamp;
    this.debouncer.record(timestamp);
    this.current?.abort();
    const mine = new AbortController();
    this.current = mine;
    const onAbort = () => mine.abort();
    if (signal.aborted || this.disposed) mine.abort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const tally: Tally = { overhead: 0, waited: 0, model: 0 };
    try {
      return await this.serve(req, mine.signal, gap, tally);
    } catch (error) {
      this.fail(error);
      this.outcomes.record('error', tally, req);
      return undefined;
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (this.current === mine) this.current = undefined;
    }
  }

  private async serve(req: CompletionRequest, signal: AbortSignal, gap: number, tally: Tally): Promise<Suggestion | undefined> {
    let mark = this.clock.now();
    const spent = () => { const now = this.clock.now(); tally.overhead += now - mark; mark = now; };
    const waited = () => { const now = this.clock.now(); tally.waited += now - mark; mark = now; };
    if (signal.aborted) return this.outcomes.finish(req, signal, 'cache', '', tally);
    if (!this.policy().allowsFile(req.filePath)) {
      this.stats.withheld++;
      this.outcomes.record('withheld', tally, req);
      return undefined;
    }

    const hit = this.cache.get(req.filePath, req.prefix, req.suffix);
    if (hit) {
      this.flight.reusable(req);
      this.deps.trace?.(req, 'decision');
      spent();
      return this.outcomes.finish(req, signal, 'cache', hit.text, tally);
    }
    let reuse = this.flight.reusable(req);
    spent();
    if (!reuse && req.trigger === 'automatic') {
      const elapsed = await sleep(this.clock, Math.max(0, this.debouncer.currentMs - this.options.hostDebounceMs), signal);
      waited();
      if (!elapsed) return this.outcomes.finish(req, signal, 'model', '', tally);
      reuse = this.flight.reusable(req);
      spent();
    }
    if (reuse) {
      this.deps.trace?.(req, 'decision');
      const verdict = await reuse.generation.wait(reuse.typed, signal);
      waited();
      if (verdict === 'cancelled') return this.outcomes.finish(req, signal, 'reused', '', tally);
      const again = this.cache.get(req.filePath, req.prefix, req.suffix);
      if (verdict === 'diverged' && this.flight.current === reuse.generation) this.flight.abort(reuse.generation);
      spent();
      if (again) {
        tally.model += reuse.generation.outcome?.modelMs ?? 0;
        return this.outcomes.finish(req, signal, 'reused', again.text, tally);
      }
    }

    // A fresh generation for this position.
    const template = this.templates.current ?? await this.templates.load();
    waited();
    if (signal.aborted) return this.outcomes.finish(req, signal, 'model', '', tally);
    if (gap >= this.options.idleFlushMs || req.trigger === 'explicit') this.deps.chunks?.flush();
    this.deps.trace?.(req, 'decision');
    const generation = this.flight.start(this.prepare(req, template), false);
    mark = this.clock.now();
    const verdict = await generation.wait('', signal);
    mark = this.clock.now();
    if (verdict !== 'done' || !generation.outcome) return this.outcomes.finish(req, signal, 'model', '', tally);
    const outcome = generation.outcome;
    tally.overhead += outcome.overheadMs;
    tally.model += outcome.modelMs;
    tally.promptTokens = outcome.result?.promptTokens;
    tally.evaluatedTokens = outcome.result?.evaluatedTokens;
    tally.generated = outcome.result?.generatedTokens;
    if (outcome.error !== undefined) {
      this.fail(outcome.error);
      this.outcomes.record('error', tally, req);
      return undefined;
    }
    if (!outcome.aborted && !outcome.text && !signal.aborted) {
      this.stats.empty++;
      this.outcomes.record('empty', tally, req);
      return undefined;
    }
    const result = this.outcomes.finish(req, signal, 'model', outcome.text, tally);
    spent();
    return result;
  }

  private fail(error: unknown): void {
    this.stats.errors++;
    this.deps.logger?.warn(`Inline completion failed — ${describeError(error)}`);
    this.deps.onError?.(error);
  }

  private policy(): SendPolicy {
    return this.deps.sendPolicy?.() ?? SEND_ANYTHING;
  }

  private prepare(req: CompletionRequest, template: FimTemplate) {
    // A model trained on a shorter context than the setting gets prompts that fit its own.
    const prompt = template.contextTokens !== undefined && template.contextTokens < this.promptOptions.contextTokens
      ? { ...this.promptOptions, contextTokens: template.contextTokens } : this.promptOptions;
    const counter = this.deps.countTokens ? undefined : this.estimate;
    return prepareFim(req, template, { chunks: this.deps.chunks, policy: this.policy(), prompt, limits: this.options, clock: this.clock, counter });
  }

  /**
   * The user accepted `acceptedText` (all of the suggestion by default, or its first word/line):
   * compute the suggestion for the position after it in the background, unless it is cached or
   * another generation is running.
   */
  accepted(suggestion: Suggestion, acceptedText: string = suggestion.text): void {
    if (!acceptedText || this.disposed || this.flight.current) return;
    const next = requestAfter(suggestion.request, acceptedText);
    if (!this.policy().allowsFile(next.filePath)) return;
    if (this.cache.get(next.filePath, next.prefix, next.suffix)) return;
    const template = this.templates.current;
    if (!template) return;
    try {
      this.flight.start(this.prepare(next, template), true);
    } catch (error) {
      this.deps.logger?.warn(`Precomputing the next suggestion failed — ${describeError(error)}`);
    }
  }
}
