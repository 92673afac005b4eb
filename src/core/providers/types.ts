// One streaming interface for every model Tiered talks to: the local model (in a child process or
// an OpenAI-compatible server) and the reasoning providers (Anthropic, OpenAI and compatibles).

export type TierId = 'local' | 'reasoning';
export type ProviderId = 'local' | 'local-endpoint' | 'anthropic' | 'openai';
export type Purpose = 'completion' | 'chat' | 'deep-debug' | 'refactor';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /**
   * Marks the end of a large stable prefix (evidence, files) that providers with prompt caching
   * should cache (Anthropic `cache_control`). Ignored where unsupported.
   */
  cache?: boolean;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Provider model id; empty means the provider's default. */
  model?: string;
  maxOutputTokens?: number;
  /** Reasoning effort / thinking budget. 'none' disables extended thinking. */
  reasoning?: 'none' | 'low' | 'medium' | 'high';
  temperature?: number;
  purpose: Purpose;
  signal?: AbortSignal;
}

/** Tokens by kind, as the provider reported them (or counted locally). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Included in outputTokens where the provider bills them as output (OpenAI reasoning tokens). */
  reasoningTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'thinking'; text: string }
  | { type: 'usage'; usage: Usage }
  /** A transient failure that will be retried (429, 5xx, overloaded): shown as progress. */
  | { type: 'retry'; attempt: number; delayMs: number; reason: string };

export type FinishReason = 'stop' | 'length' | 'aborted' | 'error';

export interface ChatResult {
  text: string;
  thinking: string;
  usage: Usage;
  finishReason: FinishReason;
  /** True when the stream was cut: `text` is what arrived before. */
  incomplete: boolean;
  model: string;
  provider: ProviderId;
  /** Milliseconds from the call to the first text/thinking token, and to the end. */
  timeToFirstTokenMs?: number;
  totalMs: number;
  /** User-facing message when finishReason is 'error' (no stack, no key). */
  errorMessage?: string;
}

export interface ChatProvider {
  readonly id: ProviderId;
  readonly tier: TierId;
  /** The model that answers when the request names none. */
  defaultModel(): string;
  /**
   * Streams one answer. Events go to `onEvent` as they arrive; resolves with the whole result.
   * Rejects only with a UserFacingError for failures that produce no answer at all (no key,
   * 401/403, network down after retries); an abort or a cut stream resolves with what arrived.
   */
  chat(request: ChatRequest, onEvent?: (event: StreamEvent) => void): Promise<ChatResult>;
}

/** Fill-in-the-middle request for inline completions (local tier only). */
export interface FimRequest {
  /** The full prompt, already laid out in the model family's FIM format. */
  prompt: string;
  maxTokens: number;
  /** Stop generation at these strings (not included in the text). */
  stop?: string[];
  /** Wall-clock budget for the generation, ms. */
  timeBudgetMs?: number;
  signal?: AbortSignal;
}

export interface FimResult {
  text: string;
  finishReason: 'stop' | 'length' | 'aborted' | 'time';
  promptTokens: number;
  /** Tokens the model actually evaluated for the prompt (the rest came from the KV cache). */
  evaluatedTokens: number;
  generatedTokens: number;
  /** Speculative decoding: predicted tokens proposed and accepted. */
  draftPredicted?: number;
  draftAccepted?: number;
  /** Prompt tokens the model saw as special tokens (FIM markers, file separators), when known. */
  specialTokens?: number;
  modelMs: number;
}
