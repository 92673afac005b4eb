// One engine call in flight: its prompt, what it has produced so far, who waits for it, and its
// post-processed outcome. The scheduler keeps at most one.

import type { FimResult } from '../providers/types';
import type { BuiltPrompt } from './prompt';
import { postprocess, type CompletionMode, type PostprocessResult } from './postprocess';
import type { TraceMark } from './latencyTrace';
import type { Clock, CompletionRequest, FimEngine } from './types';

export interface PreparedFim {
  request: CompletionRequest;
  built: BuiltPrompt;
  mode: CompletionMode;
  maxTokens: number;
  stop: string[];
  timeBudgetMs: number;
  maxLines: number;
  /** Time spent preparing (context, prompt), ms. */
  prepMs: number;
}

export interface GenerationOutcome {
  /** Post-processed suggestion for the generation's own request; '' when nothing usable. */
  text: string;
  post?: PostprocessResult;
  result?: FimResult;
  aborted: boolean;
  error?: unknown;
  /** Preparation + IPC (engine wall time minus model time) + post-processing, ms. */
  overheadMs: number;
  modelMs: number;
}

/** How far ahead of a generation's prefix a request may be and still wait for it. */
export const SUFFIX_CHECK_CHARS = 256;
const PREFIX_CHECK_CHARS = 256;

export class Generation {
  readonly request: CompletionRequest;
  readonly mode: CompletionMode;
  readonly precompute: boolean;
  /** Characters of the prompt (the engine's token count of it calibrates the estimate). */
  readonly promptChars: number;
  /** Raw text streamed so far (engines that call onText). */
  produced = '';
  outcome?: GenerationOutcome;
  readonly done: Promise<GenerationOutcome>;
  private readonly controller = new AbortController();
  private readonly listeners = new Set<() => void>();
  private waiters = 0;
  private orphanTimer: unknown;
  private readonly orphanGraceMs: number;
  private readonly trace?: TraceMark;

  constructor(prepared: PreparedFim, engine: FimEngine, private readonly clock: Clock, options: {
    precompute: boolean; orphanGraceMs: number;
    /** Latency trace: the engine call, its first and last token. */
    trace?: TraceMark;
    /** Called with the outcome before any waiter resumes (the scheduler fills its cache here). */
    onDone?: (generation: Generation, outcome: GenerationOutcome) => void;
  }) {
    this.request = prepared.request;
    this.mode = prepared.mode;
    this.precompute = options.precompute;
    this.promptChars = prepared.built.promptChars;
    this.orphanGraceMs = options.orphanGraceMs;
    this.trace = options.trace;
    this.done = this.run(prepared, engine).then((outcome) => {
      this.outcome = outcome;
      this.clearOrphanTimer();
      options.onDone?.(this, outcome);
      this.notify();
      return outcome;
    });
  }

  get finished(): boolean { return this.outcome !== undefined; }
  get aborted(): boolean { return this.controller.signal.aborted; }
  /** The signal handed to the engine (tests observe it). */
  get signal(): AbortSignal { return this.controller.signal; }

  abort(): void {
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  private async run(p: PreparedFim, engine: FimEngine): Promise<GenerationOutcome> {
    const start = this.clock.now();
    try {
      this.trace?.(p.request, 'ipc');
      const result = await engine.fim({
        prompt: p.built.prompt, parts: p.built.parts, maxTokens: p.maxTokens, stop: p.stop, timeBudgetMs: p.timeBudgetMs,
        signal: this.controller.signal,
      }, (delta) => {
        if (!this.produced) this.trace?.(p.request, 'firstToken');
        this.produced += delta;
        this.notify();
      });
      this.trace?.(p.request, 'lastToken');
      const wall = this.clock.now() - start;
      const postStart = this.clock.now();
      const aborted = this.aborted || result.finishReason === 'aborted';
      const post = aborted ? undefined : postprocess({
        text: result.text, prefix: p.built.prefixWindow, suffix: p.built.suffixWindow,
        languageId: p.request.languageId, mode: p.mode, maxLines: p.maxLines,
      });
      const postMs = this.clock.now() - postStart;
      const ipcMs = Math.max(0, wall - result.modelMs);
      return { text: post?.text ?? '', post, result, aborted, overheadMs: p.prepMs + ipcMs + postMs, modelMs: result.modelMs };
    } catch (error) {
      return { text: '', aborted: this.aborted, error: this.aborted ? undefined : error, overheadMs: p.prepMs, modelMs: 0 };
    }
  }

  /**
   * What the user typed beyond this generation's prefix, when `request` is the same position
   * typed ahead (same file, same text after the cursor) and what was typed can still be what the
   * generation produces; undefined otherwise.
   */
  typedAhead(request: CompletionRequest, maxTypeAhead: number): string | undefined {
    if (this.finished || this.aborted) return undefined;
    const own = this.request;
    if (request.filePath !== own.filePath) return undefined;
    const extra = request.prefix.length - own.prefix.length;
    if (extra < 0 || extra > maxTypeAhead) return undefined;
    if (request.suffix.slice(0, SUFFIX_CHECK_CHARS) !== own.suffix.slice(0, SUFFIX_CHECK_CHARS)) return undefined;
    const from = Math.max(0, own.prefix.length - PREFIX_CHECK_CHARS);
    if (request.prefix.slice(from, own.prefix.length) !== own.prefix.slice(from)) return undefined;
    const typed = request.prefix.slice(own.prefix.length);
    if (this.mode === 'single' && typed.includes('\n')) return undefined;
    return this.canStillProduce(typed) ? typed : undefined;
  }

  private canStillProduce(typed: string): boolean {
    return this.produced.startsWith(typed) || typed.startsWith(this.produced);
  }

  /**
   * Waits until the generation ends, or until what it produces stops matching `typed`, or until
   * `signal` aborts. While waiting the generation has a waiter, so it is not orphaned.
   */
  wait(typed: string, signal: AbortSignal): Promise<'done' | 'diverged' | 'cancelled'> {
    this.waiters++;
    this.clearOrphanTimer();
    return new Promise((resolve) => {
      const check = () => {
        let verdict: 'done' | 'diverged' | 'cancelled' | undefined;
        if (signal.aborted) verdict = 'cancelled';
        else if (this.finished) verdict = 'done';
        else if (!this.canStillProduce(typed)) verdict = 'diverged';
        if (!verdict) return;
        this.listeners.delete(check);
        signal.removeEventListener('abort', check);
        this.detach();
        resolve(verdict);
      };
      this.listeners.add(check);
      signal.addEventListener('abort', check);
      check();
    });
  }

  private detach(): void {
    this.waiters--;
    if (this.waiters > 0 || this.precompute || this.finished || this.aborted) return;
    // Nobody waits any more: give a following keystroke a moment to pick it up, then stop it.
    this.orphanTimer = this.clock.setTimeout(() => {
      this.orphanTimer = undefined;
      if (this.waiters === 0) this.abort();
    }, this.orphanGraceMs);
  }

  private clearOrphanTimer(): void {
    if (this.orphanTimer !== undefined) this.clock.clearTimeout(this.orphanTimer);
    this.orphanTimer = undefined;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
