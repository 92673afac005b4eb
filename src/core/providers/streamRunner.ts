// Drives one streamed answer through attempts: retries before the first token, an idle watchdog,
// abort, and the one place that turns a stream's end (clean, cut, stalled, cancelled) into a
// ChatResult. Provider files only translate their SDK's events into the AttemptSink calls.
import type { Logger } from '../log';
import { redactSecrets } from '../redact';
import type { ChatRequest, ChatResult, FinishReason, ProviderId, StreamEvent, ThinkingBlock, Usage } from './types';
import { classifyFailure, type Failure } from './httpErrors';
import { cutMessage, failureError, type ProviderIdentity } from './faultMessages';
import { decideRetry, type RetryPolicy, type Sleep } from './retry';
import { ToolCallAssembler } from './toolCalls';

/** What a provider reports while it reads one attempt's stream. */
export interface AttemptSink {
  /** The response started (headers arrived): a stall from now on cuts the answer. */
  opened(): void;
  /** Any event arrived, even one without text: resets the idle watchdog. */
  alive(): void;
  text(text: string): void;
  thinking(text: string): void;
  /** Usage so far; fields given replace earlier ones (providers report running totals). */
  usage(usage: Partial<Usage>): void;
  model(model: string): void;
  /** The provider said the answer is complete, and why it stopped (the first call counts). */
  finish(reason: Exclude<FinishReason, 'aborted' | 'error'>): void;
  /** Tool use: a call starts at `index` (id and name may come later, on OpenAI). */
  toolStart(index: number, id?: string, name?: string): void;
  /** A fragment of the call's JSON arguments. */
  toolDelta(index: number, fragment: string): void;
  /** The call at `index` is complete (Anthropic content_block_stop); undefined: all of them. */
  toolStop(index?: number): void;
  /** Anthropic: a thinking block starts, its signature, a redacted block. */
  thinkingBlock(): void;
  signature(sig: string): void;
  redactedThinking(data: string): void;
  /** OpenAI Responses: a reasoning item to send back with the tool calls (encrypted content). */
  reasoningItem(item: NonNullable<ThinkingBlock['reasoningItem']>): void;
}

/** Opens the provider's stream with `signal` and feeds `sink` until the stream ends or throws. */
export type Attempt = (signal: AbortSignal, sink: AttemptSink) => Promise<void>;

export interface RunOptions {
  provider: ProviderId;
  who: ProviderIdentity;
  /** The model asked for (the stream may name the exact version). */
  model: string;
  request: ChatRequest;
  onEvent?: (event: StreamEvent) => void;
  logger: Logger;
  policy: RetryPolicy;
  sleep: Sleep;
  random?: () => number;
  /** An open stream silent for this long is cut; the answer so far is kept as incomplete. */
  idleTimeoutMs: number;
  /** How long to wait for the response to start (headers) before giving up as a timeout. */
  openTimeoutMs: number;
  /** Exact secrets (the key in use) to remove from any message. */
  secrets: readonly string[];
  attempt: Attempt;
  now?: () => number;
}

interface AnswerState {
  text: string;
  thinking: string;
  usage: Partial<Usage> | undefined;
  model: string | undefined;
  finish: Exclude<FinishReason, 'aborted' | 'error'> | undefined;
  firstTokenAt: number | undefined;
  tools: ToolCallAssembler;
}

const zeroUsage = (u: Partial<Usage> | undefined): Usage => {
  const out: Usage = { inputTokens: u?.inputTokens ?? 0, outputTokens: u?.outputTokens ?? 0 };
  if (u?.reasoningTokens !== undefined) out.reasoningTokens = u.reasoningTokens;
  if (u?.cacheReadTokens !== undefined) out.cacheReadTokens = u.cacheReadTokens;
  if (u?.cacheWriteTokens !== undefined) out.cacheWriteTokens = u.cacheWriteTokens;
  return out;
};

/** Runs attempts until an answer (whole, partial or cancelled) or a UserFacingError. */
export async function runStreamingChat(o: RunOptions): Promise<ChatResult> {
  const now = o.now ?? Date.now;
  const started = now();
  const userSignal = o.request.signal;
  const emit = (event: StreamEvent) => {
    try {
      o.onEvent?.(event);
    } catch (error) {
      o.logger.warn(`A stream listener threw; the answer continues. ${redactSecrets(String(error), o.secrets)}`);
    }
  };

  const finishResult = (state: AnswerState, finishReason: FinishReason, errorMessage?: string): ChatResult => {
    const usage = zeroUsage(state.usage);
    if (state.usage) emit({ type: 'usage', usage });
    const result: ChatResult = {
      text: state.text,
      thinking: state.thinking,
      usage,
      finishReason,
      incomplete: finishReason === 'error' || finishReason === 'aborted',
      model: state.model ?? o.model,
      provider: o.provider,
      totalMs: now() - started,
    };
    if (state.firstTokenAt !== undefined) result.timeToFirstTokenMs = state.firstTokenAt - started;
    if (errorMessage) result.errorMessage = errorMessage;
    if (state.tools.size) result.toolCalls = state.tools.calls();
    const blocks = state.tools.thinkingBlocks();
    if (blocks.length) result.thinkingBlocks = blocks;
    return result;
  };
  const cut = (state: AnswerState, cause: Parameters<typeof cutMessage>[0]) => {
    const message = cutMessage(cause, o.who, o.secrets);
    o.logger.warn(`${o.who.label}: ${message} (${state.text.length} characters kept)`);
    return finishResult(state, 'error', message);
  };

  for (let attempt = 1; ; attempt++) {
    const state: AnswerState = { text: '', thinking: '', usage: undefined, model: undefined, finish: undefined, firstTokenAt: undefined, tools: new ToolCallAssembler() };
    if (userSignal?.aborted) return finishResult(state, 'aborted');

    const controller = new AbortController();
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    let opened = false;
    let stalled = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => { stalled = true; controller.abort(); }, opened ? o.idleTimeoutMs : o.openTimeoutMs);
    };
    const live = () => !controller.signal.aborted;
    const token = () => { if (state.firstTokenAt === undefined) state.firstTokenAt = now(); };
    const sink: AttemptSink = {
      opened: () => { opened = true; arm(); },
      alive: () => { if (live()) arm(); },
      text: (text) => { if (!text || !live()) return; token(); state.text += text; emit({ type: 'text', text }); },
      thinking: (text) => { if (!text || !live()) return; token(); state.thinking += text; state.tools.thinkingText(text); emit({ type: 'thinking', text }); },
      toolStart: (index, id, name) => { if (!live()) return; token(); state.tools.start(index, id, name); },
      toolDelta: (index, fragment) => { if (live()) state.tools.delta(index, fragment); },
      toolStop: (index) => {
        if (!live()) return;
        const done = index === undefined ? state.tools.stopAll() : [state.tools.stop(index)].filter((c) => c !== undefined);
        for (const call of done) emit({ type: 'tool-call', call });
      },
      thinkingBlock: () => { if (live()) state.tools.thinkingStart(); },
      signature: (sig) => { if (live()) state.tools.signature(sig); },
      redactedThinking: (data) => { if (live()) state.tools.redactedThinking(data); },
      reasoningItem: (item) => { if (live()) state.tools.reasoningItem(item); },
      usage: (u) => {
        const defined = Object.fromEntries(Object.entries(u).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
        state.usage = { ...state.usage, ...defined };
      },
      model: (model) => { if (model) state.model = model; },
      finish: (reason) => { state.finish ??= reason; },
    };

    arm();
    let thrown: { error: unknown } | undefined;
    try {
      await o.attempt(controller.signal, sink);
    } catch (error) {
      thrown = { error };
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUserAbort);
    }

    const tokensArrived = state.text !== '' || state.thinking !== '' || state.tools.size > 0;
    if (userSignal?.aborted) return finishResult(state, 'aborted');
    if (stalled && opened) return cut(state, { kind: 'stall', idleMs: o.idleTimeoutMs });
    if (!thrown && state.finish) return finishResult(state, state.finish);
    if (!thrown && tokensArrived) return cut(state, { kind: 'ended' });

    let failure: Failure;
    if (stalled) failure = { kind: 'timeout' };
    else if (!thrown) failure = { kind: 'stream-cut' };
    else failure = classifyFailure(thrown.error);
    if (failure.kind === 'aborted') failure = { kind: 'stream-cut' }; // not the user's abort (checked above)
    if (tokensArrived) return cut(state, { kind: 'failure', failure });

    const decision = decideRetry(failure, attempt, false, o.policy, o.random);
    const detail = redactSecrets(`${failure.kind}${failure.status ? ` ${failure.status}` : ''}${failure.providerMessage ? `: ${failure.providerMessage}` : ''}`, o.secrets);
    if (!decision.retry) {
      o.logger.warn(`${o.who.label}: attempt ${attempt} failed (${detail}); not retrying (${decision.why}).`);
      throw failureError(failure, o.who, attempt, o.secrets);
    }
    o.logger.info(`${o.who.label}: attempt ${attempt} failed (${detail}); retrying in ${decision.delayMs} ms.`);
    emit({ type: 'retry', attempt, delayMs: decision.delayMs, reason: decision.reason });
    await o.sleep(decision.delayMs, userSignal);
  }
}
