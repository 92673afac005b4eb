// A loopback server speaking OpenAI chat completions as documented: streamed
// `chat.completion.chunk`s ending in `data: [DONE]`, a final usage chunk (with
// `stream_options.include_usage`) including completion_tokens_details.reasoning_tokens and
// prompt_tokens_details.cached_tokens, and non-streaming JSON. `flavor: 'compatible'` plays an
// OpenAI-compatible server (DeepSeek/vLLM `reasoning_content`, OpenRouter/Ollama `reasoning`).
// Usage: `const fake = await startFakeOpenAI({ text: 'Hi' })`, SDK baseURL = fake.url (ends in /v1).
import type * as http from 'node:http';
import {
  chunkText, fakeToolId, roughTokens, runFakeCli, sendError, sendJson, startFakeServer,
  type FakeReply, type FakeScript, type FakeServer, type FakeServerOptions, type Protocol, type RecordedRequest, type SseWriter,
} from './sse';

export type { FakeReply, FakeScript, FakeServer, FakeServerOptions, RecordedRequest } from './sse';

export interface FakeOpenAIOptions extends FakeServerOptions {
  /** 'openai' (default) refuses what api.openai.com refuses for reasoning models; 'compatible' accepts anything. */
  flavor?: 'openai' | 'compatible';
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ERROR_TYPE: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null], 401: ['invalid_request_error', 'invalid_api_key'], 403: ['invalid_request_error', 'unsupported_country_region_territory'],
  404: ['invalid_request_error', 'model_not_found'], 429: ['requests', 'rate_limit_exceeded'], 500: ['server_error', null], 503: ['server_error', null],
};

const isReasoner = (model: string) => /^(o\d|gpt-5)/.test(model.split('/').pop() ?? '');

/** What api.openai.com would refuse with a 400, or undefined. */
export function openaiProblem(body: Body | undefined, flavor: 'openai' | 'compatible'): string | undefined {
  if (!body || typeof body !== 'object') return 'We could not parse the JSON body of your request.';
  if (typeof body.model !== 'string' || !body.model) return "you must provide a model parameter";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "'messages' must contain at least one message.";
  // Tool use: a `tool` message answers a tool call of the assistant message before the run of tool messages.
  let open = new Set<string>();
  for (const m of body.messages as Body[]) {
    if (m.role === 'assistant') open = new Set((m.tool_calls ?? []).map((c: Body) => c.id));
    else if (m.role === 'tool') {
      if (!open.has(m.tool_call_id)) return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
    } else {
      open = new Set();
    }
  }
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return "Invalid type for 'tools': expected an array.";
    for (const t of body.tools) if (t.type !== 'function' || typeof t.function?.name !== 'string') return "Missing required parameter: 'tools[0].function'.";
  }
  if (flavor === 'compatible') return undefined;
  if (isReasoner(body.model)) {
    if (body.max_tokens !== undefined) return "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
    if (body.temperature !== undefined && body.temperature !== 1) return "Unsupported value: 'temperature' does not support this value with this model. Only the default (1) value is supported.";
  } else if (body.reasoning_effort !== undefined) {
    return `Unrecognized request argument supplied: reasoning_effort (model ${body.model} does not reason).`;
  }
  return undefined;
}

function errorBody(status: number, reply: FakeReply, req: RecordedRequest) {
  const [type, code] = ERROR_TYPE[status] ?? [status >= 500 ? 'server_error' : 'invalid_request_error', null];
  // Like the real API, a 401 names the key it got (the real one masks the middle; this one
  // echoes it whole, so tests prove Tiered never shows it).
  const message = reply.errorMessage ?? (status === 401
    ? `Incorrect API key provided: ${req.apiKey ?? '(none)'}. You can find your API key at https://platform.openai.com/account/api-keys.`
    : status === 429 ? 'Rate limit reached for requests' : status >= 500 ? 'The server had an error while processing your request. Sorry about that!' : 'Invalid request');
  return { error: { message, type: reply.errorType ?? type, param: null, code } };
}

function usageOf(reply: FakeReply, body: Body, text: string, reasoning: string) {
  const u = reply.usage ?? {};
  const cached = u.cacheRead ?? 0;
  const input = u.input ?? roughTokens(body.messages.map((m: Body) => (typeof m.content === 'string' ? m.content : '') + (m.tool_calls ? JSON.stringify(m.tool_calls) : '')).join('') + (body.tools ? JSON.stringify(body.tools) : ''));
  const reasoningTokens = u.reasoning ?? (reasoning ? roughTokens(reasoning) : 0);
  const completion = u.output ?? roughTokens(text + (reply.toolCalls ? JSON.stringify(reply.toolCalls) : '')) + reasoningTokens;
  return {
    prompt_tokens: input + cached + (u.cacheWrite ?? 0),
    completion_tokens: completion,
    total_tokens: input + cached + (u.cacheWrite ?? 0) + completion,
    prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0, ...(u.cacheWrite ? { cache_write_tokens: u.cacheWrite } : {}) },
    completion_tokens_details: { reasoning_tokens: reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

let ids = 0;

async function stream(reply: FakeReply, body: Body, w: SseWriter) {
  const text = reply.text ?? 'Hello from the fake OpenAI server.';
  const field = reply.reasoningField;
  const reasoning = field ? reply.thinking ?? '' : '';
  const includeUsage = body.stream_options?.include_usage === true;
  const id = `chatcmpl-fake${++ids}`;
  const created = Math.floor(Date.now() / 1000);
  const model = reply.model ?? body.model;
  const chunk = (delta: Body, finish: string | null = null) => ({
    id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', service_tier: 'default',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const cut = reply.cut;
  let deltas = 0;
  const maybeCut = async (): Promise<boolean> => {
    if (!cut || deltas < cut.after) return false;
    if (cut.how === 'reset') w.reset();
    else if (cut.how === 'rst') w.rst();
    else if (cut.how === 'malformed') { await w.raw(`data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"delta":{"content":"tru\n\n`); w.end(); }
    else if (cut.how === 'end') w.end();
    else if (cut.how === 'error-event') { await w.event(null, { error: { message: 'The server had an error while processing your request.', type: cut.errorType ?? 'server_error', code: null } }); w.end(); }
    else w.stall();
    return true;
  };
  w.start({ 'x-request-id': `req_${id}`, ...reply.headers });
  await w.event(null, chunk({ role: 'assistant', content: '', refusal: null }));
  if (await maybeCut()) return;
  for (const part of chunkText(reasoning, reply.chunk)) {
    await w.event(null, chunk({ content: null, [field as string]: part }));
    deltas++;
    if (await maybeCut()) return;
  }
  for (const part of chunkText(text, reply.chunk)) {
    await w.event(null, chunk({ content: part }));
    deltas++;
    if (await maybeCut()) return;
  }
  for (const [i, call] of (reply.toolCalls ?? []).entries()) {
    await w.event(null, chunk({ tool_calls: [{ index: i, id: call.id ?? fakeToolId('call_'), type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const part of chunkText(call.rawArguments ?? JSON.stringify(call.input ?? {}), reply.chunk ?? 12)) {
      await w.event(null, chunk({ tool_calls: [{ index: i, function: { arguments: part } }] }));
      deltas++;
      if (await maybeCut()) return;
    }
  }
  await w.event(null, chunk({}, reply.stopReason ?? (reply.toolCalls?.length ? 'tool_calls' : 'stop')));
  if (includeUsage) {
    await w.event(null, { id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', choices: [], usage: usageOf(reply, body, text, reply.thinking ?? '') });
  }
  await w.raw('data: [DONE]\n\n');
  w.end();
}

function protocol(flavor: 'openai' | 'compatible'): Protocol {
  return {
    name: 'openai',
    basePath: '/v1',
    unauthorized: () => ({ status: 401 }),
    async handle(req: RecordedRequest, reply: FakeReply, res: http.ServerResponse, w: SseWriter) {
      const path = req.path.split('?')[0];
      if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/chat/completions')) {
        return sendError(res, 404, { error: { message: `Invalid URL (${req.method} ${req.path})`, type: 'invalid_request_error', param: null, code: null } });
      }
      if (reply.status !== undefined && reply.status !== 200) {
        return sendError(res, reply.status, errorBody(reply.status, reply, req), { 'x-request-id': `req_fake${++ids}`, ...reply.headers });
      }
      const problem = openaiProblem(req.body, flavor);
      if (problem) return sendError(res, 400, { error: { message: problem, type: 'invalid_request_error', param: null, code: null } });
      const body = req.body as Body;
      if (body.stream) return stream(reply, body, w);
      const text = reply.text ?? 'Hello from the fake OpenAI server.';
      const message: Body = { role: 'assistant', content: text, refusal: null };
      if (reply.reasoningField) message[reply.reasoningField] = reply.thinking ?? '';
      sendJson(res, {
        id: `chatcmpl-fake${++ids}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: reply.model ?? body.model,
        choices: [{ index: 0, message, logprobs: null, finish_reason: reply.stopReason ?? 'stop' }],
        usage: usageOf(reply, body, text, reply.thinking ?? ''),
      }, reply.headers);
    },
  };
}

/** Starts a fake OpenAI(-compatible) API on 127.0.0.1; `url` (ending in /v1) is the SDK's baseURL. */
export function startFakeOpenAI(script: FakeScript = {}, options: FakeOpenAIOptions = {}): Promise<FakeServer> {
  return startFakeServer(protocol(options.flavor ?? 'openai'), script, options);
}

if (require.main === module) void runFakeCli(startFakeOpenAI);
