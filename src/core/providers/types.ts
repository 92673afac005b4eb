// One streaming interface for every model Tiered talks to: the local model (in a child process or
// an OpenAI-compatible server) and the reasoning providers (Anthropic, OpenAI and compatibles).

export type TierId = 'local' | 'reasoning';
export type ProviderId = 'local' | 'local-endpoint' | 'anthropic' | 'openai';
export type Purpose = 'completion' | 'chat' | 'deep-debug' | 'refactor';

/** A tool the model may call: a name, what it does, and its arguments as a JSON Schema object. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** A call the model made. `input` is the parsed arguments; `error` says why they did not parse. */
export interface ToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** The arguments as streamed, when they were not a JSON object. */
  rawInput?: string;
  error?: string;
}

/** The answer to one tool call, sent back on the next turn. */
export interface ToolResultPart {
  callId: string;
  name: string;
  content: string;
  isError?: boolean;
}

/** Anthropic thinking that must go back with a tool-use turn (signed; or redacted by the API). */
export interface ThinkingBlock {
  thinking?: string;
  signature?: string;
  /** A redacted_thinking block's data. */
  redacted?: string;
  /** OpenAI Responses: a reasoning item, sent back (encrypted) before the tool calls it led to. */
  reasoningItem?: { id: string; encryptedContent: string; summary: string[] };
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Assistant turns: the tools the model called (after `content`). */
  toolCalls?: ToolCall[];
  /** Assistant turns with tool calls: the thinking that preceded them (Anthropic requires it back). */
  thinkingBlocks?: ThinkingBlock[];
  /** User turns: the results of the previous turn's tool calls (before `content`, which may be empty). */
  toolResults?: ToolResultPart[];
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
  /** Tools the model may call (native tool use; see ChatResult.toolCalls). */
  tools?: ToolSpec[];
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
  /** A tool call whose arguments have fully arrived. */
  | { type: 'tool-call'; call: ToolCall }
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
  /** The tools the model called (the answer stopped to wait for their results). */
  toolCalls?: ToolCall[];
  /** Anthropic: the thinking blocks, to send back with the tool calls. */
  thinkingBlocks?: ThinkingBlock[];
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
/** A FIM prompt in its layout parts (see FimRequest.parts). */
export interface FimPromptParts {
  /** FIM start, chunks from other files, file header: the part that stays while the user types. */
  before: string;
  /** The prefix window: whole lines, from a line that is a multiple of `anchorLines`. */
  prefix: string;
  /** FIM suffix token, suffix window, FIM middle token (Codestral: whatever follows the prefix). */
  after: string;
  anchorLines: number;
}

export interface FimRequest {
  /** The full prompt, already laid out in the model family's FIM format. */
  prompt: string;
  /**
   * The same prompt in its three layout parts (before the prefix window, the window, after it):
   * the in-process engine counts them with the model's own tokenizer and trims the far prefix
   * to fit the context (providers/local/promptTokens.ts). Engines that take text use `prompt`.
   */
  parts?: FimPromptParts;
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
  /** In-process engine: the context size, and the prompt tokens trimmed to fit it. */
  contextTokens?: number;
  trimmedTokens?: number;
  /** True when the prompt could not fit even with an empty prefix window: nothing was generated. */
  overContext?: boolean;
}
