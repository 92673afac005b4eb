// Pure translation between Tiered's ChatRequest and the Anthropic Messages API: system prompt
// apart, prompt-cache breakpoints, the extended-thinking budget (no temperature: see below).
import type { MessageCreateParamsStreaming, MessageParam, TextBlockParam, StopReason } from '@anthropic-ai/sdk/resources/messages';
import type { ChatRequest, Usage } from './types';

/** Anthropic accepts at most four cache_control breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;
/** Smallest thinking budget the API accepts. */
export const MIN_THINKING_BUDGET = 1024;
export const DEFAULT_MAX_OUTPUT_TOKENS = 8192;

export const THINKING_BUDGET: Record<'low' | 'medium' | 'high', number> = { low: 2048, medium: 8192, high: 24_576 };

/**
 * The thinking budget and max_tokens for a request. Thinking is on when `reasoning` is low,
 * medium or high (not when 'none' or unset) and leaves at least MIN_THINKING_BUDGET tokens for the
 * answer; a maxOutputTokens too small for that turns thinking off.
 */
export function thinkingPlan(reasoning: ChatRequest['reasoning'], maxOutputTokens: number | undefined): { budget?: number; maxTokens: number } {
  if (!reasoning || reasoning === 'none') return { maxTokens: maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS };
  const wanted = THINKING_BUDGET[reasoning];
  if (maxOutputTokens === undefined) return { budget: wanted, maxTokens: wanted + DEFAULT_MAX_OUTPUT_TOKENS };
  const budget = Math.min(wanted, maxOutputTokens - MIN_THINKING_BUDGET);
  if (budget < MIN_THINKING_BUDGET) return { maxTokens: maxOutputTokens };
  return { budget, maxTokens: maxOutputTokens };
}

/** Indexes of the messages that keep their `cache` mark (the last MAX_CACHE_BREAKPOINTS). */
function cacheMarks(request: ChatRequest): Set<number> {
  const marked = request.messages.map((m, i) => (m.cache ? i : -1)).filter((i) => i >= 0);
  return new Set(marked.slice(-MAX_CACHE_BREAKPOINTS));
}

/** The streaming Messages API body for `request`. */
export function buildAnthropicParams(request: ChatRequest, model: string): MessageCreateParamsStreaming {
  const marks = cacheMarks(request);
  const system: TextBlockParam[] = [];
  const messages: MessageParam[] = [];
  request.messages.forEach((m, i) => {
    const block: TextBlockParam = { type: 'text', text: m.content };
    if (marks.has(i)) block.cache_control = { type: 'ephemeral' };
    if (m.role === 'system') system.push(block);
    else messages.push({ role: m.role, content: marks.has(i) ? [block] : m.content });
  });

  const plan = thinkingPlan(request.reasoning, request.maxOutputTokens);
  const params: MessageCreateParamsStreaming = { model, max_tokens: plan.maxTokens, messages, stream: true };
  if (system.length) params.system = system.some((b) => b.cache_control) ? system : system.map((b) => b.text).join('\n\n');
  if (plan.budget !== undefined) params.thinking = { type: 'enabled', budget_tokens: plan.budget };
  // No temperature: this API version has none in its parameters (and with thinking on, older
  // versions accepted only 1), so request.temperature is not sent to Anthropic.
  return params;
}

type Counts = { input_tokens?: number | null; output_tokens?: number | null; cache_read_input_tokens?: number | null; cache_creation_input_tokens?: number | null };

/** Anthropic usage (message_start or a running message_delta total) as Tiered usage fields. */
export function anthropicUsage(u: Counts | null | undefined): Partial<Usage> {
  if (!u) return {};
  const out: Partial<Usage> = {};
  if (typeof u.input_tokens === 'number') out.inputTokens = u.input_tokens;
  if (typeof u.output_tokens === 'number') out.outputTokens = u.output_tokens;
  if (typeof u.cache_read_input_tokens === 'number') out.cacheReadTokens = u.cache_read_input_tokens;
  if (typeof u.cache_creation_input_tokens === 'number') out.cacheWriteTokens = u.cache_creation_input_tokens;
  return out;
}

export function anthropicFinish(stop: StopReason | string | null | undefined): 'stop' | 'length' {
  return stop === 'max_tokens' || stop === 'model_context_window_exceeded' ? 'length' : 'stop';
}
