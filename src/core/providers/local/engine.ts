// LocalEngine: the extension side of the local model. Checks the model file, forks the worker
// lazily on the first request, streams FIM and chat over IPC, turns aborts into 'abort' messages,
// and restarts the worker with backoff when it dies.
import { fork, type ChildProcess } from 'node:child_process';
import { UserFacingError } from '../../errors';
import type { Logger } from '../../log';
import type { ChatProvider, ChatRequest, ChatResult, FimRequest, FimResult, StreamEvent } from '../types';
import { DEFAULT_BACKOFF, restartDelayMs, sleep, type BackoffPolicy } from './backoff';
import { inspectGguf, type GgufInfo } from './ggufInfo';
import type { ChatDone, ChildMessage, LoadedInfo, ParentMessage, WorkerStats } from './protocol';

export interface LocalEngineOptions {
  /** dist/local-worker.js */
  workerPath: string;
  modelPath: string;
  contextSize: number;
  /** Resolved thread count (see chooseThreads); must be > 0. */
  threads: number;
  draftModelPath?: string;
  logger: Logger;
  /** Node/V8 flags of the worker; default WORKER_EXEC_ARGV. */
  execArgv?: string[];
  /** Node binary for the worker; default: the current one (VS Code runs it as Node). */
  execPath?: string;
  gpu?: 'auto' | false;
  backoff?: BackoffPolicy;
}

export type LocalState =
  | { state: 'idle' }
  | { state: 'loading'; modelName: string; isDemo: boolean }
  | { state: 'ready'; modelName: string; isDemo: boolean; info: LoadedInfo }
  | { state: 'error'; message: string; modelName?: string; isDemo?: boolean };

export interface LocalEngineStats {
  pid?: number;
  worker?: WorkerStats;
  lastFim?: FimResult;
  restarts: number;
}

/**
 * V8 flags of the worker: it holds a model and token caches, not a busy JS heap, so V8 is told to
 * favour memory over speed (smaller heap growth steps, less eager optimization). The worker's RSS
 * stays under the 150 MB target on every replayed repository (issue 11); the model's time is
 * native code, not affected.
 */
export const WORKER_EXEC_ARGV: readonly string[] = ['--optimize-for-size'];

const SHUT_DOWN = 'The local model was shut down.';

export const CRASH_MESSAGE = 'The local model process stopped unexpectedly; it restarts with the next request.';

interface Pending {
  onText: (text: string) => void;
  resolve: (message: ChildMessage) => void;
  reject: (error: Error) => void;
}

export class LocalEngine implements ChatProvider {
  readonly id = 'local' as const;
  readonly tier = 'local' as const;
  private child?: ChildProcess;
  private starting?: Promise<ChildProcess>;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(state: LocalState) => void>();
  private nextId = 1;
  private failures = 0;
  private restarts = 0;
  private disposed = false;
  private model?: GgufInfo;
  private lastFim?: FimResult;
  private current: LocalState = { state: 'idle' };

  constructor(private readonly options: LocalEngineOptions) {}

  get state(): LocalState { return this.current; }
  /** The worker's process id while it runs. */
  get pid(): number | undefined { return this.child?.pid; }
  defaultModel(): string { return this.model?.name ?? 'local'; }

  onState(listener: (state: LocalState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** One FIM generation; `onText` sees the text as it streams. Abort resolves 'aborted' with the partial text. */
  async fim(req: FimRequest, onText?: (text: string) => void): Promise<FimResult> {
    const started = performance.now();
    const aborted = (text = ''): FimResult => ({ text, finishReason: 'aborted', promptTokens: 0, evaluatedTokens: 0, generatedTokens: 0, modelMs: performance.now() - started });
    const child = await this.ensureStarted(req.signal);
    if (!child || req.signal?.aborted) return aborted();
    const { signal, ...rest } = req;
    // With its parts the worker rebuilds the prompt: the text need not cross the IPC twice.
    const request = rest.parts ? { ...rest, prompt: '' } : rest;
    const reply = await this.request(child, (id) => ({ type: 'fim', id, request }), signal, onText);
    if (reply.type !== 'fimDone') throw new Error(`unexpected reply ${reply.type}`);
    this.lastFim = reply.result;
    return reply.result;
  }

  async chat(request: ChatRequest, onEvent?: (event: StreamEvent) => void): Promise<ChatResult> {
    const started = performance.now();
    let firstTokenMs: number | undefined;
    const child = await this.ensureStarted(request.signal);
    const result = (done?: ChatDone): ChatResult => ({
      text: done?.text ?? '',
      thinking: '',
      usage: { inputTokens: done?.inputTokens ?? 0, outputTokens: done?.outputTokens ?? 0 },
      finishReason: done?.finishReason ?? 'aborted',
      incomplete: !done || done.finishReason === 'aborted',
      model: this.defaultModel(),
      provider: 'local',
      timeToFirstTokenMs: firstTokenMs,
      totalMs: performance.now() - started,
    });
    if (!child || request.signal?.aborted) return result();
    const onText = (text: string) => {
      firstTokenMs ??= performance.now() - started;
      onEvent?.({ type: 'text', text });
    };
    const message = (id: number): ParentMessage => ({ type: 'chat', id, messages: request.messages, maxTokens: request.maxOutputTokens ?? 1024, temperature: request.temperature });
    const reply = await this.request(child, message, request.signal, onText);
    if (reply.type !== 'chatDone') throw new Error(`unexpected reply ${reply.type}`);
    const out = result(reply.result);
    onEvent?.({ type: 'usage', usage: out.usage });
    return out;
  }

  /** Worker memory and the last FIM's figures. */
  async stats(signal?: AbortSignal): Promise<LocalEngineStats> {
    const base = { pid: this.pid, lastFim: this.lastFim, restarts: this.restarts };
    const child = this.child;
    if (!child || this.current.state !== 'ready') return base;
    const reply = await this.request(child, (id) => ({ type: 'stats', id }), signal);
    return reply.type === 'stats' ? { ...base, worker: reply.stats } : base;
  }

  dispose(): void {
    this.disposed = true;
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.failAll(new UserFacingError(SHUT_DOWN));
    this.listeners.clear();
  }

  private setState(state: LocalState) {
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  private failAll(error: Error) {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }

  /** Sends one request; the reply with the same id settles it. Abort sends 'abort' to the child. */
  private request(child: ChildProcess, build: (id: number) => ParentMessage, signal?: AbortSignal, onText: (text: string) => void = () => undefined): Promise<ChildMessage> {
    const id = this.nextId++;
    return new Promise<ChildMessage>((resolve, reject) => {
      const onAbort = () => this.send(child, { type: 'abort', id });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        onText,
        resolve: (m) => { settle(); resolve(m); },
        reject: (e) => { settle(); reject(e); },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send(child, build(id));
    });
  }

  private send(child: ChildProcess, message: ParentMessage) {
    if (child.connected) child.send(message);
  }

  private onMessage(message: ChildMessage) {
    if (message.type === 'log') {
      this.options.logger[message.level](`[local] ${message.message}`);
      return;
    }
    if (message.type === 'loaded' || message.type === 'loadError') return; // handled by start()
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'delta') return pending.onText(message.text);
    this.pending.delete(message.id);
    if (message.type === 'error') {
      this.options.logger.error(`Local model request failed: ${message.message}`);
      pending.reject(new UserFacingError(`The local model failed: ${message.message}`));
    } else {
      this.failures = 0;
      pending.resolve(message);
    }
  }

  /** The running worker, starting it (after the backoff delay) when needed. Undefined if aborted. */
  private async ensureStarted(signal?: AbortSignal): Promise<ChildProcess | undefined> {
    if (this.disposed) throw new UserFacingError(SHUT_DOWN);
    if (this.child && this.current.state === 'ready') return this.child;
    this.starting ??= this.start().finally(() => { this.starting = undefined; });
    if (!signal) return this.starting;
    return Promise.race([this.starting, new Promise<undefined>((resolve) => {
      if (signal.aborted) resolve(undefined);
      signal.addEventListener('abort', () => resolve(undefined), { once: true });
    })]);
  }

  private async start(): Promise<ChildProcess> {
    await sleep(restartDelayMs(this.failures, this.options.backoff ?? DEFAULT_BACKOFF));
    this.throwIfDisposed();
    const { modelPath, logger } = this.options;
    try {
      this.model = await inspectGguf(modelPath);
    } catch (error) {
      if (!this.disposed) this.setState({ state: 'error', message: (error as Error).message });
      throw error;
    }
    // Disposed while the model was inspected: fork nothing (no one would ever stop it).
    this.throwIfDisposed();
    const named = { modelName: this.model.name, isDemo: this.model.isDemo };
    this.setState({ state: 'loading', ...named });
    const child = fork(this.options.workerPath, [], {
      execArgv: [...(this.options.execArgv ?? WORKER_EXEC_ARGV)],
      execPath: this.options.execPath,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child = child;
    if (this.failures > 0) this.restarts++;
    child.stdout?.on('data', (d: Buffer) => logger.debug(`[local worker] ${d.toString().trimEnd()}`));
    child.stderr?.on('data', (d: Buffer) => logger.warn(`[local worker] ${d.toString().trimEnd()}`));
    child.on('message', (m: ChildMessage) => this.onMessage(m));
    const loaded = new Promise<LoadedInfo>((resolve, reject) => {
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'loaded') resolve(m.info);
        if (m.type === 'loadError') reject(new UserFacingError(`The local model "${modelPath}" could not be loaded: ${m.message}. Choose another model with 'Tiered: Choose Local Model'.`, [{ title: 'Choose Local Model', command: 'tiered.chooseLocalModel' }]));
      });
      child.on('exit', () => reject(new UserFacingError(CRASH_MESSAGE)));
    });
    child.on('exit', (code, sig) => this.onExit(child, code, sig));
    child.on('error', (error) => logger.error('Local model process error', error));
    this.send(child, { type: 'load', options: { modelPath, contextSize: this.options.contextSize, threads: this.options.threads, draftModelPath: this.options.draftModelPath, gpu: this.options.gpu ?? 'auto' } });
    try {
      const info = await loaded;
      // Disposed while loading: dispose() killed the child already; make sure of it.
      if (this.disposed) {
        child.kill('SIGKILL');
        throw new UserFacingError(SHUT_DOWN);
      }
      logger.info(`Local model ready: ${this.model.name} (${info.gpu || 'cpu'}, ${info.threads} threads, context ${info.contextSize}, loaded in ${info.loadMs} ms, pid ${child.pid}).`);
      this.setState({ state: 'ready', ...named, info });
      return child;
    } catch (error) {
      if (this.child === child) {
        this.failures++;
        child.kill('SIGKILL');
        this.child = undefined;
        this.setState({ state: 'error', message: (error as Error).message, ...named });
      }
      throw error;
    }
  }

  private throwIfDisposed(): void {
    if (this.disposed) throw new UserFacingError(SHUT_DOWN);
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) {
    if (this.child !== child) return;
    this.child = undefined;
    if (this.disposed) return;
    this.failures++;
    this.options.logger.error(`The local model process exited (${signal ?? `code ${code}`}); restart in ${restartDelayMs(this.failures, this.options.backoff ?? DEFAULT_BACKOFF)} ms with the next request.`);
    this.failAll(new UserFacingError(CRASH_MESSAGE));
    this.setState({ state: 'error', message: CRASH_MESSAGE, modelName: this.model?.name, isDemo: this.model?.isDemo });
  }
}
