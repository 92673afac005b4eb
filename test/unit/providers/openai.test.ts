import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { MemoryLogger } from '../../../src/core/log';
import { LOCAL_PLACEHOLDER_KEY, OpenAIProvider } from '../../../src/core/providers/openai';
import { buildOpenAIParams, isReasoningModel, openaiUsage, reasoningEffort } from '../../../src/core/providers/openaiRequest';
import { isLocalBaseUrl } from '../../../src/core/providers/sdkSupport';
import { startFakeOpenAI } from '../../support/fakeOpenAI';
import type { FakeServer } from '../../support/sse';
import { ask, chatWithEvents, OPENAI_KEY, openaiHarness, rejection } from './harness';

describe('OpenAIProvider (real SDK against a loopback chat-completions API)', () => {
  let fake: FakeServer;
  let logger: MemoryLogger;
  beforeEach(async () => { fake = await openaiHarness.start(); logger = new MemoryLogger(); });
  afterEach(async () => { await fake.close(); });

  it('streams text and reports usage with reasoning and cached tokens, once', async () => {
    fake.setScript({ text: 'Use a Map keyed by locale.', usage: { input: 200, output: 900, reasoning: 700, cacheRead: 1024 } });
    const provider = openaiHarness.provider(fake.url, logger);
    const { result, events } = await chatWithEvents(provider, ask('How do I fix the cache?', { reasoning: 'high' }));
    assert.equal(result.text, 'Use a Map keyed by locale.');
    assert.equal(result.thinking, '', 'OpenAI does not stream its reasoning text');
    assert.deepEqual(result.usage, { inputTokens: 200, outputTokens: 900, reasoningTokens: 700, cacheReadTokens: 1024 });
    assert.ok(result.usage.reasoningTokens! <= result.usage.outputTokens, 'reasoning tokens are inside the output tokens');
    assert.equal(result.finishReason, 'stop');
    assert.equal(result.incomplete, false);
    assert.equal(result.provider, 'openai');
    assert.ok(events.filter((e) => e.type === 'text').length > 1);
    assert.equal(events.filter((e) => e.type === 'usage').length, 1);
    assert.ok(typeof result.timeToFirstTokenMs === 'number');
  });

  it('asks a reasoning model with reasoning_effort, max_completion_tokens, usage in the stream, no temperature', async () => {
    const provider = openaiHarness.provider(fake.url, logger);
    await provider.chat(ask('hi', { reasoning: 'low', maxOutputTokens: 4000, temperature: 0.3 }));
    const body = fake.requests[0].body;
    assert.equal(body.model, 'o4-mini');
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.reasoning_effort, 'low');
    assert.equal(body.max_completion_tokens, 4000);
    assert.equal(body.max_tokens, undefined);
    assert.equal(body.temperature, undefined);
    assert.equal(fake.requests[0].apiKey, OPENAI_KEY);
    assert.ok(!fake.requests[0].raw.includes(OPENAI_KEY));
  });

  it('a non-reasoning model gets its temperature and no reasoning_effort', async () => {
    const provider = openaiHarness.provider(fake.url, logger);
    await provider.chat(ask('hi', { model: 'gpt-4.1', temperature: 0.3, reasoning: 'high' }));
    const body = fake.requests[0].body;
    assert.equal(body.temperature, 0.3);
    assert.equal(body.reasoning_effort, undefined);
  });

  it('finish_reason length is reported as length', async () => {
    fake.setScript({ text: 'partial', stopReason: 'length' });
    const result = await openaiHarness.provider(fake.url, logger).chat(ask('hi'));
    assert.equal(result.finishReason, 'length');
    assert.equal(result.incomplete, false);
  });

  it('an error chunk mid-answer cuts it, keeping the text', async () => {
    fake.setScript({ text: 'The answer is long enough to be cut.', chunk: 5, cut: { after: 2, how: 'error-event' } });
    const result = await openaiHarness.provider(fake.url, logger).chat(ask('hi'));
    assert.equal(result.incomplete, true);
    assert.equal(result.text, 'The answer');
  });
});

describe('OpenAI-compatible servers', () => {
  let logger: MemoryLogger;
  beforeEach(() => { logger = new MemoryLogger(); });

  for (const field of ['reasoning_content', 'reasoning'] as const) {
    it(`streams delta.${field} as thinking`, async () => {
      const fake = await startFakeOpenAI({ reasoningField: field, thinking: 'First, check the loop bounds.', text: 'Off by one.', usage: { input: 30, output: 40, reasoning: 25 } }, { flavor: 'compatible', apiKey: 'sk-deepseek-0123456789abcdefghij' });
      try {
        const provider = new OpenAIProvider({ apiKey: async () => 'sk-deepseek-0123456789abcdefghij', baseUrl: fake.url, defaultModel: 'deepseek-reasoner', logger });
        const { result, events } = await chatWithEvents(provider, ask('bug?', { reasoning: 'medium', maxOutputTokens: 1000 }));
        assert.equal(result.thinking, 'First, check the loop bounds.');
        assert.equal(result.text, 'Off by one.');
        assert.ok(events.findIndex((e) => e.type === 'thinking') < events.findIndex((e) => e.type === 'text'));
        assert.equal(result.usage.reasoningTokens, 25);
        const body = fake.requests[0].body;
        assert.equal(body.max_tokens, 1000, 'compatible servers get max_tokens');
        assert.equal(body.reasoning_effort, 'medium');
      } finally {
        await fake.close();
      }
    });
  }

  it('a local server works without any key (placeholder sent), and names the server in errors', async () => {
    const fake = await startFakeOpenAI([{ text: 'Local answer.' }, { status: 500 }], { flavor: 'compatible' });
    try {
      const provider = new OpenAIProvider({ apiKey: async () => undefined, baseUrl: fake.url, defaultModel: 'qwen2.5-coder', logger, sleep: async () => {}, maxRetries: 0 });
      const result = await provider.chat(ask('hi'));
      assert.equal(result.text, 'Local answer.');
      assert.equal(fake.requests[0].apiKey, LOCAL_PLACEHOLDER_KEY);
      const error = await rejection(provider.chat(ask('hi')));
      assert.match(error.message, /^127\.0\.0\.1:\d+ \(OpenAI-compatible\) had a server error \(500\)/);
    } finally {
      await fake.close();
    }
  });

  it('a remote compatible server without a key is refused before sending', async () => {
    const provider = new OpenAIProvider({ apiKey: async () => undefined, baseUrl: 'https://api.deepseek.com/v1', defaultModel: 'deepseek-chat', logger });
    const error = await rejection(provider.chat(ask('hi')));
    assert.equal(error.message, "No API key for api.deepseek.com (OpenAI-compatible) — run 'Tiered: Set API Key' or set OPENAI_API_KEY.");
  });
});

describe('OpenAI request and usage mapping (pure)', () => {
  it('knows reasoning models, also behind a router prefix', () => {
    for (const m of ['o1', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5.1-codex', 'openai/o3']) assert.ok(isReasoningModel(m), m);
    for (const m of ['gpt-4.1', 'gpt-4o-mini', 'deepseek-chat', 'qwen2.5-coder']) assert.ok(!isReasoningModel(m), m);
  });

  it('maps reasoning none to the least effort each family accepts', () => {
    assert.equal(reasoningEffort('o3', 'none'), 'low');
    assert.equal(reasoningEffort('gpt-5', 'none'), 'minimal');
    assert.equal(reasoningEffort('gpt-5', undefined), undefined);
    assert.equal(reasoningEffort('o3', 'high'), 'high');
  });

  it('usage: cached prompt tokens are taken out of input; DeepSeek cache hits count as cache reads', () => {
    assert.deepEqual(openaiUsage({ prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050, prompt_tokens_details: { cached_tokens: 800 }, completion_tokens_details: { reasoning_tokens: 20 } }),
      { inputTokens: 200, outputTokens: 50, reasoningTokens: 20, cacheReadTokens: 800 });
    assert.deepEqual(openaiUsage({ prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_cache_hit_tokens: 64 } as never),
      { inputTokens: 36, outputTokens: 5, cacheReadTokens: 64 });
  });

  it('system messages stay system messages (compatible servers do not all know "developer")', () => {
    const params = buildOpenAIParams({ purpose: 'chat', messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }] }, 'o3', true);
    assert.deepEqual(params.messages, [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }]);
  });

  it('treats loopback and private addresses as local, public hosts as remote', () => {
    for (const u of ['http://localhost:11434/v1', 'http://127.0.0.1:1234/v1', 'http://192.168.1.20:8000/v1', 'http://10.0.0.5/v1', 'http://[::1]:8080/v1', 'http://172.20.0.2:8000']) assert.ok(isLocalBaseUrl(u), u);
    for (const u of ['https://api.openai.com/v1', 'https://openrouter.ai/api/v1', 'http://172.32.0.1', '', 'not a url']) assert.ok(!isLocalBaseUrl(u), u);
  });
});

describe('fake OpenAI server (protocol fidelity)', () => {
  it('answers non-streaming requests the SDK parses, and refuses max_tokens for reasoning models', async () => {
    const fake = await startFakeOpenAI({ text: 'JSON answer', usage: { input: 3, output: 4 } });
    try {
      const sdk = new OpenAI({ apiKey: OPENAI_KEY, baseURL: fake.url, maxRetries: 0 });
      const completion = await sdk.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(completion.choices[0].message.content, 'JSON answer');
      assert.equal(completion.usage?.prompt_tokens, 3);
      await assert.rejects(sdk.chat.completions.create({ model: 'o3', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), (e: { status?: number }) => e.status === 400);
    } finally {
      await fake.close();
    }
  });

  it('ends the stream with data: [DONE] after a usage chunk', async () => {
    const fake = await startFakeOpenAI({ text: 'abc' });
    try {
      const res = await fetch(`${fake.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4.1', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] }) });
      const text = await res.text();
      const events = text.trim().split('\n\n');
      assert.equal(events.at(-1), 'data: [DONE]');
      const usageChunk = JSON.parse(events.at(-2)!.slice('data: '.length));
      assert.deepEqual(usageChunk.choices, []);
      assert.equal(typeof usageChunk.usage.completion_tokens_details.reasoning_tokens, 'number');
    } finally {
      await fake.close();
    }
  });
});
