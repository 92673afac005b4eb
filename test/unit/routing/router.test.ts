import * as assert from 'node:assert/strict';
import { type RouteRequest, type RouteState, otherTier, retryLabel, retryOnOtherTier, route } from '../../../src/core/routing/router';
import { chatDifficulty, codeStats } from '../../../src/core/routing/difficulty';

const ONLINE: RouteState = { pinned: 'auto', hasReasoningKey: true, online: true, localAvailable: true, budgetExhausted: false, localContextTokens: 8192 };
const chat = (text: string, extra: Partial<RouteRequest> = {}): RouteRequest => ({ kind: 'chat', text, ...extra });

const SNIPPET = '```ts\nconst x = items.map((i) => i.id);\n```';
const TRACE = 'TypeError: Cannot read properties of undefined (reading \'id\')\n    at render (src/view.ts:42:17)\n    at main (src/index.ts:10:3)';
const BIG_CODE = '```ts\n' + Array.from({ length: 80 }, (_, i) => `const v${i} = compute(${i});`).join('\n') + '\n```';
const DAILY = { period: 'daily' as const, limitUsd: 5 };

// [description, request, state overrides, expected tier, reason pattern, extra expectations]
type Row = [string, RouteRequest, Partial<RouteState>, 'local' | 'reasoning', RegExp, { fallback?: RegExp; confirm?: 'budget' | 'cost' }?];

const TABLE: Row[] = [
  // Rule 1: inline is always local, whatever else is true.
  ['inline, auto', { kind: 'inline', text: 'const a' }, {}, 'local', /^Inline completions always run locally\.$/],
  ['inline, pinned reasoning', { kind: 'inline', text: 'x' }, { pinned: 'reasoning' }, 'local', /^Inline completions always run locally\.$/],
  ['inline, explicit reasoning', { kind: 'inline', text: 'x', explicitTier: 'reasoning' }, {}, 'local', /always run locally/],
  ['inline, no local model', { kind: 'inline', text: 'x' }, { localAvailable: false }, 'local', /always run locally/],
  // Rule 2: explicit choice for this request.
  ['retry locally a hard question', chat(`why does this crash?\n${TRACE}`, { explicitTier: 'local' }), {}, 'local', /^Local: you asked for the local model$/],
  ['escalate a simple question', chat('what does ?? mean', { explicitTier: 'reasoning' }), {}, 'reasoning', /^Reasoning: you asked for the reasoning model$/],
  ['escalate with the daily budget spent asks first', chat('hi', { explicitTier: 'reasoning' }), { budgetExhausted: DAILY }, 'reasoning', /you asked for it \(daily budget spent \(\$5\.00\); confirm first\)/, { confirm: 'budget' }],
  ['escalate without a key', chat('hi', { explicitTier: 'reasoning' }), { hasReasoningKey: false }, 'local', /^Local: no API key .*Set API Key/, { fallback: /You asked for the reasoning model/ }],
  ['escalate while offline', chat('hi', { explicitTier: 'reasoning' }), { online: false }, 'local', /^Local: offline$/, { fallback: /cannot run: offline/ }],
  ['escalate above the confirmation threshold', chat('hi', { explicitTier: 'reasoning' }), { confirmNeeded: true }, 'reasoning', /you asked/, { confirm: 'cost' }],
  // Rule 3: pinned tier.
  ['pinned local, Deep Debug', { kind: 'deep-debug', text: TRACE, hasStackTrace: true }, { pinned: 'local' }, 'local', /^Local: pinned to the local tier$/],
  ['pinned local, hard chat', chat(`root cause? ${TRACE}`, { fileCount: 4 }), { pinned: 'local' }, 'local', /pinned to the local tier/],
  ['pinned reasoning, simple chat', chat('what does ?? mean'), { pinned: 'reasoning' }, 'reasoning', /^Reasoning: pinned to the reasoning tier$/],
  ['pinned reasoning, offline', chat('what does ?? mean'), { pinned: 'reasoning', online: false }, 'local', /^Local: offline$/, { fallback: /Pinned to reasoning, but offline/ }],
  ['pinned reasoning, budget spent', chat('explain this'), { pinned: 'reasoning', budgetExhausted: DAILY }, 'local', /^Local: daily budget spent \(\$5\.00\)$/],
  // Rule 4: Deep Debug and refactoring.
  ['Deep Debug, auto', { kind: 'deep-debug', text: 'it fails', hasStackTrace: true, fileCount: 2 }, {}, 'reasoning', /^Reasoning: Deep Debug uses the reasoning model$/],
  ['refactor, auto', { kind: 'refactor', text: 'rename Foo to Bar everywhere', fileCount: 6 }, {}, 'reasoning', /^Reasoning: Refactoring across files uses the reasoning model$/],
  ['Deep Debug, no key', { kind: 'deep-debug', text: 'x' }, { hasReasoningKey: false }, 'local', /^Local: no API key for the reasoning model \(run "Tiered: Set API Key"\)$/, { fallback: /Deep Debug would use the reasoning model/ }],
  ['Deep Debug, offline', { kind: 'deep-debug', text: 'x' }, { online: false }, 'local', /^Local: offline$/],
  ['refactor, monthly budget spent', { kind: 'refactor', text: 'x' }, { budgetExhausted: { period: 'monthly', limitUsd: 40 } }, 'local', /^Local: monthly budget spent \(\$40\.00\)$/],
  ['Deep Debug above the confirmation threshold', { kind: 'deep-debug', text: 'x' }, { confirmNeeded: true }, 'reasoning', /Deep Debug/, { confirm: 'cost' }],
  // Rule 5: chat in auto, by difficulty.
  ['short lookup', chat('what does `??` mean in TypeScript?'), {}, 'local', /^Local: simple lookup, no code attached$/],
  ['how-to with a small snippet', chat(`how do I sort this by id?\n${SNIPPET}`), {}, 'local', /^Local: simple lookup, small snippet$/],
  ['short question, no code', chat('convert this string to uppercase please'), {}, 'local', /^Local: short question, no code attached$/],
  ['a lone "why" stays local', chat(`why is this undefined?\n${SNIPPET}`), {}, 'local', /^Local: short question, small snippet \(light signals: asks why\)$/],
  ['stack trace and 3 files', chat('it breaks when I click save', { hasStackTrace: true, fileCount: 3 }), {}, 'reasoning', /^Reasoning: stack trace and 3 files attached/],
  ['stack trace pasted in the text', chat(`what is wrong here?\n${TRACE}`), {}, 'reasoning', /^Reasoning: stack trace/],
  ['root cause question', chat('Can you find the root cause of the intermittent failure in the upload queue?'), {}, 'reasoning', /root-cause question/],
  ['race / deadlock', chat('Is there a race between the worker and the flush timer that could deadlock?'), {}, 'reasoning', /concurrency question/],
  ['design + architecture', chat('How should I design the architecture of the plugin system so that providers can be swapped? What are the trade-offs?'), {}, 'reasoning', /design question/],
  ['prove', chat('Prove that this loop terminates for every input and that the invariant holds.'), {}, 'reasoning', /asks for a proof/],
  ['multi-step task', chat('1. add a cache\n2. invalidate it on save\n3. add tests for both\nCan you do this step by step?'), {}, 'reasoning', /multi-step task/],
  ['large attached context', chat('summarise what this module does', { attachedContextTokens: 30_000 }), { localContextTokens: 65_536 }, 'reasoning', /^Reasoning: large context \(30k tokens\)/],
  ['context larger than the local model', chat('explain', { attachedContextTokens: 7_000 }), { localContextTokens: 4096 }, 'reasoning', /^Reasoning: context too large for the local model \(7,000 tokens\)$/],
  ['conversation already escalated', chat('and what about the other call site?', { conversation: { turns: 3, lastTier: 'reasoning' } }), {}, 'reasoning', /conversation already on the reasoning model/],
  ['follow-up in a local conversation', chat('and the other one?', { conversation: { turns: 3, lastTier: 'local' } }), {}, 'local', /^Local: short question/],
  ['long code block with a why', chat(`why is this slow?\n${BIG_CODE}`), {}, 'reasoning', /performance question|long code/],
  ['no local model: easy chat escalates', chat('what does ?? mean'), { localAvailable: false }, 'reasoning', /^Reasoning: no local model loaded$/],
  ['hard chat, budget spent', chat('it breaks', { hasStackTrace: true, fileCount: 3 }), { budgetExhausted: DAILY }, 'local', /^Local: daily budget spent \(\$5\.00\)$/, { fallback: /Would use the reasoning model \(stack trace and 3 files attached\), but daily budget spent/ }],
  ['hard chat, offline', chat('root cause of this?', { hasStackTrace: true }), { online: false }, 'local', /^Local: offline$/, { fallback: /stack trace/ }],
  ['hard chat, no key', chat('root cause of this?', { hasStackTrace: true }), { hasReasoningKey: false }, 'local', /^Local: no API key/],
  ['easy chat, budget spent: stays local without fuss', chat('what does ?? mean'), { budgetExhausted: DAILY }, 'local', /^Local: simple lookup/],
  ['hard chat above the confirmation threshold', chat('root cause?', { hasStackTrace: true }), { confirmNeeded: true }, 'reasoning', /stack trace/, { confirm: 'cost' }],
];

describe('router: the case table', () => {
  it('has at least 25 rows', () => assert.ok(TABLE.length >= 25, String(TABLE.length)));

  for (const [name, req, state, tier, reason, extra] of TABLE) {
    it(`${name} → ${tier}`, () => {
      const d = route(req, { ...ONLINE, ...state });
      assert.equal(d.tier, tier, `${d.tier}: ${d.reason}`);
      assert.match(d.reason, reason);
      assert.ok(!d.reason.includes('\n'), 'the reason is one line');
      if (extra?.fallback) assert.match(d.fallback ?? '', extra.fallback); else if (tier === 'reasoning') assert.equal(d.fallback, undefined);
      assert.equal(d.confirm, extra?.confirm);
    });
  }
});

describe('router: retry on the other tier', () => {
  it('flips the tier and makes the retry an explicit choice the router honours', () => {
    const req = chat('what does ?? mean');
    const first = route(req, ONLINE);
    assert.equal(first.tier, 'local');
    assert.equal(otherTier(first), 'reasoning');
    assert.equal(retryLabel(first), 'Escalate to reasoning');
    const second = route(retryOnOtherTier(req, first), ONLINE);
    assert.equal(second.tier, 'reasoning');
    assert.equal(retryLabel(second), 'Retry locally');
    assert.equal(route(retryOnOtherTier(req, second), ONLINE).tier, 'local');
  });
});

describe('chat difficulty features', () => {
  it('counts fenced code blocks and their lines, ignoring words inside code', () => {
    assert.deepEqual(codeStats('a\n```js\nx\ny\n```\nb\n```\nz\n```'), { blocks: 2, lines: 3 });
    // "deadlock" in a code identifier is not a concurrency question.
    const d = chatDifficulty({ text: 'what does this do?\n```ts\nfunction deadlockFree() {}\n```' });
    assert.ok(!d.hard.some((s) => s.label === 'concurrency question'));
  });

  it('recognises Python and Java stack traces in the text', () => {
    assert.ok(chatDifficulty({ text: 'Traceback (most recent call last):\n  File "a.py", line 3, in <module>' }).hard.some((s) => s.label === 'stack trace'));
    assert.ok(chatDifficulty({ text: 'Exception in thread "main" java.lang.NullPointerException\n\tat Foo.bar(Foo.java:10)' }).hard.some((s) => s.label === 'stack trace'));
  });
});
