// Pure translation between Tiered's ChatRequest and OpenAI chat completions, for OpenAI itself
// (reasoning models: reasoning_effort, max_completion_tokens, no temperature) and for compatible
// servers (DeepSeek, OpenRouter, vLLM, Ollama, LM Studio), which mostly speak the older dialect.
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ReasoningEffort } from 'openai/resources/shared';
import type { ChatMessage, ChatRequest, Usage } from './types';

/** True when `baseUrl` is empty or OpenAI's own API. */
export function isOfficialOpenAI(baseUrl: string | undefined): boolean {
  if (!baseUrl) return true;
  try {
    return new URL(baseUrl).hostname.toLowerCase() === 'api.openai.com';
  } catch {
    return false;
  }
}

/** o1/o3/o4-mini/gpt-5… : models that reason before answering (also behind "openai/" prefixes). */
export function isReasoningModel(model: string): boolean {
  const bare = model.toLowerCase().split('/').pop() ?? '';
  return /^o\d/.test(bare) || /^gpt-5/.test(bare);
}

/** The reasoning_effort for a request, or undefined to leave the server's default. */
export function reasoningEffort(model: string, reasoning: ChatRequest['reasoning']): ReasoningEffort | undefined {
  if (!reasoning) return undefined;
  if (reasoning !== 'none') return reasoning;
  // The least effort each family accepts.
  return /^o\d/.test(model.toLowerCase().split('/').pop() ?? '') ? 'low' : 'minimal';
}

export function buildOpenAIParams(request: ChatRequest, model: string, official: boolean): ChatCompletionCreateParamsStreaming {
  const params: ChatCompletionCreateParamsStreaming = {
    model,
    messages: request.messages.flatMap(toOpenAIMessages),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (request.tools?.length) {
    params.tools = request.tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: { ...t.inputSchema, type: 'object' } } }));
    params.tool_choice = 'auto';
  }
  const reasoner = isReasoningModel(model);
  if (official) {
    if (request.maxOutputTokens !== undefined) params.max_completion_tokens = request.maxOutputTokens;
    if (reasoner) {
      const effort = reasoningEffort(model, request.reasoning);
      if (effort) params.reasoning_effort = effort;
    } else if (request.temperature !== undefined) {
      params.temperature = request.temperature;
    }
    return params;
  }
  // Compatible servers: `max_tokens` is what they all understand; reasoning_effort where asked.
  if (request.maxOutputTokens !== undefined) params.max_tokens = request.maxOutputTokens;
  if (request.reasoning && request.reasoning !== 'none') params.reasoning_effort = request.reasoning;
  if (request.temperature !== undefined && !reasoner) params.temperature = request.temperature;
  return params;
}

/** Reasoning text some compatible servers stream beside the answer. */
export function reasoningDelta(delta: ChatCompletionChunk.Choice.Delta | undefined): string {
  const d = delta as { reasoning_content?: unknown; reasoning?: unknown } | undefined;
  if (typeof d?.reasoning_content === 'string') return d.reasoning_content;
  if (typeof d?.reasoning === 'string') return d.reasoning;
  return '';
}

type WireUsage = ChatCompletionChunk['usage'] & { prompt_cache_hit_tokens?: number };

/**
 * OpenAI usage as Tiered usage. inputTokens excludes cached and cache-written prompt tokens (which
 * are priced apart), as Anthropic reports it; reasoning tokens stay inside outputTokens (billed as
 * output) and are also given apart.
 */
export function openaiUsage(u: WireUsage | null | undefined): Partial<Usage> {
  if (!u) return {};
  const cached = u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens;
  const written = u.prompt_tokens_details?.cache_write_tokens;
  const out: Partial<Usage> = {
    inputTokens: Math.max(0, (u.prompt_tokens ?? 0) - (cached ?? 0) - (written ?? 0)),
    outputTokens: u.completion_tokens ?? 0,
  };
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  if (typeof cached === 'number') out.cacheReadTokens = cached;
  if (typeof written === 'number') out.cacheWriteTokens = written;
  return out;
}

export function openaiFinish(reason: string | null | undefined): 'stop' | 'length' | undefined {
  if (!reason) return undefined;
  return reason === 'length' ? 'length' : 'stop';
}

/**
 * One Tiered message as chat-completions messages: an assistant turn carries its tool_calls (the
 * arguments as a JSON string); tool results become one `tool` message each, before the text.
 */
export function toOpenAIMessages(m: ChatMessage): ChatCompletionMessageParam[] {
  if (m.role === 'assistant' && m.toolCalls?.length) {
    return [{
      role: 'assistant', content: m.content || null,
      tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.rawInput ?? JSON.stringify(c.input) } })),
    }];
  }
  if (m.role === 'user' && m.toolResults?.length) {
    const out: ChatCompletionMessageParam[] = m.toolResults.map((r) => ({ role: 'tool' as const, tool_call_id: r.callId, content: r.content }));
    if (m.content) out.push({ role: 'user', content: m.content });
    return out;
  }
  return [{ role: m.role, content: m.content }];
}
