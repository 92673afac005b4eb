// Turns each provider's usage report into Tiered's `Usage` (see the rules in ./prices.ts):
// inputTokens excludes cache reads and writes; outputTokens includes reasoning tokens.
import type { Usage } from '../providers/types';

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/** The fields of an Anthropic Messages `usage` object (message_start / message_delta). */
export interface AnthropicUsageLike {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/** Anthropic already excludes cache tokens from input_tokens; thinking is inside output_tokens. */
export function usageFromAnthropic(u: AnthropicUsageLike): Usage {
  const usage: Usage = { inputTokens: n(u.input_tokens), outputTokens: n(u.output_tokens) };
  if (n(u.cache_read_input_tokens)) usage.cacheReadTokens = n(u.cache_read_input_tokens);
  if (n(u.cache_creation_input_tokens)) usage.cacheWriteTokens = n(u.cache_creation_input_tokens);
  return usage;
}

/** The fields of an OpenAI chat-completions `usage` (plus DeepSeek's cache fields). */
export interface OpenAiUsageLike {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  /** DeepSeek: prompt tokens served from its context cache (part of prompt_tokens). */
  prompt_cache_hit_tokens?: number | null;
}

/**
 * OpenAI's prompt_tokens INCLUDES cached_tokens: subtract them so inputTokens is the uncached
 * part. completion_tokens includes reasoning_tokens already; reasoningTokens is informational.
 */
export function usageFromOpenAi(u: OpenAiUsageLike): Usage {
  const prompt = n(u.prompt_tokens);
  const cached = Math.min(prompt, n(u.prompt_tokens_details?.cached_tokens) || n(u.prompt_cache_hit_tokens));
  const usage: Usage = { inputTokens: prompt - cached, outputTokens: n(u.completion_tokens) };
  if (cached) usage.cacheReadTokens = cached;
  const reasoning = n(u.completion_tokens_details?.reasoning_tokens);
  if (reasoning) usage.reasoningTokens = reasoning;
  return usage;
}

/** Every prompt-side token, cached or not (what the model read). */
export function promptTokensOf(u: Usage): number {
  return n(u.inputTokens) + n(u.cacheReadTokens) + n(u.cacheWriteTokens);
}
