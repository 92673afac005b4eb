import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PriceBook, builtinPriceTable, normalizeModelId, parsePriceTable } from '../../../src/core/cost/prices';
import { usageFromAnthropic, usageFromOpenAi } from '../../../src/core/cost/usage';
import { estimateCost, EXPECTED_OUTPUT } from '../../../src/core/cost/estimate';
import { repoRoot } from '../../support/paths';

const raw = JSON.parse(fs.readFileSync(path.join(repoRoot, 'models', 'prices.json'), 'utf8'));
const book = new PriceBook();
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≈ ${b}`);

describe('price table (models/prices.json)', () => {
  it('is valid, dated, and has a priced default per provider', () => {
    const t = parsePriceTable(raw);
    assert.match(t.pricesAsOf, /^\d{4}-\d{2}-\d{2}$/);
    for (const p of ['anthropic', 'openai', 'openai-compatible'] as const) {
      const id = t.defaults[p];
      assert.ok(id && t.models[id], `default for ${p}`);
      assert.equal(t.models[id].provider, p);
    }
  });

  it('covers current Claude, OpenAI reasoning and OpenAI-compatible models', () => {
    for (const id of ['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-sonnet-5-5', 'o3', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'deepseek-reasoner']) {
      assert.ok(book.lookup(id), id);
    }
    for (const [id, m] of Object.entries(builtinPriceTable().models)) {
      assert.ok(m.output >= m.input, `${id}: output costs at least input`);
      assert.ok(m.cacheRead <= m.input, `${id}: a cache hit is not dearer than input`);
    }
  });

  it('rejects a broken table, naming every problem', () => {
    assert.throws(() => parsePriceTable({ models: { a: { provider: 'anthropic', input: -1, output: 2, cacheRead: 0, cacheWrite: 0, contextWindow: 1, reasoning: true }, b: { provider: 'x', input: 1 } } }),
      (e: Error) => /a: input must be a number/.test(e.message) && /b: provider must be one of/.test(e.message) && /b: output is missing/.test(e.message));
    assert.throws(() => parsePriceTable({ defaults: { anthropic: 'nope' }, models: {} }), /unpriced model nope/);
    assert.throws(() => parsePriceTable(null), /models/);
  });
});

describe('costOf', () => {
  it('prices input and output per million tokens', () => {
    const c = book.costOf('claude-sonnet-4-5', { inputTokens: 1_000_000, outputTokens: 100_000 });
    assert.ok('usd' in c);
    close(c.usd, 3 + 1.5);
  });

  it('an unknown model costs "unknown", never zero', () => {
    assert.deepEqual(book.costOf('my-finetune-7b', { inputTokens: 10, outputTokens: 10 }), { unknown: true });
    assert.deepEqual(book.costOf(undefined, { inputTokens: 10, outputTokens: 10 }), { unknown: true });
    assert.deepEqual(book.costOf('', { inputTokens: 0, outputTokens: 0 }), { unknown: true });
  });

  it('matches dated snapshots, routing prefixes, [1m] tags and case', () => {
    for (const id of ['claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5', 'Claude-Sonnet-4-5', 'claude-sonnet-4-5[1m]', 'claude-sonnet-4-5-latest']) {
      assert.equal(book.lookup(id)?.id, 'claude-sonnet-4-5', id);
    }
    assert.equal(book.lookup('o4-mini-2025-04-16')?.id, 'o4-mini');
    assert.equal(book.lookup('deepseek/deepseek-r1')?.id, 'deepseek-reasoner', 'declared alias');
    assert.equal(book.lookup('claude-sonnet-4-0')?.id, 'claude-sonnet-4');
    assert.equal(normalizeModelId(' gpt-5-2025-08-07 '), 'gpt-5');
    // A different model that merely shares a prefix is not matched.
    assert.equal(book.lookup('claude-sonnet-4-5-turbo'), undefined);
  });

  it('prices cache reads and writes separately (Anthropic: input excludes them)', () => {
    const usage = usageFromAnthropic({ input_tokens: 2_000, output_tokens: 1_000, cache_read_input_tokens: 100_000, cache_creation_input_tokens: 10_000 });
    assert.deepEqual(usage, { inputTokens: 2_000, outputTokens: 1_000, cacheReadTokens: 100_000, cacheWriteTokens: 10_000 });
    const c = book.costOf('claude-sonnet-4-5', usage);
    assert.ok('usd' in c);
    close(c.usd, (2_000 * 3 + 1_000 * 15 + 100_000 * 0.3 + 10_000 * 3.75) / 1e6);
  });

  it('normalises OpenAI usage: cached tokens come out of prompt_tokens; reasoning is billed once, as output', () => {
    const usage = usageFromOpenAi({ prompt_tokens: 10_000, completion_tokens: 3_000, prompt_tokens_details: { cached_tokens: 8_000 }, completion_tokens_details: { reasoning_tokens: 2_500 } });
    assert.deepEqual(usage, { inputTokens: 2_000, outputTokens: 3_000, cacheReadTokens: 8_000, reasoningTokens: 2_500 });
    const c = book.costOf('o4-mini', usage);
    assert.ok('usd' in c);
    close(c.usd, (2_000 * 1.1 + 8_000 * 0.275 + 3_000 * 4.4) / 1e6);
    // Reasoning tokens do not add to the cost on their own: same bill without the detail.
    const without = book.costOf('o4-mini', { ...usage, reasoningTokens: undefined });
    assert.deepEqual(without, c);
  });

  it('reads DeepSeek cache hits and tolerates missing or null fields', () => {
    assert.deepEqual(usageFromOpenAi({ prompt_tokens: 500, completion_tokens: 20, prompt_cache_hit_tokens: 300 }), { inputTokens: 200, outputTokens: 20, cacheReadTokens: 300 });
    assert.deepEqual(usageFromOpenAi({ prompt_tokens: null, completion_tokens: undefined, prompt_tokens_details: null }), { inputTokens: 0, outputTokens: 0 });
    assert.deepEqual(usageFromAnthropic({ input_tokens: 5, output_tokens: 1, cache_read_input_tokens: null }), { inputTokens: 5, outputTokens: 1 });
  });
});

describe('price overrides from settings', () => {
  it('changes only the given fields of a known model (by any alias)', () => {
    const { book: b, problems } = book.withOverrides({ 'claude-sonnet-4-5-20250929': { output: 20 } });
    assert.deepEqual(problems, []);
    const p = b.lookup('claude-sonnet-4-5')!.price;
    assert.equal(p.output, 20);
    assert.equal(p.input, 3);
    assert.equal(book.lookup('claude-sonnet-4-5')!.price.output, 15, 'the original book is unchanged');
  });

  it('adds a new model when provider-agnostic prices are complete, so its cost becomes known', () => {
    const { book: b, problems } = book.withOverrides({ 'my-vllm-model': { input: 0.2, output: 0.6 } });
    assert.deepEqual(problems, []);
    const c = b.costOf('my-vllm-model', { inputTokens: 1_000_000, outputTokens: 1_000_000 });
    assert.ok('usd' in c);
    close(c.usd, 0.8);
    assert.equal(b.lookup('my-vllm-model')!.price.provider, 'openai-compatible');
  });

  it('a self-hosted model can be declared free (cost 0, known)', () => {
    const { book: b } = book.withOverrides({ 'llama3.1:70b': { input: 0, output: 0 } });
    assert.deepEqual(b.costOf('llama3.1:70b', { inputTokens: 5, outputTokens: 5 }), { usd: 0 });
  });

  it('skips invalid overrides with a message, leaving the rest applied', () => {
    const { book: b, problems } = book.withOverrides({ o3: { input: -2 }, 'half-model': { input: 1 }, 'gpt-5': { output: 12 }, bad: 'x' as never });
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems.join('\n'), /o3: input must be a number/);
    assert.match(problems.join('\n'), /half-model: output is missing/);
    assert.equal(b.lookup('o3')!.price.input, 2);
    assert.equal(b.lookup('half-model'), undefined);
    assert.equal(b.lookup('gpt-5')!.price.output, 12);
  });

  it('ignores an empty or missing override setting', () => {
    assert.equal(book.withOverrides(undefined).book, book);
    assert.equal(book.withOverrides({}).book.lookup('o3')!.price.input, 2);
  });
});

describe('estimateCost', () => {
  it('counts prompt tokens at chars/3.5 by default and adds the expected output for the purpose', () => {
    const prompt = 'x'.repeat(35_000);
    const e = estimateCost(book, { model: 'claude-sonnet-4-5', purpose: 'deep-debug', prompt });
    assert.equal(e.inputTokens, 10_000);
    assert.equal(e.outputTokens, EXPECTED_OUTPUT['deep-debug'].answer + EXPECTED_OUTPUT['deep-debug'].reasoning);
    assert.equal(e.model, 'claude-sonnet-4-5');
    assert.equal(e.unknown, false);
    close(e.usd!, (10_000 * 3 + e.outputTokens * 15) / 1e6);
  });

  it('uses an injected token counter, a token count, and caps output at maxOutputTokens', () => {
    const words = estimateCost(book, { model: 'o4-mini', purpose: 'chat', prompt: 'a b c d', countTokens: (t) => t.split(' ').length });
    assert.equal(words.inputTokens, 4);
    const capped = estimateCost(book, { model: 'o4-mini', purpose: 'refactor', prompt: 1234, maxOutputTokens: 500 });
    assert.equal(capped.inputTokens, 1234);
    assert.equal(capped.outputTokens, 500);
  });

  it('does not add reasoning output for a model that does not reason', () => {
    const e = estimateCost(book, { model: 'deepseek-chat', purpose: 'chat', prompt: 100 });
    assert.equal(e.outputTokens, EXPECTED_OUTPUT.chat.answer);
  });

  it('reports an unknown model as unknown (no usd), with the tokens still counted', () => {
    const e = estimateCost(book, { model: 'mystery', purpose: 'chat', prompt: 'hello world' });
    assert.equal(e.unknown, true);
    assert.equal(e.usd, undefined);
    assert.equal(e.inputTokens, Math.ceil(11 / 3.5));
  });

  it('resolves dated ids to the table id', () => {
    assert.equal(estimateCost(book, { model: 'claude-haiku-4-5-20251001', purpose: 'chat', prompt: 10 }).model, 'claude-haiku-4-5');
  });
});
