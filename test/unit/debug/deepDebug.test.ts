// The Deep Debug core end to end on a real bug: the shop workspace's real Node trace -> evidence ->
// the Anthropic provider against the loopback Messages API -> the parsed fix, applied, makes
// checkout run. Also what must never leave: the .env file and a key pasted in a source file.
import * as assert from 'node:assert/strict';
import { approxTokens, estimateCost } from '../../../src/core/cost/estimate';
import { PriceBook } from '../../../src/core/cost/prices';
import { DEFAULT_SETTINGS } from '../../../src/core/config';
import { analyzeTrace, type DebugInput } from '../../../src/core/debug/collect';
import { parseDebugAnswer, toEditSet } from '../../../src/core/debug/parseResult';
import { applyPlan } from '../../../src/core/edits/apply';
import { validateEdits } from '../../../src/core/edits/validate';
import { nodeWorkspaceFs } from '../../../src/core/edits/workspaceFs';
import { neverSendMatcher } from '../../../src/core/debug/privacy';
import { buildFollowUpMessages } from '../../../src/core/debug/prompt';
import { prepareDeepDebug } from '../../../src/core/debug/request';
import { identifiersOnLine } from '../../../src/core/debug/symbolsAt';
import { createWorkspaceIndex } from '../../../src/core/debug/workspaceMap';
import { MemoryLogger } from '../../../src/core/log';
import { AnthropicProvider } from '../../../src/core/providers/anthropic';
import { startFakeAnthropic, type FakeServer } from '../../support/fakeAnthropic';
import { CART_TS, CHECKOUT_TS, createShop, ENV_SECRET, FAKE_KEY, lineOf, type Shop } from './shopFixture';

const API_KEY = 'sk-ant-api03-LOOPBACKkey0123456789abcdefABCDEF';
const PRIVATE = [FAKE_KEY, FAKE_KEY.slice(14, 40), ENV_SECRET, 'rk_live_51Hx9', 'hunter2hunter2', API_KEY];

const FIX_ANSWER = `The loop bound is inclusive, so the last iteration reads past the end of the array.

\`\`\`json
${JSON.stringify({
  rootCause: 'cartTotal loops while i <= items.length, so its last iteration passes items[items.length] (undefined) to lineTotal, which reads .price of it.',
  evidence: [
    { file: 'src/cart.ts', line: lineOf(CART_TS, 'i <= items.length'), endLine: null, note: 'inclusive bound' },
    { file: 'src/cart.ts', line: lineOf(CART_TS, 'return item.price'), endLine: null, note: 'throws on undefined' },
  ],
  explanation: 'Make the bound exclusive.',
  files: [{ path: 'src/cart.ts', kind: 'modify', hunks: [{ search: '  for (let i = 0; i <= items.length; i++) {', replace: '  for (let i = 0; i < items.length; i++) {' }], content: null }],
  verify: ['Run node out/checkout.js: it exits without an error.'],
  confidence: 'high',
}, null, 2)}
\`\`\``;

function gather(shop: Shop, trace: string): DebugInput {
  const index = createWorkspaceIndex(shop.root, shop.files);
  const { involved, locations } = analyzeTrace(trace, index);
  const failing = locations[0];
  const failingLine = shop.read(failing.path).split('\n')[failing.line - 1];
  const callLine = lineOf(CHECKOUT_TS, 'const total = cartTotal');
  return {
    traceText: trace,
    active: { path: 'src/checkout.ts', text: shop.read('src/checkout.ts'), cursorLine: callLine },
    // The files the trace names, plus two the user had open: config.ts (with a pasted key) and .env.
    files: [...involved, 'src/config.ts', '.env'].map((p) => ({ path: p, text: shop.read(p) })),
    diagnostics: [
      { path: 'src/cart.ts', line: lineOf(CART_TS, 'i <= items.length'), column: 3, severity: 'warning', message: 'Loop condition may read past the end of `items`.', source: 'eslint', code: 'no-off-by-one' },
      { path: '.env', line: 1, severity: 'error', message: `Unknown variable ${ENV_SECRET}` },
    ],
    symbols: identifiersOnLine(failingLine).filter((s) => s.name === 'item').map((s) => ({
      name: s.name,
      at: { path: failing.path, line: failing.line },
      definitions: [{ path: 'src/cart.ts', line: lineOf(CART_TS, 'export function lineTotal'), text: 'export function lineTotal(item: Item): number {' }],
      references: [{ path: 'src/cart.ts', line: lineOf(CART_TS, 'total += lineTotal'), text: '    total += lineTotal(items[i]);' }, { path: '.env', line: 2, text: 'DATABASE_URL=postgres://shop:hunter2hunter2@db.internal:5432/shop' }],
    })),
    diff: [
      'diff --git a/src/cart.ts b/src/cart.ts', '--- a/src/cart.ts', '+++ b/src/cart.ts', '@@ -13 +13 @@',
      '-  for (let i = 0; i < items.length; i++) {', '+  for (let i = 0; i <= items.length; i++) {',
      'diff --git a/.env b/.env', '--- a/.env', '+++ b/.env', '@@ -1 +1 @@', '-STRIPE_SECRET_KEY=old', `+${ENV_SECRET}`, '',
    ].join('\n'),
  };
}

describe('Deep Debug core, end to end on the shop workspace', () => {
  let shop: Shop;
  let fake: FakeServer;
  let trace: string;
  const isNeverSend = neverSendMatcher(DEFAULT_SETTINGS['privacy.neverSend']);

  before(async () => {
    shop = createShop();
    trace = shop.run(true).stderr;
    fake = await startFakeAnthropic([{ text: FIX_ANSWER }, { text: 'With one item the loop still runs twice.', usage: { cacheRead: 1234 } }], { apiKey: API_KEY });
  });
  after(async () => {
    await fake?.close();
    shop?.dispose();
  });

  it('the prompt holds the trace, the failing lines with their numbers, the call site, the diagnostics, the recent change; no secret and no neverSend file', () => {
    const index = createWorkspaceIndex(shop.root, shop.files);
    const prepared = prepareDeepDebug(gather(shop, trace), { index, tier: 'reasoning', isNeverSend, knownSecrets: [API_KEY], problem: 'Checkout crashes' });
    const evidence = prepared.messages[1].content;
    assert.ok(evidence.includes("TypeError: Cannot read properties of undefined (reading 'price')"));
    assert.match(evidence, new RegExp(`\\n\\s*${lineOf(CART_TS, 'return item.price')} \\|   return item\\.price \\* item\\.qty;`));
    assert.match(evidence, new RegExp(`\\n\\s*${lineOf(CART_TS, 'i <= items.length')} \\|   for \\(let i = 0; i <= items\\.length; i\\+\\+\\) \\{`));
    assert.match(evidence, /const total = cartTotal\(items\);/);
    assert.match(evidence, /eslint no-off-by-one: Loop condition may read past the end/);
    assert.match(evidence, /\+  for \(let i = 0; i <= items\.length; i\+\+\) \{/);
    assert.match(evidence, /Definitions and references: item at src\/cart\.ts:/);
    assert.match(evidence, /src\/config\.ts/, 'the related file is sent, with its key redacted');
    const wire = JSON.stringify(prepared.messages);
    for (const secret of PRIVATE) assert.ok(!wire.includes(secret), `leaked: ${secret}`);
    assert.ok(!/\.env\b/.test(wire.replace(/process\.env/g, '')), 'nothing from or about .env');
    assert.deepEqual([...new Set(prepared.leftOut.filter((l) => l.reason === 'neverSend').map((l) => l.path))], ['.env']);
    assert.ok(prepared.evidence.redactions >= 1);
    // the figures the cost estimate needs
    assert.equal(prepared.evidenceTokens, approxTokens(evidence));
    assert.ok(prepared.promptTokens > prepared.evidenceTokens);
    const book = new PriceBook();
    const estimate = estimateCost(book, { model: 'claude-sonnet-4-6', purpose: 'deep-debug', prompt: prepared.promptTokens });
    assert.equal(estimate.inputTokens, prepared.promptTokens);
  });

  it('through the Anthropic provider: the server gets the evidence as one cached block; the parsed fix, applied, makes checkout run', async () => {
    const index = createWorkspaceIndex(shop.root, shop.files);
    const prepared = prepareDeepDebug(gather(shop, trace), { index, tier: 'reasoning', isNeverSend, knownSecrets: [API_KEY] });
    const provider = new AnthropicProvider({ apiKey: async () => API_KEY, baseUrl: fake.url, defaultModel: 'claude-sonnet-4-6', logger: new MemoryLogger() });
    const result = await provider.chat({ messages: prepared.messages, purpose: 'deep-debug', reasoning: 'low' });
    assert.equal(result.finishReason, 'stop');

    const sent = fake.requests[0];
    for (const secret of PRIVATE.filter((s) => s !== API_KEY)) assert.ok(!sent.raw.includes(secret), `leaked: ${secret}`);
    const first = sent.body.messages[0].content;
    assert.equal(first.length, 1);
    assert.deepEqual(first[0].cache_control, { type: 'ephemeral' });
    assert.ok(first[0].text.includes('return item.price * item.qty;'));

    const parsed = parseDebugAnswer(result, index);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.ok(parsed.result.evidence.every((e) => e.known && e.path === 'src/cart.ts'));
    // src/core/edits validates the fix against the workspace and plans it; applying the plan fixes the bug.
    const report = await validateEdits(toEditSet(parsed.result), nodeWorkspaceFs([shop.root]));
    assert.deepEqual(report.refused, []);
    assert.deepEqual(report.valid.map((p) => p.path), ['src/cart.ts']);
    for (const plan of report.valid) shop.write(plan.path, applyPlan(shop.read(plan.path), plan)!);
    shop.build();
    const after = shop.run(true);
    assert.equal(after.status, 0, after.stderr);

    // A follow-up: same prefix bytes, so the provider's cache is read (the server reports it).
    const followUp = buildFollowUpMessages(prepared.messages, result.text, 'Why did it not fail with one item?');
    const second = await provider.chat({ messages: followUp, purpose: 'deep-debug', reasoning: 'low' });
    const [a, b] = fake.requests.slice(-2).map((r) => r.body);
    assert.equal(JSON.stringify(b.system), JSON.stringify(a.system));
    assert.equal(JSON.stringify(b.messages[0]), JSON.stringify(a.messages[0]));
    assert.equal(second.usage.cacheReadTokens, 1234);
  });

  it('the local tier: evidence within the small budget, the failing line kept, the shallower-analysis note', () => {
    shop.write('src/cart.ts', CART_TS);
    const index = createWorkspaceIndex(shop.root, shop.files);
    const prepared = prepareDeepDebug(gather(shop, trace), { index, tier: 'local', contextSize: 2048, isNeverSend });
    assert.ok(prepared.evidence.tokens <= 2048 - 1400, String(prepared.evidence.tokens));
    assert.match(prepared.messages[1].content, /return item\.price \* item\.qty;/);
    assert.match(prepared.note ?? '', /shallower/);
    const wire = JSON.stringify(prepared.messages);
    for (const secret of PRIVATE) assert.ok(!wire.includes(secret), `leaked: ${secret}`);
  });
});
