// OpenAI's Responses API (POST /v1/responses) for the o-series and gpt-5 models on api.openai.com:
// the request built from Tiered's ChatRequest (function tools, reasoning effort, tool results as
// `function_call_output` items, the reasoning items of earlier tool turns sent back encrypted),
// and the stream's events fed into the same AttemptSink the Chat Completions path uses, so the
// result (text, tool calls, usage with cached and reasoning tokens) has the same shape.
// `store: false`: Tiered keeps the conversation itself; nothing is left stored at OpenAI.
import type { Response, ResponseCreateParamsStreaming, ResponseInputItem, ResponseStreamEvent, ResponseUsage } from 'openai/resources/responses/responses';
import type { OpenAIApi } from '../config';
import type { ChatMessage, ChatRequest, Usage } from './types';
import { isReasoningModel, reasoningEffort } from './openaiRequest';
import type { AttemptSink } from './streamRunner';

/**
 * Which API answers: `responses` / `chat-completions` as set; `auto` takes the Responses API for
 * reasoning models (o-series, gpt-5) on api.openai.com, Chat Completions everywhere else
 * (OpenAI-compatible servers speak Chat Completions).
 */
export function usesResponsesApi(api: OpenAIApi | undefined, official: boolean, model: string): boolean {
  if (api === 'responses') return true;
  if (api === 'chat-completions') return false;
  return official && isReasoningModel(model);
}

export function buildResponsesParams(request: ChatRequest, model: string): ResponseCreateParamsStreaming {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).filter(Boolean);
  const params: ResponseCreateParamsStreaming = {
    model,
    input: request.messages.filter((m) => m.role !== 'system').flatMap(toResponsesInput),
    stream: true,
    store: false,
  };
  if (system.length) params.instructions = system.join('\n\n');
  if (request.tools?.length) {
    params.tools = request.tools.map((t) => ({ type: 'function' as const, name: t.name, description: t.description, parameters: { ...t.inputSchema, type: 'object' }, strict: false }));
    params.tool_choice = 'auto';
  }
  if (request.maxOutputTokens !== undefined) params.max_output_tokens = request.maxOutputTokens;
  if (isReasoningModel(model)) {
    const effort = reasoningEffort(model, request.reasoning);
    if (effort) params.reasoning = { effort };
    // With store: false the reasoning of a tool turn can only go back encrypted.
    params.include = ['reasoning.encrypted_content'];
  } else if (request.temperature !== undefined) {
    params.temperature = request.temperature;
  }
  return params;
}

/**
 * One Tiered message as Responses input items: an assistant turn with tool calls gives its
 * reasoning items (encrypted), its text, then one `function_call` item per call; a user turn with
 * tool results gives one `function_call_output` item per result, then its text.
 */
export function toResponsesInput(m: ChatMessage): ResponseInputItem[] {
  const out: ResponseInputItem[] = [];
  if (m.role === 'assistant') {
    for (const b of m.thinkingBlocks ?? []) {
      const r = b.reasoningItem;
      if (r) out.push({ type: 'reasoning', id: r.id, encrypted_content: r.encryptedContent, summary: r.summary.map((text) => ({ type: 'summary_text' as const, text })) });
    }
    if (m.content) out.push({ role: 'assistant', content: m.content });
    for (const c of m.toolCalls ?? []) out.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: c.rawInput ?? JSON.stringify(c.input) });
    return out;
  }
  for (const r of m.toolResults ?? []) out.push({ type: 'function_call_output', call_id: r.callId, output: r.content });
  if (m.content || !m.toolResults?.length) out.push({ role: m.role === 'system' ? 'developer' : m.role, content: m.content });
  return out;
}

/**
 * Responses usage as Tiered usage, as openaiUsage() does for Chat Completions: inputTokens without
 * the cached (and cache-written) part, reasoning tokens inside outputTokens and also apart.
 */
export function responsesUsage(u: Partial<ResponseUsage> | null | undefined): Partial<Usage> {
  if (!u) return {};
  const cached = u.input_tokens_details?.cached_tokens;
  const written = u.input_tokens_details?.cache_write_tokens;
  const out: Partial<Usage> = {
    inputTokens: Math.max(0, (u.input_tokens ?? 0) - (cached ?? 0) - (written ?? 0)),
    outputTokens: u.output_tokens ?? 0,
  };
  const reasoning = u.output_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  if (typeof cached === 'number') out.cacheReadTokens = cached;
  if (typeof written === 'number' && written > 0) out.cacheWriteTokens = written;
  return out;
}

/** Per-attempt bookkeeping: which calls streamed their arguments (the rest take them from `done`). */
export interface ResponsesStreamState {
  streamed: Set<number>;
}

export const newResponsesState = (): ResponsesStreamState => ({ streamed: new Set() });

/** An in-stream failure (`response.failed`), shaped like the SDK's errors so classifyFailure reads it. */
export class ResponseFailedError extends Error {
  readonly error: { type?: string; message: string; code?: string };
  constructor(response: Pick<Response, 'error'>) {
    const e = response.error;
    super(e?.message ?? 'The response failed.');
    this.name = 'ResponseFailedError';
    const type = e?.code === 'rate_limit_exceeded' ? 'rate_limit_error' : e?.code === 'server_error' ? 'server_error' : e?.code ? 'invalid_request_error' : 'server_error';
    this.error = { type, message: this.message, ...(e?.code ? { code: e.code } : {}) };
  }
}

/**
 * What the SDK threw while reading the stream, made classifiable: a Responses `error` event
 * (`{ type: "error", code, message }`, which the SDK throws as an APIError without a status)
 * becomes a ResponseFailedError whose type follows its code (server_error and rate limits are
 * retried before the first token, like Chat Completions' in-stream errors). Anything else as is.
 */
export function responsesStreamError(error: unknown): unknown {
  const e = error as { status?: unknown; error?: { type?: unknown; code?: unknown; message?: unknown } } | undefined;
  if (!e || e.status !== undefined || e.error?.type !== 'error') return error;
  const code = typeof e.error.code === 'string' ? e.error.code : undefined;
  const message = typeof e.error.message === 'string' ? e.error.message : 'The response failed.';
  return new ResponseFailedError({ error: { code: (code ?? 'server_error') as NonNullable<Response['error']>['code'], message } });
}

/** Feeds one Responses stream event into the sink. */
export function applyResponsesEvent(event: ResponseStreamEvent, sink: AttemptSink, state: ResponsesStreamState): void {
  switch (event.type) {
    case 'response.created':
    case 'response.in_progress':
      if (event.response?.model) sink.model(event.response.model);
      return;
    case 'response.output_text.delta':
      sink.text(event.delta);
      return;
    case 'response.reasoning_summary_text.delta':
    case 'response.reasoning_text.delta':
      sink.thinking(event.delta);
      return;
    case 'response.output_item.added':
      if (event.item.type === 'function_call') sink.toolStart(event.output_index, event.item.call_id || undefined, event.item.name || undefined);
      return;
    case 'response.function_call_arguments.delta':
      if (event.delta) state.streamed.add(event.output_index);
      sink.toolDelta(event.output_index, event.delta);
      return;
    case 'response.output_item.done': {
      const item = event.item;
      if (item.type === 'function_call') {
        sink.toolStart(event.output_index, item.call_id || undefined, item.name || undefined);
        if (!state.streamed.has(event.output_index) && item.arguments) sink.toolDelta(event.output_index, item.arguments);
        sink.toolStop(event.output_index);
      } else if (item.type === 'reasoning' && item.encrypted_content) {
        sink.reasoningItem({ id: item.id, encryptedContent: item.encrypted_content, summary: (item.summary ?? []).map((s) => s.text) });
      }
      return;
    }
    case 'response.completed':
    case 'response.incomplete': {
      const r = event.response;
      if (r.model) sink.model(r.model);
      sink.usage(responsesUsage(r.usage));
      sink.toolStop();
      sink.finish(event.type === 'response.incomplete' && r.incomplete_details?.reason === 'max_output_tokens' ? 'length' : 'stop');
      return;
    }
    case 'response.failed':
      sink.usage(responsesUsage(event.response.usage));
      throw new ResponseFailedError(event.response);
    default:
      return;
  }
}
