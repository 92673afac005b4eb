// The inline-completion pipeline, from a keystroke to a suggestion:
//
//   request(req, signal)
//     1. cache: an exact hit, or the rest of a suggestion the user is typing through, is served
//        at once (no debounce, no model).
//     2. single flight: a generation already in flight for this position typed ahead (same file,
//        same text after the cursor, the new prefix = its prefix + text it is producing) is
//        awaited and reused; any other generation in flight is stale and aborted (its
//        AbortSignal reaches the engine and the child process).
//     3. adaptive debounce (debounce.ts) for automatic triggers; a newer request supersedes this
//        one (it resolves undefined), the caller's signal (VS Code's CancellationToken) too.
//     4. context and prompt: pending context chunks enter the ring only after a pause
//        (contextChunks.ts), the prompt is laid out for the model family (prompt.ts,
//        fimTemplates.ts), single- or multi-line decided from the cursor context.
//     5. engine.fim() in a Generation (generation.ts); the outcome is post-processed
//        (postprocess.ts) and cached for this position. A caller that gives up does not stop the
//        generation at once: the next keystroke may reuse it; with nobody waiting for
//        `orphanGraceMs` it is aborted.
//     6. stale guard: nothing is returned for a request that was superseded, cancelled, or no
//        longer matches the document (`isCurrent`).
//   accepted(suggestion) precomputes the suggestion for the position after the accepted text,
//   in the background; any real request for another position aborts it, a request for that
//   position reuses it.
//
// `stats` counts everything; each request's time in Tiered's own code (overheadMs) is kept apart
// from model time (modelMs) and from waiting (debounce, another generation).

import { describeError, type Logger } from '../log';
import { CompletionCache, type CacheOptions } from './cache';
import type { ContextChunks } from './contextChunks';
import { AdaptiveDebounce, sleep, type DebounceOptions } from './debounce';
import type { FimTemplate } from './fimTemplates';
import { Generation, type GenerationOutcome, type PreparedFim } from './generation';
import { decideMode, lineContext } from './postprocess';
import { buildPrompt, chunkTokenBudget, DEFAULT_PROMPT_OPTIONS, type PromptOptions } from './prompt';
import { emptyStats, summarize, type RequestOutcome, type StatsSummary } from './stats';
import {
  requestAfter, systemClock, type Clock, type CompletionRequest, type CountTokens, type FimEngine, type Suggestion, type SuggestionSource,
} from './types';

export interface SchedulerOptions {
  debounce: Partial<DebounceOptions>;
  prompt: Partial<PromptOptions>;
  cache: Partial<CacheOptions>;
  maxTokensSingle: number;
  maxTokensMulti: number;
  timeBudgetMs: number;
  explicitTimeBudgetMs: number;
  maxLines: number;
  /** Characters a request may be ahead of an in-flight generation and still reuse it. */
  maxTypeAhead: number;
  orphanGraceMs: number;
  /** A pause at least this long lets pending context chunks into the ring. */
  idleFlushMs: number;
  /** Request records kept for the benchmark. */
  maxRecords: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  debounce: {}, prompt: {}, cache: {},
  maxTokensSingle: 48, maxTokensMulti: 128, timeBudgetMs: 1500, explicitTimeBudgetMs: 4000, maxLines: 10,
  maxTypeAhead: 128, orphanGraceMs: 300, idleFlushMs: 1000, maxRecords: 10000,
};

export interface SchedulerDeps {
  engine: FimEngine;
  /** The model's FIM template, or how to get it once the model is loaded (called once). */
  template: FimTemplate | (() => Promise<FimTemplate>);
  chunks?: ContextChunks;
  clock?: Clock;
  countTokens?: CountTokens;
  logger?: Logger;
  /** False when the document no longer matches the request (other version or cursor). */
  isCurrent?: (request: CompletionRequest) => boolean;
  /** Engine failures (process died, no model); the request itself resolves undefined. */
  onError?: (error: unknown) => void;
  options?: Partial<SchedulerOptions>;
}

interface Tally { overhead: number; waited: number; model: number; promptTokens?: number; evaluatedTokens?: number; generated?: number }

export class CompletionScheduler {
  readonly stats = emptyStats();
  readonly cache: CompletionCache;
  private readonly options: SchedulerOptions;
  private readonly promptOptions: PromptOptions;
  private readonly clock: Clock;
  private readonly debouncer: AdaptiveDebounce;
  private template?: FimTemplate;
  private templateLoad?: Promise<FimTemplate>;
  private generation?: Generation;
  private current?: AbortController;
  private lastRequestAt?: number;
  private disposed = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options };
    this.promptOptions = { ...DEFAULT_PROMPT_OPTIONS, ...this.options.prompt, ...(deps.countTokens ? { countTokens: deps.countTokens } : {}) };
    this.clock = deps.clock ?? systemClock;
    this.debouncer = new AdaptiveDebounce(this.options.debounce);
    this.cache = new CompletionCache(this.options.cache);
    if (typeof deps.template !== 'function') this.template = deps.template;
  }

  /** The debounce the next automatic request would wait, ms. */
  get debounceMs(): number { return this.debouncer.currentMs; }

  /** The generation in flight, if any (for status and tests). */
  get inFlight(): Generation | undefined { return this.generation; }

  summary(): StatsSummary { return summarize(this.stats.records); }

  /** A new model: new template, and cached suggestions no longer apply. */
  setTemplate(template: FimTemplate): void {
    this.template = template;
    this.templateLoad = undefined;
    this.cache.clear();
    if (this.generation) this.abortGeneration(this.generation);
  }

  /**
   * The model changed (other file, endpoint or settings): forget the template (the loader given
   * to the constructor runs again on the next request), cached suggestions and the generation.
   */
  resetModel(): void {
    if (typeof this.deps.template === 'function') this.template = undefined;
    this.templateLoad = undefined;
    this.cache.clear();
    if (this.generation) this.abortGeneration(this.generation);
  }

  dispose(): void {
    this.disposed = true;
    this.current?.abort();
    if (this.generation) this.abortGeneration(this.generation);
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
      this.record('error', tally);
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
    if (signal.aborted) return this.finish(req, signal, 'cache', '', tally);

    const hit = this.cache.get(req.filePath, req.prefix, req.suffix);
    if (hit) {
      this.reusable(req);
      spent();
      return this.finish(req, signal, 'cache', hit.text, tally);
    }
    let reuse = this.reusable(req);
    spent();
    if (!reuse && req.trigger === 'automatic') {
      const elapsed = await sleep(this.clock, this.debouncer.currentMs, signal);
      waited();
      if (!elapsed) return this.finish(req, signal, 'model', '', tally);
      reuse = this.reusable(req);
      spent();
    }
    if (reuse) {
      const verdict = await reuse.generation.wait(reuse.typed, signal);
      waited();
      if (verdict === 'cancelled') return this.finish(req, signal, 'reused', '', tally);
      const again = this.cache.get(req.filePath, req.prefix, req.suffix);
      if (verdict === 'diverged' && this.generation === reuse.generation) this.abortGeneration(reuse.generation);
      spent();
      if (again) {
        tally.model += reuse.generation.outcome?.modelMs ?? 0;
        return this.finish(req, signal, 'reused', again.text, tally);
      }
    }

    // A fresh generation for this position.
    const template = this.template ?? await this.loadTemplate();
    waited();
    if (signal.aborted) return this.finish(req, signal, 'model', '', tally);
    if (gap >= this.options.idleFlushMs || req.trigger === 'explicit') this.deps.chunks?.flush();
    const generation = this.start(this.prepare(req, template), false);
    mark = this.clock.now();
    const verdict = await generation.wait('', signal);
    mark = this.clock.now();
    if (verdict !== 'done' || !generation.outcome) return this.finish(req, signal, 'model', '', tally);
    const outcome = generation.outcome;
    tally.overhead += outcome.overheadMs;
    tally.model += outcome.modelMs;
    tally.promptTokens = outcome.result?.promptTokens;
    tally.evaluatedTokens = outcome.result?.evaluatedTokens;
    tally.generated = outcome.result?.generatedTokens;
    if (outcome.error !== undefined) {
      this.fail(outcome.error);
      this.record('error', tally);
      return undefined;
    }
    if (!outcome.aborted && !outcome.text && !signal.aborted) {
      this.stats.empty++;
      this.record('empty', tally);
      return undefined;
    }
    const result = this.finish(req, signal, 'model', outcome.text, tally);
    spent();
    return result;
  }

  /**
   * The generation in flight when `req` may reuse it (with what was typed ahead); any other
   * generation in flight is stale for `req` and is aborted.
   */
  private reusable(req: CompletionRequest): { generation: Generation; typed: string } | undefined {
    const generation = this.generation;
    if (!generation) return undefined;
    const typed = generation.typedAhead(req, this.options.maxTypeAhead);
    if (typed !== undefined) return { generation, typed };
    this.abortGeneration(generation);
    return undefined;
  }

  private finish(req: CompletionRequest, signal: AbortSignal, source: SuggestionSource, text: string, tally: Tally): Suggestion | undefined {
    if (signal.aborted || !text) {
      this.stats.cancelled++;
      this.record('cancelled', tally);
      return undefined;
    }
    if (this.deps.isCurrent && !this.deps.isCurrent(req)) {
      this.stats.staleDropped++;
      this.record('stale', tally);
      return undefined;
    }
    this.stats.served++;
    if (source === 'cache') this.stats.cacheHits++;
    if (source === 'reused') this.stats.reused++;
    this.record(source, tally);
    const totalMs = tally.overhead + tally.waited + tally.model;
    const tokens = source === 'model' && tally.promptTokens !== undefined
      ? { prompt: tally.promptTokens, evaluated: tally.evaluatedTokens ?? 0, generated: tally.generated ?? 0 }
      : undefined;
    return {
      text, source, request: req, tokens,
      timings: { overheadMs: tally.overhead, modelMs: tally.model, waitedMs: tally.waited, totalMs },
    };
  }

  private record(outcome: RequestOutcome, tally: Tally): void {
    const records = this.stats.records;
    records.push({
      outcome, overheadMs: tally.overhead, modelMs: tally.model, waitedMs: tally.waited,
      promptTokens: tally.promptTokens, evaluatedTokens: tally.evaluatedTokens,
    });
    if (records.length > this.options.maxRecords) records.splice(0, records.length - this.options.maxRecords);
  }

  private fail(error: unknown): void {
    this.stats.errors++;
    this.deps.logger?.warn(`Inline completion failed — ${describeError(error)}`);
    this.deps.onError?.(error);
  }

  private loadTemplate(): Promise<FimTemplate> {
    const load = this.deps.template;
    if (typeof load !== 'function') return Promise.resolve(load);
    this.templateLoad ??= load().then(
      (template) => { this.template = template; return template; },
      (error: unknown) => { this.templateLoad = undefined; throw error; },
    );
    return this.templateLoad;
  }

  private prepare(req: CompletionRequest, template: FimTemplate): PreparedFim {
    const start = this.clock.now();
    // A model trained on a shorter context than the setting gets prompts that fit its own.
    const promptOptions = template.contextTokens !== undefined && template.contextTokens < this.promptOptions.contextTokens
      ? { ...this.promptOptions, contextTokens: template.contextTokens } : this.promptOptions;
    const chunks = this.deps.chunks?.pick(chunkTokenBudget(promptOptions), req.filePath) ?? [];
    const built = buildPrompt(req, chunks, template, promptOptions);
    const ctx = lineContext(built.prefixWindow, built.suffixWindow);
    const mode = decideMode(ctx.linePrefix, ctx.lineSuffix);
    const o = this.options;
    return {
      request: req, built, mode,
      maxTokens: Math.min(mode === 'single' ? o.maxTokensSingle : o.maxTokensMulti, promptOptions.maxOutputTokens),
      stop: mode === 'single' ? [...built.stop, '\n'] : built.stop,
      timeBudgetMs: req.trigger === 'explicit' ? o.explicitTimeBudgetMs : o.timeBudgetMs,
      maxLines: o.maxLines,
      prepMs: this.clock.now() - start,
    };
  }

  private start(prepared: PreparedFim, precompute: boolean): Generation {
    this.stats.generations++;
    const generation = new Generation(prepared, this.deps.engine, this.clock, {
      precompute, orphanGraceMs: this.options.orphanGraceMs,
      onDone: (g, outcome) => this.generationDone(g, outcome),
    });
    this.generation = generation;
    return generation;
  }

  private generationDone(generation: Generation, outcome: GenerationOutcome): void {
    if (this.generation === generation) this.generation = undefined;
    const result = outcome.result;
    this.stats.draftPredicted += result?.draftPredicted ?? 0;
    this.stats.draftAccepted += result?.draftAccepted ?? 0;
    if (outcome.aborted || !outcome.text) return;
    const req = generation.request;
    this.cache.set(req.filePath, req.prefix, req.suffix, outcome.text);
    if (generation.precompute) this.stats.precomputed++;
  }

  private abortGeneration(generation: Generation): void {
    if (!generation.finished && !generation.aborted) {
      generation.abort();
      this.stats.generationsAborted++;
    }
    if (this.generation === generation) this.generation = undefined;
  }

  /**
   * The user accepted `acceptedText` (all of the suggestion by default, or its first word/line):
   * compute the suggestion for the position after it in the background, unless it is cached or
   * another generation is running.
   */
  accepted(suggestion: Suggestion, acceptedText: string = suggestion.text): void {
    if (!acceptedText || this.disposed || this.generation) return;
    const next = requestAfter(suggestion.request, acceptedText);
    if (this.cache.get(next.filePath, next.prefix, next.suffix)) return;
    const template = this.template;
    if (!template) return;
    try {
      this.start(this.prepare(next, template), true);
    } catch (error) {
      this.deps.logger?.warn(`Precomputing the next suggestion failed — ${describeError(error)}`);
    }
  }
}
