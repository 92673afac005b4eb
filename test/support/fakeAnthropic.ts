// A loopback server speaking the Anthropic Messages API as documented: streaming SSE
// (message_start, content_block_start / _delta (thinking_delta, text_delta, signature_delta) /
// _stop, message_delta with usage, message_stop, ping, error) and non-streaming JSON; validates
// what the real API rejects (thinking budget, cache breakpoints, system role in messages).
// Usage: `const fake = await startFakeAnthropic({ text: 'Hi' }, { apiKey })`, SDK baseURL = fake.url.
import type * as http from 'node:http';
import {
  chunkText, fakeToolId, roughTokens, runFakeCli, sendError, sendJson, startFakeServer,
  type FakeReply, type FakeScript, type FakeServer, type FakeServerOptions, type Protocol, type RecordedRequest, type SseWriter,
} from './sse';

export type { FakeReply, FakeScript, FakeServer, FakeServerOptions, RecordedRequest } from './sse';

const ERROR_TYPE: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};
const ERROR_TEXT: Record<string, string> = {
  invalid_request_error: 'Invalid request', authentication_error: 'invalid x-api-key', permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found', rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit', api_error: 'Internal server error', overloaded_error: 'Overloaded',
};

let ids = 0;
const requestId = () => `req_fake${(++ids).toString().padStart(6, '0')}`;

function errorBody(type: string, message: string) {
  return { type: 'error', error: { type, message: message || ERROR_TEXT[type] || type }, request_id: requestId() };
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the real API would refuse with a 400, or undefined. */
export function anthropicProblem(body: Body | undefined): string | undefined {
  if (!body || typeof body !== 'object') return 'Request body must be JSON.';
  if (typeof body.model !== 'string' || !body.model) return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  for (const m of body.messages) {
    if (m.role !== 'user' && m.role !== 'assistant') return `messages: Unexpected role "${m.role}". Use the top-level \`system\` parameter for a system prompt.`;
  }
  if (body.messages[0].role !== 'user') return 'messages: first message must use the "user" role';
  const blocks: Body[] = [
    ...(Array.isArray(body.system) ? body.system : []),
    ...body.messages.flatMap((m: Body) => (Array.isArray(m.content) ? m.content : [])),
  ];
  if (blocks.filter((b) => b.cache_control).length > 4) return 'A maximum of 4 blocks with cache_control may be provided.';
  // Tool use: every tool_result answers a tool_use of the assistant turn just before it.
  for (let i = 0; i < body.messages.length; i++) {
    const content = Array.isArray(body.messages[i].content) ? body.messages[i].content as Body[] : [];
    const results = content.filter((b) => b.type === 'tool_result');
    if (!results.length) continue;
    const prev = body.messages[i - 1];
    const uses = new Set((Array.isArray(prev?.content) ? prev.content as Body[] : []).filter((b) => b.type === 'tool_use').map((b) => b.id));
    for (const r of results) if (!uses.has(r.tool_use_id)) return `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${r.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
  }
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return 'tools: Input should be a valid list';
    for (const t of body.tools) if (typeof t.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name) || t.input_schema?.type !== 'object') return 'tools: each tool needs a name and an input_schema of type object';
  }
  const thinking = body.thinking;
  if (thinking?.type === 'enabled') {
    if (typeof thinking.budget_tokens !== 'number' || thinking.budget_tokens < 1024) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
    if (thinking.budget_tokens >= body.max_tokens) return '`max_tokens` must be greater than `thinking.budget_tokens`.';
    if (body.temperature !== undefined && body.temperature !== 1) return '`temperature` may only be set to 1 when thinking is enabled.';
    // With thinking on, the last assistant turn of a tool-use loop must begin with its thinking.
    const lastAssistant = [...body.messages].reverse().find((m: Body) => m.role === 'assistant');
    const blocksOf = Array.isArray(lastAssistant?.content) ? lastAssistant.content as Body[] : [];
    if (blocksOf.some((b) => b.type === 'tool_use') && !['thinking', 'redacted_thinking'].includes(blocksOf[0]?.type)) {
      return 'messages: Expected `thinking` or `redacted_thinking`, but found `' + blocksOf[0]?.type + '`. When `thinking` is enabled, a final `assistant` message must start with a thinking block.';
    }
  }
  return undefined;
}

function promptText(body: Body): string {
  const text = (c: unknown): string => (typeof c === 'string' ? c : Array.isArray(c) ? c.map((b: Body) => (b.text ?? '') + (b.thinking ?? '') + text(b.content) + (b.input ? JSON.stringify(b.input) : '')).join('') : '');
  return text(body.system) + body.messages.map((m: Body) => text(m.content)).join('') + (body.tools ? JSON.stringify(body.tools) : '');
}

function usageOf(reply: FakeReply, body: Body, text: string, thinking: string) {
  const u = reply.usage ?? {};
  return {
    input_tokens: u.input ?? roughTokens(promptText(body)),
    output_tokens: u.output ?? roughTokens(text + (reply.toolCalls ? JSON.stringify(reply.toolCalls) : '')) + (thinking ? roughTokens(thinking) : 0),
    cache_read_input_tokens: u.cacheRead ?? 0,
    cache_creation_input_tokens: u.cacheWrite ?? 0,
  };
}

async function stream(reply: FakeReply, body: Body, w: SseWriter) {
  const text = reply.text ?? 'Hello from the fake Anthropic server.';
  const thinking = body.thinking?.type === 'enabled' ? reply.thinking ?? '' : '';
  const usage = usageOf(reply, body, text, thinking);
  const model = reply.model ?? body.model;
  const cut = reply.cut;
  let deltas = 0;
  w.start({ 'request-id': requestId(), ...reply.headers });
  await w.event('message_start', {
    type: 'message_start',
    message: { id: `msg_fake${ids}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
  });
  /** Returns true when the stream was cut here. */
  const maybeCut = async (): Promise<boolean> => {
    if (!cut || deltas < cut.after) return false;
    if (cut.how === 'reset') w.reset();
    else if (cut.how === 'rst') w.rst();
    else if (cut.how === 'malformed') { await w.raw('event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n'); w.end(); }
    else if (cut.how === 'end') w.end();
    else if (cut.how === 'error-event') { await w.event('error', errorBody(cut.errorType ?? 'overloaded_error', '')); w.end(); }
    else w.stall();
    return true;
  };
  if (await maybeCut()) return;
  let index = 0;
  if (thinking) {
    await w.event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    await w.event('ping', { type: 'ping' });
    for (const part of chunkText(thinking, reply.chunk)) {
      await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: part } });
      deltas++;
      if (await maybeCut()) return;
    }
    await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' } });
    await w.event('content_block_stop', { type: 'content_block_stop', index });
    index++;
  }
  await w.event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
  for (const part of chunkText(text, reply.chunk)) {
    await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: part } });
    deltas++;
    if (await maybeCut()) return;
  }
  await w.event('content_block_stop', { type: 'content_block_stop', index });
  for (const call of reply.toolCalls ?? []) {
    index++;
    await w.event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: call.id ?? fakeToolId('toolu_01'), name: call.name, input: {} } });
    for (const part of chunkText(call.rawArguments ?? JSON.stringify(call.input ?? {}), reply.chunk ?? 12)) {
      await w.event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } });
      deltas++;
      if (await maybeCut()) return;
    }
    await w.event('content_block_stop', { type: 'content_block_stop', index });
  }
  const stop = reply.stopReason ?? (reply.toolCalls?.length ? 'tool_use' : 'end_turn');
  await w.event('message_delta', { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
  await w.event('message_stop', { type: 'message_stop' });
  w.end();
}

export const anthropicProtocol: Protocol = {
  name: 'anthropic',
  basePath: '',
  unauthorized: () => ({ status: 401 }),
  async handle(req: RecordedRequest, reply: FakeReply, res: http.ServerResponse, w: SseWriter) {
    if (req.method !== 'POST' || req.path.split('?')[0] !== '/v1/messages') {
      return sendError(res, 404, errorBody('not_found_error', `Not found: ${req.method} ${req.path}`));
    }
    if (reply.status !== undefined && reply.status !== 200) {
      const type = reply.errorType ?? ERROR_TYPE[reply.status] ?? (reply.status >= 500 ? 'api_error' : 'invalid_request_error');
      return sendError(res, reply.status, errorBody(type, reply.errorMessage ?? ''), { 'request-id': requestId(), ...reply.headers });
    }
    const problem = anthropicProblem(req.body);
    if (problem) return sendError(res, 400, errorBody('invalid_request_error', problem), { 'request-id': requestId() });
    const body = req.body as Body;
    if (body.stream) return stream(reply, body, w);
    const text = reply.text ?? 'Hello from the fake Anthropic server.';
    const thinking = body.thinking?.type === 'enabled' ? reply.thinking ?? '' : '';
    const content = [
      ...(thinking ? [{ type: 'thinking', thinking, signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' }] : []),
      { type: 'text', text, citations: null },
    ];
    sendJson(res, {
      id: `msg_fake${ids}`, type: 'message', role: 'assistant', model: reply.model ?? body.model, content,
      stop_reason: reply.stopReason ?? 'end_turn', stop_sequence: null, usage: usageOf(reply, body, text, thinking),
    }, { 'request-id': requestId(), ...reply.headers });
  },
};

/** Starts a fake Anthropic API on 127.0.0.1; `url` is the SDK's baseURL. */
export function startFakeAnthropic(script: FakeScript = {}, options: FakeServerOptions = {}): Promise<FakeServer> {
  return startFakeServer(anthropicProtocol, script, options);
}

if (require.main === module) void runFakeCli(startFakeAnthropic);
