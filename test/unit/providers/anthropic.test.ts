import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { MemoryLogger } from '../../../src/core/log';
import { AnthropicProvider } from '../../../src/core/providers/anthropic';
import { buildAnthropicParams, thinkingPlan } from '../../../src/core/providers/anthropicRequest';
import { startFakeAnthropic } from '../../support/fakeAnthropic';
import type { FakeServer } from '../../support/sse';
import { ANTHROPIC_KEY, anthropicHarness, ask, chatWithEvents } from './harness';

describe('AnthropicProvider (real SDK against a loopback Messages API)', () => {
  let fake: FakeServer;
  let logger: MemoryLogger;
  beforeEach(async () => { fake = await anthropicHarness.start(); logger = new MemoryLogger(); });
  afterEach(async () => { await fake.close(); });

  it('streams thinking then text, and reports usage with cache reads and writes once', async () => {
    fake.setScript({
      thinking: 'The null check happens after the dereference.',
      text: 'Move the check above line 12; `user` can be undefined there.',
      usage: { input: 120, output: 85, cacheRead: 3000, cacheWrite: 410 },
    });
    const provider = anthropicHarness.provider(fake.url, logger);
    const { result, events } = await chatWithEvents(provider, ask('Why does this crash?', { reasoning: 'medium', purpose: 'deep-debug' }));

    assert.equal(result.text, 'Move the check above line 12; `user` can be undefined there.');
    assert.equal(result.thinking, 'The null check happens after the dereference.');
    assert.deepEqual(result.usage, { inputTokens: 120, outputTokens: 85, cacheReadTokens: 3000, cacheWriteTokens: 410 });
    assert.equal(result.finishReason, 'stop');
    assert.equal(result.incomplete, false);
    assert.equal(result.provider, 'anthropic');
    assert.equal(result.model, 'claude-sonnet-4-6');
    assert.ok(typeof result.timeToFirstTokenMs === 'number' && result.timeToFirstTokenMs >= 0 && result.timeToFirstTokenMs <= result.totalMs);

    const texts = events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text);
    const thoughts = events.filter((e) => e.type === 'thinking').map((e) => (e as { text: string }).text);
    assert.ok(texts.length > 1, 'text arrives as several deltas');
    assert.equal(texts.join(''), result.text);
    assert.equal(thoughts.join(''), result.thinking);
    assert.ok(events.findIndex((e) => e.type === 'thinking') < events.findIndex((e) => e.type === 'text'), 'thinking comes first');
    const usages = events.filter((e) => e.type === 'usage');
    assert.equal(usages.length, 1, 'usage is reported exactly once');
    assert.equal(events.at(-1)?.type, 'usage');
  });

  it('sends the system prompt apart, cache_control on the cached message, a thinking budget below max_tokens', async () => {
    const provider = anthropicHarness.provider(fake.url, logger);
    await provider.chat({
      purpose: 'refactor',
      reasoning: 'high',
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'You are Tiered.' },
        { role: 'user', content: 'FILES:\n'.padEnd(4000, 'x'), cache: true },
        { role: 'assistant', content: 'Read them.' },
        { role: 'user', content: 'Rename foo to bar everywhere.' },
      ],
    });
    assert.equal(fake.requests.length, 1);
    const body = fake.requests[0].body;
    assert.equal(body.stream, true);
    assert.equal(body.system, 'You are Tiered.');
    assert.deepEqual(body.messages.map((m: { role: string }) => m.role), ['user', 'assistant', 'user']);
    const cached = body.messages[0].content;
    assert.ok(Array.isArray(cached));
    assert.deepEqual(cached.at(-1).cache_control, { type: 'ephemeral' });
    assert.equal(typeof body.messages[2].content, 'string', 'uncached messages carry no cache_control');
    assert.equal(body.thinking.type, 'enabled');
    assert.ok(body.thinking.budget_tokens >= 1024 && body.thinking.budget_tokens < body.max_tokens);
    assert.equal(body.temperature, undefined, 'no temperature with thinking on');
  });

  it('sends the key only as the Authorization header, never in the body', async () => {
    const provider = anthropicHarness.provider(fake.url, logger);
    await provider.chat(ask('hello'));
    const req = fake.requests[0];
    assert.equal(req.apiKey, ANTHROPIC_KEY);
    assert.equal(req.headers.authorization, '[key]');
    assert.ok(!req.raw.includes(ANTHROPIC_KEY));
    assert.ok(req.headers['anthropic-version'], 'the SDK names the API version');
    assert.ok(logger.lines.every((l) => !l.line.includes(ANTHROPIC_KEY)));
  });

  it('without reasoning sends no thinking, and the server streams none', async () => {
    fake.setScript({ thinking: 'hidden', text: 'Plain answer.' });
    const provider = anthropicHarness.provider(fake.url, logger);
    const result = await provider.chat(ask('hi', { reasoning: 'none' }));
    assert.equal(fake.requests[0].body.thinking, undefined);
    assert.equal(result.thinking, '');
    assert.equal(result.text, 'Plain answer.');
  });

  it('uses the request model over the default and reports max_tokens stops as length', async () => {
    fake.setScript({ text: 'Truncated', stopReason: 'max_tokens', model: 'claude-opus-4-8-20260101' });
    const provider = anthropicHarness.provider(fake.url, logger);
    const result = await provider.chat(ask('hi', { model: 'claude-opus-4-8', maxOutputTokens: 50 }));
    assert.equal(fake.requests[0].body.model, 'claude-opus-4-8');
    assert.equal(fake.requests[0].body.max_tokens, 50);
    assert.equal(result.finishReason, 'length');
    assert.equal(result.incomplete, false);
    assert.equal(result.model, 'claude-opus-4-8-20260101', 'the model the server says answered');
  });

  it('picks up a changed key on the next request', async () => {
    let key = 'sk-ant-api03-OLDKEYoldkey0123456789abcdef';
    const provider = new AnthropicProvider({ apiKey: async () => key, baseUrl: fake.url, defaultModel: 'claude-sonnet-4-6', logger, sleep: async () => {} });
    await assert.rejects(provider.chat(ask('hi')), /rejected the API key \(401\)/);
    key = ANTHROPIC_KEY;
    const result = await provider.chat(ask('hi'));
    assert.equal(result.finishReason, 'stop');
    assert.equal(fake.requests.at(-1)?.apiKey, ANTHROPIC_KEY);
  });
});

describe('Anthropic request layout (pure)', () => {
  it('turns thinking off when max tokens leave no room for a budget', () => {
    assert.deepEqual(thinkingPlan('high', 1500), { maxTokens: 1500 });
    assert.deepEqual(thinkingPlan('none', undefined), { maxTokens: 8192 });
    assert.deepEqual(thinkingPlan(undefined, 300), { maxTokens: 300 });
    const plan = thinkingPlan('medium', 4000);
    assert.ok(plan.budget! >= 1024 && plan.budget! < plan.maxTokens);
  });

  it('keeps at most four cache breakpoints, the last ones', () => {
    const messages = Array.from({ length: 6 }, (_, i) => ({ role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant', content: `m${i}`, cache: true }));
    const params = buildAnthropicParams({ purpose: 'chat', messages }, 'claude-sonnet-4-6');
    const marked = params.messages.map((m) => Array.isArray(m.content) && m.content.some((b) => 'cache_control' in b && b.cache_control));
    assert.deepEqual(marked, [false, false, true, true, true, true]);
  });

  it('keeps a cached system prompt as blocks with cache_control', () => {
    const params = buildAnthropicParams({ purpose: 'chat', messages: [{ role: 'system', content: 'big context', cache: true }, { role: 'user', content: 'q' }] }, 'm');
    assert.deepEqual(params.system, [{ type: 'text', text: 'big context', cache_control: { type: 'ephemeral' } }]);
  });
});

describe('fake Anthropic server (protocol fidelity)', () => {
  it('answers non-streaming requests with a Message JSON the SDK parses', async () => {
    const fake = await startFakeAnthropic({ text: 'Non-streamed.', usage: { input: 7, output: 3 } });
    try {
      const sdk = new Anthropic({ apiKey: ANTHROPIC_KEY, baseURL: fake.url, maxRetries: 0 });
      const message = await sdk.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(message.content[0].type, 'text');
      assert.equal((message.content[0] as { text: string }).text, 'Non-streamed.');
      assert.equal(message.usage.input_tokens, 7);
    } finally {
      await fake.close();
    }
  });

  it('refuses what the real API refuses (system role inside messages)', async () => {
    const fake = await startFakeAnthropic({});
    try {
      const res = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', max_tokens: 10, messages: [{ role: 'system', content: 'x' }] }) });
      assert.equal(res.status, 400);
      const body = await res.json() as { error: { type: string } };
      assert.equal(body.error.type, 'invalid_request_error');
    } finally {
      await fake.close();
    }
  });
});
