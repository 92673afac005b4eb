// node-llama-cpp, loaded and driven inside the worker process: one model, one long-lived context
// sequence for FIM (so the KV cache of the longest common token prefix is reused between
// requests), a token predictor for speculative decoding, and a separate context for chat.
import type { ChatMessage, FimResult } from '../types';
import { fitPrompt, PromptTokenCaches, type Token } from './promptTokens';
import type { ChatDone, FimJob, LoadedInfo, LoadOptions } from './protocol';
import { countSpecialTokens } from './specialTokens';

type Nlc = typeof import('node-llama-cpp', { with: { 'resolution-mode': 'import' } });
type Llama = Awaited<ReturnType<Nlc['getLlama']>>;
type Model = Awaited<ReturnType<Llama['loadModel']>>;
type Context = Awaited<ReturnType<Model['createContext']>>;
type Sequence = ReturnType<Context['getSequence']>;
type Completion = InstanceType<Nlc['LlamaCompletion']>;
type Chat = InstanceType<Nlc['LlamaChat']>;
type HistoryItem = Parameters<Chat['generateResponse']>[0][number];

const PREDICTION_MARGIN = 10;

export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export class LocalRuntime {
  private constructor(
    private readonly lib: Nlc,
    private readonly llama: Llama,
    private readonly model: Model,
    private readonly sequence: Sequence,
    private readonly completion: Completion,
    private readonly options: LoadOptions,
    private readonly disposables: { dispose(): unknown }[],
    readonly info: LoadedInfo,
  ) {}

  private chat?: { chat: Chat; sequence: Sequence };
  /** Token counts of chunks and lines, so measuring each keystroke's prompt stays cheap. */
  private readonly tokenCaches = new PromptTokenCaches((text, special) => this.model.tokenize(text, special) as readonly Token[]);

  static async load(options: LoadOptions, log: LogFn): Promise<LocalRuntime> {
    const started = performance.now();
    const lib = await import('node-llama-cpp');
    const llamaLogger = (level: string, message: string) => {
      if (level === 'error' || level === 'fatal') log('error', `llama.cpp: ${message.trim()}`);
      else if (level === 'warn') log('warn', `llama.cpp: ${message.trim()}`);
    };
    const base = { build: 'never', maxThreads: options.threads, logLevel: lib.LlamaLogLevel.warn, logger: llamaLogger, progressLogs: false, skipDownload: true } as const;
    let llama: Llama;
    try {
      llama = await lib.getLlama({ ...base, gpu: options.gpu });
    } catch (error) {
      if (options.gpu === false) throw error;
      log('warn', `No usable GPU build of llama.cpp (${(error as Error).message}); using the CPU.`);
      llama = await lib.getLlama({ ...base, gpu: false });
    }
    const model = await llama.loadModel({ modelPath: options.modelPath });
    const disposables: { dispose(): unknown }[] = [];
    let predictor;
    if (options.draftModelPath) {
      const draftModel = await llama.loadModel({ modelPath: options.draftModelPath });
      const draftContext = await draftModel.createContext({ contextSize: options.contextSize, threads: options.threads });
      disposables.push(draftContext, draftModel);
      predictor = new lib.DraftSequenceTokenPredictor(draftContext.getSequence(), { minTokens: 2, maxTokens: 8 });
    } else {
      predictor = new lib.InputLookupTokenPredictor({ patternLength: { min: 2 }, predictionLength: { max: 8 } });
    }
    const context = await model.createContext({ contextSize: options.contextSize, threads: options.threads });
    disposables.unshift(context);
    const sequence = context.getSequence({ tokenPredictor: predictor });
    const completion = new lib.LlamaCompletion({ contextSequence: sequence });
    const info: LoadedInfo = {
      modelName: String(model.fileInfo.metadata?.general?.name ?? ''),
      gpu: llama.gpu,
      threads: options.threads,
      contextSize: context.contextSize,
      loadMs: Math.round(performance.now() - started),
      draftModel: Boolean(options.draftModelPath),
    };
    log('info', `Loaded ${options.modelPath} in ${info.loadMs} ms (${info.gpu || 'cpu'}, ${info.threads} threads, context ${info.contextSize}, ${options.draftModelPath ? 'draft model' : 'input lookup'} prediction).`);
    return new LocalRuntime(lib, llama, model, sequence, completion, options, disposables, info);
  }

  /** One FIM generation on the long-lived sequence. Abort (or the time budget) stops within a token. */
  async fim(job: FimJob, signal: AbortSignal, onText: (text: string) => void): Promise<FimResult> {
    // Measuring and trimming the prompt is Tiered's own time (the extension counts it as
    // overhead, with the IPC); modelMs starts once the tokens are ready.
    let started = performance.now();
    const contextTokens = this.sequence.contextSize;
    // Never more than contextSize − maxTokens: node-llama-cpp would otherwise cut the start of
    // the prompt by itself (it keeps contextShiftSize free, a tenth of the context by default) or
    // shift the context while generating — and the KV cache would be lost on every call. The
    // margin covers the tokens the predictor (speculative decoding, ≤ 8) evaluates ahead.
    // An output longer than half the context would leave no room for the prompt: cap it.
    const maxTokens = Math.max(1, Math.min(job.maxTokens, Math.floor(contextTokens / 2)));
    const reserve = maxTokens + PREDICTION_MARGIN;
    const budget = Math.max(0, contextTokens - reserve);
    let tokens: Token[];
    let trimmedTokens = 0;
    if (job.parts) {
      const fitted = fitPrompt(job.parts, budget, this.tokenCaches);
      if (!fitted.fits) {
        return { text: '', finishReason: 'stop', promptTokens: 0, evaluatedTokens: 0, generatedTokens: 0, modelMs: performance.now() - started, contextTokens, trimmedTokens: fitted.trimmedTokens, overContext: true };
      }
      tokens = fitted.tokens;
      trimmedTokens = fitted.trimmedTokens;
    } else {
      tokens = this.model.tokenize(job.prompt, true) as Token[];
      if (tokens.length > budget) {
        // A plain prompt: keep its end (the text nearest the cursor).
        trimmedTokens = tokens.length - budget;
        tokens = tokens.slice(trimmedTokens);
      }
    }
    started = performance.now();
    const input = tokens as unknown as Parameters<Sequence['compareContextTokens']>[0];
    const reused = Math.min(this.sequence.compareContextTokens(input).firstDifferentIndex, Math.max(0, tokens.length - 1));
    const before = { ...this.sequence.tokenPredictions };
    const stop = new AbortController();
    let timedOut = false;
    const onAbort = () => stop.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    const timer = job.timeBudgetMs && job.timeBudgetMs > 0
      ? setTimeout(() => { timedOut = true; stop.abort(new Error('time budget')); }, job.timeBudgetMs)
      : undefined;
    let generated = 0;
    try {
      const { response, metadata } = await this.completion.generateCompletionWithMeta(input, {
        maxTokens,
        contextShiftSize: reserve,
        disableContextShift: true,
        customStopTriggers: job.stop?.filter((s) => s.length > 0),
        signal: stop.signal,
        stopOnAbortSignal: true,
        temperature: 0,
        onToken: (t) => { generated += t.length; },
        onTextChunk: onText,
      });
      const after = this.sequence.tokenPredictions;
      const validated = after.validated - before.validated;
      const refuted = after.refuted - before.refuted;
      return {
        text: response,
        finishReason: metadata.stopReason === 'abort' ? (timedOut && !signal.aborted ? 'time' : 'aborted') : metadata.stopReason === 'maxTokens' ? 'length' : 'stop',
        promptTokens: tokens.length,
        evaluatedTokens: tokens.length - reused,
        generatedTokens: generated,
        draftPredicted: validated + refuted,
        draftAccepted: validated,
        specialTokens: countSpecialTokens(this.model, tokens),
        modelMs: performance.now() - started,
        contextTokens,
        trimmedTokens,
      };
    } finally {
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** A chat answer through the model's own chat template, on its own context (created once). */
  async chatAnswer(messages: ChatMessage[], maxTokens: number, temperature: number | undefined, signal: AbortSignal, onText: (text: string) => void): Promise<ChatDone> {
    const started = performance.now();
    if (!this.chat) {
      const context = await this.model.createContext({ contextSize: Math.min(this.options.contextSize, 8192), threads: this.options.threads });
      this.disposables.unshift(context);
      const sequence = context.getSequence();
      this.chat = { chat: new this.lib.LlamaChat({ contextSequence: sequence }), sequence };
    }
    const history: HistoryItem[] = messages.map((m): HistoryItem =>
      m.role === 'assistant' ? { type: 'model', response: [m.content] } : { type: m.role, text: m.content });
    history.push({ type: 'model', response: [] });
    let outputTokens = 0;
    const { response, metadata } = await this.chat.chat.generateResponse(history, {
      maxTokens,
      temperature: temperature ?? 0,
      signal,
      stopOnAbortSignal: true,
      onToken: (t) => { outputTokens += t.length; },
      onTextChunk: onText,
    });
    return {
      text: response,
      finishReason: metadata.stopReason === 'abort' ? 'aborted' : metadata.stopReason === 'maxTokens' ? 'length' : 'stop',
      inputTokens: Math.max(0, this.chat.sequence.nextTokenIndex - outputTokens),
      outputTokens,
      modelMs: performance.now() - started,
    };
  }

  async dispose(): Promise<void> {
    this.completion.dispose();
    for (const d of this.disposables) await d.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }
}
