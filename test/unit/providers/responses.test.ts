// The OpenAI Responses API through the real `openai` SDK against a loopback server speaking its
// streaming events: text, reasoning summaries, function calls, usage (cached and reasoning tokens)
// in the same shape as Chat Completions, tool results sent back as function_call_output items with
// the encrypted reasoning before the calls, faults; and which API `auto` picks.
import * as assert from 'node:assert/strict';
import { MemoryLogger } from '../../../src/core/log';
import { OpenAIProvider, type OpenAIProviderOptions } from '../../../src/core/providers/openai';
import { usesResponsesApi } from '../../../src/core/providers/openaiResponses';
import { isOfficialOpenAI } from '../../../src/core/providers/openaiRequest';
import type { ChatMessage, ChatRequest, StreamEvent, ToolSpec } from '../../../src/core/providers/types';
import { decryptReasoning, startFakeResponses } from '../../support/fakeResponses';
import { startFakeOpenAI } from '../../support/fakeOpenAI';
import type { FakeScript, FakeServer } from '../../support/sse';
import { OPENAI_KEY, recordingSleep, rejection } from './harness';

const READ_FILE: ToolSpec = {
  name: 'read_file',
  description: 'Read a workspace file, optionally a line range.',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

function provider(url: string, extra: Partial<OpenAIProviderOptions> = {}) {
  return new OpenAIProvider({ apiKey: async () => OPENAI_KEY, baseUrl: url, defaultModel: 'o4-mini', logger: new MemoryLogger(), api: 'responses', maxRetries: 0, ...extra });
}

describe('OpenAI Responses API (loopback server, real SDK)', function () {
  this.timeout(20_000);
  let fake: FakeServer | undefined;
  const start = async (script: FakeScript) => (fake = await startFakeResponses(script, { apiKey: OPENAI_KEY }));
  afterEach(async () => { await fake?.close(); fake = undefined; });

  it('streams the answer and the reasoning summary; usage has the cached and reasoning tokens, as Chat Completions reports them', async () => {
    const f = await start({ text: 'The helper is off by one.', thinking: 'lastIndex returns length.', usage: { input: 1200, cacheRead: 800, output: 90, reasoning: 64 } });
    const events: StreamEvent[] = [];
    const r = await provider(f.url).chat({ messages: [{ role: 'system', content: 'You debug.' }, { role: 'user', content: 'Why?' }], purpose: 'deep-debug', reasoning: 'high', maxOutputTokens: 4000 }, (e) => events.push(e));
    assert.equal(r.finishReason, 'stop', r.errorMessage);
    assert.equal(r.text, 'The helper is off by one.');
    assert.equal(r.thinking, 'lastIndex returns length.');
    assert.deepEqual(r.usage, { inputTokens: 1200, outputTokens: 90, reasoningTokens: 64, cacheReadTokens: 800 });
    assert.equal(r.model, 'o4-mini');
    assert.equal(r.provider, 'openai');
    assert.ok(events.filter((e) => e.type === 'text').length > 1, 'streamed in pieces');
    const req = f.requests[0];
    assert.equal(req.path, '/v1/responses');
    assert.equal(req.apiKey, OPENAI_KEY);
    assert.equal(req.body.instructions, 'You debug.');
    assert.deepEqual(req.body.input, [{ role: 'user', content: 'Why?' }]);
    assert.deepEqual(req.body.reasoning, { effort: 'high' });
    assert.equal(req.body.max_output_tokens, 4000);
    assert.equal(req.body.store, false, 'nothing is left stored at OpenAI');
    assert.equal(req.body.messages, undefined);
  });

  it('a function call: arguments assembled from the deltas; the results go back as function_call_output after the encrypted reasoning and the call', async () => {
    const f = await start([
      { text: 'Reading the helper.', thinking: 'It may be lastIndex.', toolCalls: [{ name: 'read_file', input: { path: 'src/stats.js' } }] },
      { text: 'Found it.' },
    ]);
    const p = provider(f.url);
    const messages: ChatMessage[] = [{ role: 'user', content: 'Why does report() throw?' }];
    const req = (m: ChatMessage[]): ChatRequest => ({ messages: m, purpose: 'deep-debug', reasoning: 'low', tools: [READ_FILE] });
    const events: StreamEvent[] = [];
    const first = await p.chat(req(messages), (e) => events.push(e));
    assert.equal(first.finishReason, 'stop', first.errorMessage);
    assert.equal(first.toolCalls?.length, 1);
    const call = first.toolCalls![0];
    assert.equal(call.name, 'read_file');
    assert.deepEqual(call.input, { path: 'src/stats.js' });
    assert.equal(call.error, undefined);
    assert.match(call.id, /^call_/);
    assert.deepEqual(events.filter((e) => e.type === 'tool-call').map((e) => (e as { call: { id: string } }).call.id), [call.id]);
    const body0 = f.requests[0].body;
    assert.deepEqual(body0.tools, [{ type: 'function', name: 'read_file', description: READ_FILE.description, parameters: READ_FILE.inputSchema, strict: false }]);
    assert.deepEqual(body0.include, ['reasoning.encrypted_content']);

    const second = await p.chat(req([...messages,
      { role: 'assistant', content: first.text, toolCalls: first.toolCalls, ...(first.thinkingBlocks ? { thinkingBlocks: first.thinkingBlocks } : {}) },
      { role: 'user', content: '', toolResults: [{ callId: call.id, name: call.name, content: '3 |   return items.length;' }] },
    ]));
    assert.equal(second.finishReason, 'stop', second.errorMessage);
    assert.equal(second.text, 'Found it.');
    const input = f.requests[1].body.input as { type?: string; role?: string }[];
    assert.deepEqual(input.map((i) => i.type ?? i.role), ['user', 'reasoning', 'assistant', 'function_call', 'function_call_output']);
    assert.deepEqual(decryptReasoning((input[1] as { encrypted_content?: string }).encrypted_content)?.thinking, 'It may be lastIndex.', 'the reasoning went back intact');
    assert.deepEqual(input[3], { type: 'function_call', call_id: call.id, name: 'read_file', arguments: '{"path":"src/stats.js"}' });
    assert.deepEqual(input[4], { type: 'function_call_output', call_id: call.id, output: '3 |   return items.length;' });
  });

  it('arguments that are not JSON become a call with an error (the loop answers it as a tool error)', async () => {
    const f = await start({ text: '', toolCalls: [{ name: 'read_file', rawArguments: '{"path": "src/st' }] });
    const r = await provider(f.url).chat({ messages: [{ role: 'user', content: 'x' }], purpose: 'deep-debug', tools: [READ_FILE] });
    assert.equal(r.toolCalls?.length, 1);
    assert.equal(r.toolCalls![0].error, 'the arguments are not valid JSON');
    assert.equal(r.toolCalls![0].rawInput, '{"path": "src/st');
  });

  it('max_output_tokens reached: response.incomplete ends the answer as length', async () => {
    const f = await start({ text: 'Partial answ', stopReason: 'max_output_tokens' });
    const r = await provider(f.url).chat({ messages: [{ role: 'user', content: 'x' }], purpose: 'deep-debug', maxOutputTokens: 5 });
    assert.equal(r.finishReason, 'length');
    assert.equal(r.text, 'Partial answ');
  });

  it('a 429 before the first token is retried after retry-after; a reset mid-answer keeps the text as incomplete', async () => {
    const f = await start([{ status: 429, headers: { 'retry-after': '2' } }, { text: 'After the wait.' }, { text: 'Half of the answer and more.', chunk: 5, cut: { after: 2, how: 'reset' } }]);
    const { waits, sleep } = recordingSleep();
    const p = provider(f.url, { maxRetries: 2, sleep });
    const r = await p.chat({ messages: [{ role: 'user', content: 'x' }], purpose: 'chat' });
    assert.equal(r.text, 'After the wait.');
    assert.deepEqual(waits, [2000]);
    const cut = await p.chat({ messages: [{ role: 'user', content: 'y' }], purpose: 'chat' });
    assert.equal(cut.finishReason, 'error');
    assert.equal(cut.incomplete, true);
    assert.equal(cut.text, 'Half of th');
  });

  it('in-stream failures: an error event or response.failed before the first token is retried; after it, the text is kept as cut', async () => {
    const f = await start([
      { text: 'unused', cut: { after: 0, how: 'error-event' } },
      { text: '', stopReason: 'failed' },
      { text: 'Third time.' },
      { text: 'Half of it', chunk: 3, cut: { after: 2, how: 'error-event' } },
    ]);
    const { waits, sleep } = recordingSleep();
    const p = provider(f.url, { maxRetries: 3, sleep });
    const r = await p.chat({ messages: [{ role: 'user', content: 'x' }], purpose: 'chat' });
    assert.equal(r.text, 'Third time.', r.errorMessage);
    assert.equal(waits.length, 2, 'two retries');
    const cut = await p.chat({ messages: [{ role: 'user', content: 'y' }], purpose: 'chat' });
    assert.equal(cut.finishReason, 'error');
    assert.equal(cut.text, 'Half o');
    assert.match(cut.errorMessage ?? '', /cut off/);
  });

  it('a response.failed that is not transient (an invalid prompt) is not retried and says why', async () => {
    const f = await start({ text: '', stopReason: 'failed', errorType: 'invalid_prompt', errorMessage: 'Invalid prompt: the prompt was flagged.' });
    const { waits, sleep } = recordingSleep();
    const e = await rejection(provider(f.url, { maxRetries: 3, sleep }).chat({ messages: [{ role: 'user', content: 'x' }], purpose: 'chat' }));
    assert.match(e.message, /Invalid prompt: the prompt was flagged/);
    assert.deepEqual(waits, []);
    assert.equal(f.requests.length, 1);
  });

  it('a wrong key: the error names neither the key nor a stack, and the key never reaches the log', async () => {
    const f = await start({ text: 'unused' });
    const logger = new MemoryLogger();
    const wrong = 'sk-proj-WRONGwrong0123456789abcdefghij';
    const e = await rejection(new OpenAIProvider({ apiKey: async () => wrong, baseUrl: f.url, defaultModel: 'o4-mini', logger, api: 'responses', maxRetries: 0 }).chat({ messages: [{ role: 'user', content: 'x' }], purpose: 'chat' }));
    assert.match(e.message, /rejected the API key \(401\)/);
    assert.ok(!e.message.includes(wrong) && !e.message.includes('WRONGwrong'), e.message);
    assert.ok(!logger.lines.map((l) => l.line).join('\n').includes('WRONGwrong'));
  });

  it('a model that does not reason gets no reasoning effort (the API refuses one) and keeps its temperature', async () => {
    const f = await start({ text: 'ok' });
    const r = await provider(f.url, { defaultModel: 'gpt-4.1' }).chat({ messages: [{ role: 'user', content: 'x' }], purpose: 'chat', reasoning: 'low', temperature: 0.2 });
    assert.equal(r.finishReason, 'stop', r.errorMessage);
    assert.equal(f.requests[0].body.reasoning, undefined);
    assert.equal(f.requests[0].body.temperature, 0.2);
  });

  it('auto: the Responses API for o-series and gpt-5 on api.openai.com, Chat Completions elsewhere', async () => {
    const official = (url: string) => isOfficialOpenAI(url);
    assert.equal(usesResponsesApi('auto', official(''), 'o4-mini'), true);
    assert.equal(usesResponsesApi('auto', official('https://api.openai.com/v1'), 'gpt-5-mini'), true);
    assert.equal(usesResponsesApi('auto', official('https://api.openai.com/v1'), 'gpt-4.1'), false);
    assert.equal(usesResponsesApi('auto', official('https://openrouter.ai/api/v1'), 'openai/o4-mini'), false);
    assert.equal(usesResponsesApi('auto', official('http://127.0.0.1:11434/v1'), 'gpt-5'), false);
    assert.equal(usesResponsesApi('chat-completions', true, 'o3'), false);
    assert.equal(usesResponsesApi('responses', false, 'gpt-4.1'), true);
    // Through the provider: auto against a compatible server stays on Chat Completions.
    const chat = await startFakeOpenAI({ text: 'from chat completions' }, { apiKey: OPENAI_KEY, flavor: 'compatible' });
    try {
      const r = await provider(chat.url, { api: 'auto', defaultModel: 'gpt-5' }).chat({ messages: [{ role: 'user', content: 'x' }], purpose: 'chat' });
      assert.equal(r.text, 'from chat completions');
      assert.equal(chat.requests[0].path, '/v1/chat/completions');
    } finally {
      await chat.close();
    }
  });
});
