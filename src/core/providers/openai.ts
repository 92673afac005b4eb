// The OpenAI(-compatible) reasoning provider: chat completions streaming through `openai`, with
// usage (reasoning and cached tokens), reasoning text from compatible servers, and the shared
// retry/fault policy (the SDK's own retries are off). Reasoning models on api.openai.com go through
// the Responses API instead (openaiResponses.ts; `api` / tiered.reasoning.openaiApi decides).
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { Logger } from '../log';
import type { ChatProvider, ChatRequest, ChatResult, StreamEvent } from './types';
import { buildOpenAIParams, isOfficialOpenAI, openaiFinish, openaiUsage, reasoningDelta } from './openaiRequest';
import { noKeyError, type ProviderIdentity } from './faultMessages';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy, type Sleep } from './retry';
import { hostOf, isLocalBaseUrl, resolveKey, sdkLogger } from './sdkSupport';
import { runStreamingChat, type Attempt, type AttemptSink } from './streamRunner';
import { applyResponsesEvent, buildResponsesParams, newResponsesState, responsesStreamError, usesResponsesApi } from './openaiResponses';
import type { OpenAIApi } from '../config';

export interface OpenAIProviderOptions {
  /** The key to use, looked up per request (SecretStorage, then OPENAI_API_KEY). */
  apiKey: () => Promise<string | undefined>;
  /** `tiered.reasoning.baseUrl`: empty for api.openai.com, else any OpenAI-compatible server. */
  baseUrl?: string;
  defaultModel: string;
  logger: Logger;
  /** The fetch the SDK uses (the egress record's tap); default the global one. */
  fetch?: typeof fetch;
  maxRetries?: number;
  retryPolicy?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
  /** A stream silent this long is cut and kept as incomplete (default 120 s: o-series models can think silently). */
  idleTimeoutMs?: number;
  /** How long to wait for the response to start (default: 60 s, or idleTimeoutMs if longer). */
  openTimeoutMs?: number;
  /**
   * Which request dialect the server speaks: 'openai' (max_completion_tokens, reasoning_effort
   * only for reasoning models, no temperature for them) or 'compatible' (max_tokens). Default:
   * 'openai' when baseUrl is empty or api.openai.com, else 'compatible'.
   */
  dialect?: 'openai' | 'compatible';
  /** `tiered.reasoning.openaiApi`: Chat Completions or the Responses API (auto: see usesResponsesApi). */
  api?: OpenAIApi;
}

/** Sent to local servers (Ollama, LM Studio, vLLM) that need no key, because the SDK requires one. */
export const LOCAL_PLACEHOLDER_KEY = 'tiered-local-no-key';

/** How messages name the server: "OpenAI", or "localhost:11434 (OpenAI-compatible)". */
export function openaiIdentity(baseUrl: string | undefined, official = isOfficialOpenAI(baseUrl)): ProviderIdentity {
  const label = official ? 'OpenAI' : `${hostOf(baseUrl ?? '')} (OpenAI-compatible)`;
  return { keyId: 'openai', label, envVar: 'OPENAI_API_KEY' };
}

export class OpenAIProvider implements ChatProvider {
  readonly id = 'openai' as const;
  readonly tier = 'reasoning' as const;
  private client: { key: string; sdk: OpenAI } | undefined;
  private readonly policy: RetryPolicy;
  private readonly who: ProviderIdentity;
  private readonly official: boolean;

  constructor(private readonly options: OpenAIProviderOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy, ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }) };
    this.official = options.dialect ? options.dialect === 'openai' : isOfficialOpenAI(options.baseUrl);
    this.who = openaiIdentity(options.baseUrl, this.official);
  }

  defaultModel(): string {
    return this.options.defaultModel;
  }

  async chat(request: ChatRequest, onEvent?: (event: StreamEvent) => void): Promise<ChatResult> {
    const o = this.options;
    let key = await resolveKey(o.apiKey, o.logger, this.who.label);
    if (!key) {
      if (!isLocalBaseUrl(o.baseUrl)) throw noKeyError(this.who);
      key = LOCAL_PLACEHOLDER_KEY;
    }
    const sdk = this.sdkFor(key);
    const model = request.model || o.defaultModel;
    let attempt: Attempt;
    // `auto` looks at the real host (not the dialect): the Responses API is api.openai.com's.
    if (usesResponsesApi(o.api, isOfficialOpenAI(o.baseUrl), model)) {
      const params = buildResponsesParams(request, model);
      o.logger.debug(`${this.who.label}: ${model} (Responses API), ${request.messages.length} messages${params.reasoning?.effort ? `, reasoning effort ${params.reasoning.effort}` : ''}.`);
      attempt = async (signal, sink) => {
        const stream = await sdk.responses.create(params, { signal });
        sink.opened();
        const state = newResponsesState();
        try {
          for await (const event of stream) {
            sink.alive();
            applyResponsesEvent(event, sink, state);
          }
        } catch (error) {
          throw responsesStreamError(error);
        }
      };
    } else {
      const params = buildOpenAIParams(request, model, this.official);
      o.logger.debug(`${this.who.label}: ${model}, ${request.messages.length} messages${params.reasoning_effort ? `, reasoning_effort ${params.reasoning_effort}` : ''}.`);
      attempt = async (signal, sink) => {
        const stream = await sdk.chat.completions.create(params, { signal });
        sink.opened();
        for await (const chunk of stream) {
          sink.alive();
          applyChunk(chunk, sink);
        }
      };
    }
    return runStreamingChat({
      provider: 'openai',
      who: this.who,
      model,
      request,
      onEvent,
      logger: o.logger,
      policy: this.policy,
      sleep: o.sleep ?? abortableSleep,
      random: o.random,
      idleTimeoutMs: o.idleTimeoutMs ?? 120_000,
      openTimeoutMs: o.openTimeoutMs ?? Math.max(60_000, o.idleTimeoutMs ?? 120_000),
      secrets: key === LOCAL_PLACEHOLDER_KEY ? [] : [key],
      attempt,
    });
  }

  private sdkFor(key: string): OpenAI {
    if (this.client?.key !== key) {
      const sdk = new OpenAI({
        apiKey: key,
        baseURL: this.options.baseUrl || undefined,
        maxRetries: 0,
        logger: sdkLogger(this.options.logger, 'OpenAI SDK', () => [key]),
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      });
      this.client = { key, sdk };
    }
    return this.client.sdk;
  }
}

/** Feeds one chat-completions chunk into the sink. */
export function applyChunk(chunk: ChatCompletionChunk, sink: AttemptSink): void {
  if (chunk.model) sink.model(chunk.model);
  const choice = chunk.choices?.[0];
  if (choice) {
    sink.thinking(reasoningDelta(choice.delta));
    const content = choice.delta?.content;
    if (typeof content === 'string') sink.text(content);
    for (const t of choice.delta?.tool_calls ?? []) {
      sink.toolStart(t.index, t.id || undefined, t.function?.name || undefined);
      if (t.function?.arguments) sink.toolDelta(t.index, t.function.arguments);
    }
    if (choice.finish_reason) sink.toolStop();
    const finish = openaiFinish(choice.finish_reason);
    if (finish) sink.finish(finish);
  }
  if (chunk.usage) sink.usage(openaiUsage(chunk.usage));
}
