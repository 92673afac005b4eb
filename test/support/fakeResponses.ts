// A loopback server speaking OpenAI's Responses API (POST /v1/responses) as documented: named SSE
// events `response.created`, `response.in_progress`, `response.output_item.added` / `.done`
// (reasoning, message, function_call items), `response.reasoning_summary_text.delta`,
// `response.output_text.delta`, `response.function_call_arguments.delta` / `.done`, and
// `response.completed` (or `response.incomplete`) carrying the usage (input_tokens with
// input_tokens_details.cached_tokens, output_tokens with output_tokens_details.reasoning_tokens).
// With `store: false` and `include: ["reasoning.encrypted_content"]`, reasoning items carry
// encrypted content; a reasoning item sent back without it is refused, as the real API refuses an
// item it did not store. A `function_call_output` must answer a `function_call` earlier in the
// input. Faults: HTTP errors, resets, stalls, malformed events, `event: error`, and
// `response.failed` (stopReason 'failed', errorType as its code).
// Usage: `const fake = await startFakeResponses({ text: 'Hi' })`, SDK baseURL = fake.url (ends in /v1).
import type * as http from 'node:http';
import {
  chunkText, fakeToolId, roughTokens, runFakeCli, sendError, startFakeServer,
  type FakeReply, type FakeScript, type FakeServer, type FakeServerOptions, type Protocol, type RecordedRequest, type SseWriter,
} from './sse';

export type { FakeReply, FakeScript, FakeServer, FakeServerOptions, RecordedRequest } from './sse';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const isReasoner = (model: string) => /^(o\d|gpt-5)/.test(model.split('/').pop() ?? '');

/** The encrypted content of a reasoning item: opaque to clients, readable by this server. */
export const encryptReasoning = (id: string, thinking: string) => `gAAAAfake${Buffer.from(JSON.stringify({ id, thinking })).toString('base64')}`;
export function decryptReasoning(content: unknown): { id: string; thinking: string } | undefined {
  if (typeof content !== 'string' || !content.startsWith('gAAAAfake')) return undefined;
  try { return JSON.parse(Buffer.from(content.slice(9), 'base64').toString('utf8')); } catch { return undefined; }
}

/** What api.openai.com would refuse with a 400 on /v1/responses, or undefined. */
export function responsesProblem(body: Body | undefined): string | undefined {
  if (!body || typeof body !== 'object') return 'We could not parse the JSON body of your request.';
  if (typeof body.model !== 'string' || !body.model) return "Missing required parameter: 'model'.";
  for (const k of ['messages', 'max_tokens', 'max_completion_tokens', 'reasoning_effort', 'stream_options']) {
    if (body[k] !== undefined) return `Unsupported parameter: '${k}'. In the Responses API, this parameter has moved to ${k === 'messages' ? "'input'" : k.startsWith('max') ? "'max_output_tokens'" : "'reasoning.effort'"}.`;
  }
  if (typeof body.input !== 'string' && !Array.isArray(body.input)) return "Invalid type for 'input': expected a string or an array of input items.";
  const calls = new Set<string>();
  for (const [i, item] of (Array.isArray(body.input) ? body.input : []).entries()) {
    const type = item.type ?? (item.role ? 'message' : undefined);
    if (type === 'message') {
      if (!['user', 'assistant', 'system', 'developer'].includes(item.role)) return `Invalid value: '${item.role}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`;
      if (typeof item.content !== 'string' && !Array.isArray(item.content)) return `Invalid type for 'input[${i}].content'.`;
    } else if (type === 'function_call') {
      if (typeof item.call_id !== 'string' || typeof item.name !== 'string' || typeof item.arguments !== 'string') return `Missing required parameter: 'input[${i}].call_id', 'name' and 'arguments' (a string).`;
      calls.add(item.call_id);
    } else if (type === 'function_call_output') {
      if (!calls.has(item.call_id)) return `No tool call found for function call output with call_id ${item.call_id}.`;
      if (typeof item.output !== 'string' && !Array.isArray(item.output)) return `Invalid type for 'input[${i}].output'.`;
    } else if (type === 'reasoning') {
      if (body.store === false && !decryptReasoning(item.encrypted_content)) return `Item with id '${item.id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`;
    } else {
      return `Invalid value: '${type}'. Supported values are: 'message', 'function_call', 'function_call_output', 'reasoning', ….`;
    }
  }
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return "Invalid type for 'tools': expected an array.";
    for (const [i, t] of body.tools.entries()) {
      if (t.type !== 'function' || typeof t.name !== 'string') return `Missing required parameter: 'tools[${i}].name'.`;
      if (t.function !== undefined) return `Unknown parameter: 'tools[${i}].function'.`;
    }
  }
  if (isReasoner(body.model)) {
    if (body.temperature !== undefined && body.temperature !== 1) return "Unsupported parameter: 'temperature' is not supported with this model.";
  } else if (body.reasoning?.effort !== undefined) {
    return "Unsupported parameter: 'reasoning.effort' is not supported with this model.";
  }
  return undefined;
}

const ERROR_CODE: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null], 401: ['invalid_request_error', 'invalid_api_key'], 404: ['invalid_request_error', 'model_not_found'],
  429: ['requests', 'rate_limit_exceeded'], 500: ['server_error', null], 503: ['server_error', null],
};

function errorBody(status: number, reply: FakeReply, req: RecordedRequest) {
  const [type, code] = ERROR_CODE[status] ?? [status >= 500 ? 'server_error' : 'invalid_request_error', null];
  const message = reply.errorMessage ?? (status === 401
    ? `Incorrect API key provided: ${req.apiKey ?? '(none)'}. You can find your API key at https://platform.openai.com/account/api-keys.`
    : status === 429 ? 'Rate limit reached for requests' : status >= 500 ? 'The server had an error while processing your request. Sorry about that!' : 'Invalid request');
  return { error: { message, type: reply.errorType ?? type, param: null, code } };
}

/** The input as text (for the default token count). */
function inputText(body: Body): string {
  if (typeof body.input === 'string') return body.input;
  return (body.input as Body[]).map((i) => (typeof i.content === 'string' ? i.content : '') + (i.arguments ?? '') + (typeof i.output === 'string' ? i.output : '') + (i.encrypted_content ?? '')).join('')
    + (body.instructions ?? '') + (body.tools ? JSON.stringify(body.tools) : '');
}

let ids = 0;

async function stream(reply: FakeReply, body: Body, w: SseWriter) {
  const text = reply.text ?? 'Hello from the fake Responses API.';
  const reasoner = isReasoner(body.model);
  const thinking = reasoner ? reply.thinking ?? '' : '';
  const encrypted = body.store === false && Array.isArray(body.include) && body.include.includes('reasoning.encrypted_content');
  const id = `resp_fake${++ids}`;
  const created_at = Math.floor(Date.now() / 1000);
  const model = reply.model ?? body.model;
  let seq = 0;
  const output: Body[] = [];
  const response = (status: string, extra: Body = {}) => ({
    id, object: 'response', created_at, status, error: null, incomplete_details: null, instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null, model, output, parallel_tool_calls: true, previous_response_id: null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: null }, store: body.store ?? true, temperature: body.temperature ?? 1,
    text: { format: { type: 'text' } }, tool_choice: body.tool_choice ?? 'auto', tools: body.tools ?? [], top_p: 1, truncation: 'disabled', usage: null, metadata: {},
    ...extra,
  });
  const ev = (type: string, data: Body) => w.event(type, { type, sequence_number: seq++, ...data });
  const cut = reply.cut;
  let deltas = 0;
  const maybeCut = async (): Promise<boolean> => {
    if (!cut || deltas < cut.after) return false;
    if (cut.how === 'reset') w.reset();
    else if (cut.how === 'rst') w.rst();
    else if (cut.how === 'malformed') { await w.raw('event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"tru\n\n'); w.end(); }
    else if (cut.how === 'end') w.end();
    else if (cut.how === 'error-event') { await ev('error', { code: cut.errorType ?? 'server_error', message: 'The server had an error while processing your request.', param: null }); w.end(); }
    else w.stall();
    return true;
  };

  w.start({ 'x-request-id': `req_${id}`, ...reply.headers });
  await ev('response.created', { response: response('in_progress') });
  await ev('response.in_progress', { response: response('in_progress') });
  if (await maybeCut()) return;
  if (reasoner) {
    const rid = `rs_fake${ids}`;
    const item: Body = { id: rid, type: 'reasoning', summary: [] };
    const index = output.length;
    await ev('response.output_item.added', { output_index: index, item });
    if (thinking) {
      await ev('response.reasoning_summary_part.added', { item_id: rid, output_index: index, summary_index: 0, part: { type: 'summary_text', text: '' } });
      for (const part of chunkText(thinking, reply.chunk)) {
        await ev('response.reasoning_summary_text.delta', { item_id: rid, output_index: index, summary_index: 0, delta: part });
        deltas++;
        if (await maybeCut()) return;
      }
      await ev('response.reasoning_summary_text.done', { item_id: rid, output_index: index, summary_index: 0, text: thinking });
      await ev('response.reasoning_summary_part.done', { item_id: rid, output_index: index, summary_index: 0, part: { type: 'summary_text', text: thinking } });
      item.summary = [{ type: 'summary_text', text: thinking }];
    }
    if (encrypted) item.encrypted_content = encryptReasoning(rid, thinking);
    output.push(item);
    await ev('response.output_item.done', { output_index: index, item });
  }
  if (text) {
    const mid = `msg_fake${ids}`;
    const index = output.length;
    const item: Body = { id: mid, type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    await ev('response.output_item.added', { output_index: index, item: { ...item } });
    await ev('response.content_part.added', { item_id: mid, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
    for (const part of chunkText(text, reply.chunk)) {
      await ev('response.output_text.delta', { item_id: mid, output_index: index, content_index: 0, delta: part, logprobs: [] });
      deltas++;
      if (await maybeCut()) return;
    }
    await ev('response.output_text.done', { item_id: mid, output_index: index, content_index: 0, text, logprobs: [] });
    const part = { type: 'output_text', text, annotations: [] };
    await ev('response.content_part.done', { item_id: mid, output_index: index, content_index: 0, part });
    Object.assign(item, { status: 'completed', content: [part] });
    output.push(item);
    await ev('response.output_item.done', { output_index: index, item });
  }
  for (const call of reply.toolCalls ?? []) {
    const index = output.length;
    const fid = `fc_fake${fakeToolId('')}`;
    const args = call.rawArguments ?? JSON.stringify(call.input ?? {});
    const item: Body = { id: fid, type: 'function_call', status: 'in_progress', arguments: '', call_id: call.id ?? fakeToolId('call_'), name: call.name };
    await ev('response.output_item.added', { output_index: index, item: { ...item } });
    for (const part of chunkText(args, reply.chunk ?? 12)) {
      await ev('response.function_call_arguments.delta', { item_id: fid, output_index: index, delta: part });
      deltas++;
      if (await maybeCut()) return;
    }
    await ev('response.function_call_arguments.done', { item_id: fid, output_index: index, arguments: args });
    Object.assign(item, { status: 'completed', arguments: args });
    output.push(item);
    await ev('response.output_item.done', { output_index: index, item });
  }
  const u = reply.usage ?? {};
  const cached = u.cacheRead ?? 0;
  const input = (u.input ?? roughTokens(inputText(body))) + cached;
  const reasoningTokens = reasoner ? u.reasoning ?? (thinking ? roughTokens(thinking) : 0) : 0;
  const outputTokens = u.output ?? roughTokens(text + (reply.toolCalls ? JSON.stringify(reply.toolCalls) : '')) + reasoningTokens;
  const usage = {
    input_tokens: input, input_tokens_details: { cached_tokens: cached },
    output_tokens: outputTokens, output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: input + outputTokens,
  };
  if (reply.stopReason === 'failed') {
    await ev('response.failed', { response: response('failed', { error: { code: reply.errorType ?? 'server_error', message: reply.errorMessage ?? 'The model failed to generate a response.' }, usage }) });
  } else if (reply.stopReason === 'max_output_tokens') {
    await ev('response.incomplete', { response: response('incomplete', { incomplete_details: { reason: 'max_output_tokens' }, usage }) });
  } else {
    await ev('response.completed', { response: response('completed', { usage }) });
  }
  w.end();
}

const protocol: Protocol = {
  name: 'openai-responses',
  basePath: '/v1',
  unauthorized: () => ({ status: 401 }),
  async handle(req: RecordedRequest, reply: FakeReply, res: http.ServerResponse, w: SseWriter) {
    const path = req.path.split('?')[0];
    if (req.method !== 'POST' || (path !== '/v1/responses' && path !== '/responses')) {
      return sendError(res, 404, { error: { message: `Invalid URL (${req.method} ${req.path})`, type: 'invalid_request_error', param: null, code: null } });
    }
    if (reply.status !== undefined && reply.status !== 200) {
      return sendError(res, reply.status, errorBody(reply.status, reply, req), { 'x-request-id': `req_fake${++ids}`, ...reply.headers });
    }
    const problem = responsesProblem(req.body);
    if (problem) return sendError(res, 400, { error: { message: problem, type: 'invalid_request_error', param: null, code: null } });
    if (req.body.stream !== true) return sendError(res, 400, { error: { message: 'This fake only streams (set stream: true).', type: 'invalid_request_error', param: 'stream', code: null } });
    return stream(reply, req.body as Body, w);
  },
};

/** Starts a fake OpenAI Responses API on 127.0.0.1; `url` (ending in /v1) is the SDK's baseURL. */
export function startFakeResponses(script: FakeScript = {}, options: FakeServerOptions = {}): Promise<FakeServer> {
  return startFakeServer(protocol, script, options);
}

if (require.main === module) void runFakeCli(startFakeResponses);
