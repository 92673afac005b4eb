// The Anthropic reasoning provider: Messages API streaming through @anthropic-ai/sdk, extended
// thinking, prompt caching, usage with cache reads/writes. Faults go through streamRunner's one
// retry policy (the SDK's own retries are off).
import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { Logger } from '../log';
import type { ChatProvider, ChatRequest, ChatResult, StreamEvent } from './types';
import { anthropicFinish, anthropicUsage, buildAnthropicParams } from './anthropicRequest';
import { noKeyError, type ProviderIdentity } from './faultMessages';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy, type Sleep } from './retry';
import { resolveKey, sdkLogger } from './sdkSupport';
import { runStreamingChat, type AttemptSink } from './streamRunner';

export interface AnthropicProviderOptions {
  /** The key to use, looked up per request (SecretStorage, then ANTHROPIC_API_KEY). */
  apiKey: () => Promise<string | undefined>;
  /** `tiered.reasoning.baseUrl`; empty for api.anthropic.com. */
  baseUrl?: string;
  defaultModel: string;
  logger: Logger;
  /** The fetch the SDK uses (the egress record's tap); default the global one. */
  fetch?: typeof fetch;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** Replaces the retry policy's other numbers (backoff, retry-after cap). */
  retryPolicy?: Partial<RetryPolicy>;
  /** Injected in tests to keep retries fast. */
  sleep?: Sleep;
  random?: () => number;
  /** A stream silent this long is cut and kept as incomplete (default 60 s). */
  idleTimeoutMs?: number;
  /** How long to wait for the response to start (default: 60 s, or idleTimeoutMs if longer). */
  openTimeoutMs?: number;
}

export const ANTHROPIC_IDENTITY: ProviderIdentity = { keyId: 'anthropic', label: 'Anthropic', envVar: 'ANTHROPIC_API_KEY' };

export class AnthropicProvider implements ChatProvider {
  readonly id = 'anthropic' as const;
  readonly tier = 'reasoning' as const;
  private client: { key: string; sdk: Anthropic } | undefined;
  private readonly policy: RetryPolicy;

  constructor(private readonly options: AnthropicProviderOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy, ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }) };
  }

  defaultModel(): string {
    return this.options.defaultModel;
  }

  async chat(request: ChatRequest, onEvent?: (event: StreamEvent) => void): Promise<ChatResult> {
    const o = this.options;
    const key = await resolveKey(o.apiKey, o.logger, 'Anthropic');
    if (!key) throw noKeyError(ANTHROPIC_IDENTITY);
    const sdk = this.sdkFor(key);
    const model = request.model || o.defaultModel;
    const params = buildAnthropicParams(request, model);
    o.logger.debug(`Anthropic: ${model}, ${request.messages.length} messages, max_tokens ${params.max_tokens}${params.thinking?.type === 'enabled' ? `, thinking budget ${params.thinking.budget_tokens}` : ''}.`);
    return runStreamingChat({
      provider: 'anthropic',
      who: ANTHROPIC_IDENTITY,
      model,
      request,
      onEvent,
      logger: o.logger,
      policy: this.policy,
      sleep: o.sleep ?? abortableSleep,
      random: o.random,
      idleTimeoutMs: o.idleTimeoutMs ?? 60_000,
      openTimeoutMs: o.openTimeoutMs ?? Math.max(60_000, o.idleTimeoutMs ?? 60_000),
      secrets: [key],
      attempt: async (signal, sink) => {
        const stream = await sdk.messages.create(params, { signal });
        sink.opened();
        for await (const event of stream) {
          sink.alive();
          applyEvent(event, sink);
        }
      },
    });
  }

  /** One SDK client per key (rebuilt when the key changes). */
  private sdkFor(key: string): Anthropic {
    if (this.client?.key !== key) {
      const sdk = new Anthropic({
        apiKey: key,
        baseURL: this.options.baseUrl || undefined,
        maxRetries: 0,
        logger: sdkLogger(this.options.logger, 'Anthropic SDK', () => [key]),
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      });
      this.client = { key, sdk };
    }
    return this.client.sdk;
  }
}

/** Feeds one Messages stream event into the sink. */
export function applyEvent(event: RawMessageStreamEvent, sink: AttemptSink): void {
  switch (event.type) {
    case 'message_start':
      sink.model(event.message.model);
      sink.usage(anthropicUsage(event.message.usage));
      break;
    case 'content_block_start': {
      const block = event.content_block as { type: string; text?: unknown; thinking?: unknown; id?: unknown; name?: unknown; data?: unknown };
      if (block.type === 'text' && typeof block.text === 'string') sink.text(block.text);
      if (block.type === 'thinking') {
        sink.thinkingBlock();
        if (typeof block.thinking === 'string') sink.thinking(block.thinking);
      }
      if (block.type === 'redacted_thinking' && typeof block.data === 'string') sink.redactedThinking(block.data);
      if (block.type === 'tool_use') sink.toolStart(event.index, typeof block.id === 'string' ? block.id : undefined, typeof block.name === 'string' ? block.name : undefined);
      break;
    }
    case 'content_block_delta': {
      const delta = event.delta as { type: string; text?: string; thinking?: string; partial_json?: string; signature?: string };
      if (delta.type === 'text_delta') sink.text(delta.text ?? '');
      else if (delta.type === 'thinking_delta') sink.thinking(delta.thinking ?? '');
      else if (delta.type === 'input_json_delta') sink.toolDelta(event.index, delta.partial_json ?? '');
      else if (delta.type === 'signature_delta') sink.signature(delta.signature ?? '');
      break;
    }
    case 'content_block_stop':
      sink.toolStop(event.index);
      break;
    case 'message_delta':
      sink.usage(anthropicUsage(event.usage));
      if (event.delta.stop_reason) sink.finish(anthropicFinish(event.delta.stop_reason));
      break;
    case 'message_stop':
      sink.finish('stop');
      break;
    default:
      break;
  }
}
