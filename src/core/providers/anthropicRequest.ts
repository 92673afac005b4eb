// Pure translation between Tiered's ChatRequest and the Anthropic Messages API: system prompt
// apart, prompt-cache breakpoints, the extended-thinking budget (no temperature: see below).
import type { ContentBlockParam, MessageCreateParamsStreaming, MessageParam, TextBlockParam, StopReason } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage, ChatRequest, Usage } from './types';

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
    else if (m.toolCalls?.length || m.toolResults?.length) messages.push({ role: m.role, content: toolBlocks(m, marks.has(i)) });
    else messages.push({ role: m.role, content: marks.has(i) ? [block] : m.content });
  });

  const plan = thinkingPlan(request.reasoning, request.maxOutputTokens);
  const params: MessageCreateParamsStreaming = { model, max_tokens: plan.maxTokens, messages, stream: true };
  if (system.length) params.system = system.some((b) => b.cache_control) ? system : system.map((b) => b.text).join('\n\n');
  if (plan.budget !== undefined) params.thinking = { type: 'enabled', budget_tokens: plan.budget };
  if (request.tools?.length) {
    params.tools = request.tools.map((t) => ({ name: t.name, description: t.description, input_schema: { ...t.inputSchema, type: 'object' } }));
    params.tool_choice = { type: 'auto' };
  }
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

/**
 * A tool-use turn as content blocks: an assistant turn's signed thinking, text and tool_use
 * blocks; a user turn's tool_result blocks, then its text. `cache` marks the last block.
 */
function toolBlocks(m: ChatMessage, cache: boolean): ContentBlockParam[] {
  const blocks: ContentBlockParam[] = [];
  if (m.role === 'assistant') {
    for (const b of m.thinkingBlocks ?? []) {
      if (b.redacted !== undefined) blocks.push({ type: 'redacted_thinking', data: b.redacted });
      else if (b.signature) blocks.push({ type: 'thinking', thinking: b.thinking ?? '', signature: b.signature });
    }
    if (m.content) blocks.push({ type: 'text', text: m.content });
    for (const c of m.toolCalls ?? []) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: c.input });
  } else {
    for (const r of m.toolResults ?? []) blocks.push({ type: 'tool_result', tool_use_id: r.callId, content: r.content, ...(r.isError ? { is_error: true } : {}) });
    if (m.content) blocks.push({ type: 'text', text: m.content });
  }
  const last = blocks[blocks.length - 1];
  if (cache && last && last.type !== 'thinking' && last.type !== 'redacted_thinking') (last as { cache_control?: unknown }).cache_control = { type: 'ephemeral' };
  return blocks;
}
