import * as assert from 'node:assert/strict';
import { approxTokens } from '../../../src/core/cost/estimate';
import { assembleEvidence } from '../../../src/core/debug/evidence';
import { buildDebugMessages, buildFollowUpMessages, debugSystemPrompt, evidenceBudget, LOCAL_TIER_NOTE } from '../../../src/core/debug/prompt';
import { ANTHROPIC_DEBUG_TOOL, DEBUG_RESULT_SCHEMA, DEBUG_TOOL_NAME, OPENAI_DEBUG_RESPONSE_FORMAT } from '../../../src/core/debug/schema';
import type { EvidenceItem } from '../../../src/core/debug/types';
import { buildAnthropicParams } from '../../../src/core/providers/anthropicRequest';
import { buildOpenAIParams } from '../../../src/core/providers/openaiRequest';

const ITEMS: EvidenceItem[] = [
  { kind: 'error', title: 'TypeError', text: "TypeError: Cannot read properties of undefined (reading 'price')\n    at lineTotal (/w/src/cart.ts:8:15)" },
  { kind: 'failing-lines', title: 'src/cart.ts: line 8', path: 'src/cart.ts', text: 'a\nb\nc\nd\ne\nf\ng\nreturn item.price * item.qty;\n', startLine: 1, focus: [{ start: 8, end: 8 }] },
  { kind: 'related-file', title: 'src/huge.ts', path: 'src/huge.ts', text: 'x\n'.repeat(50_000), startLine: 1 },
  { kind: 'related-file', title: '.env', path: '.env', text: 'A=1' },
];

describe('Deep Debug prompt', () => {
  const evidence = assembleEvidence(ITEMS, 2000, approxTokens, { isNeverSend: (p) => p === '.env' });

  it('system, then the evidence as one cacheable block, then the question', () => {
    const messages = buildDebugMessages({ evidence, tier: 'reasoning', problem: 'Checkout crashes with two items' });
    assert.deepEqual(messages.map((m) => [m.role, m.cache === true]), [['system', false], ['user', true], ['user', false]]);
    assert.ok(messages[1].content.startsWith('<evidence>') && messages[1].content.endsWith('</evidence>'));
    assert.ok(messages[1].content.includes('8 | return item.price * item.qty;'));
    assert.match(messages[1].content, /Items marked "truncated" show only their most relevant lines/);
    assert.match(messages[1].content, /### Related file: src\/huge\.ts \(truncated: \d+ of 50000 lines\)/);
    const tight = buildDebugMessages({ evidence: assembleEvidence(ITEMS, 100, approxTokens), tier: 'reasoning' });
    assert.match(tight[1].content, /Left out for length: src\/huge\.ts \(over the token budget\)/);
    assert.match(messages[1].content, /1 item was withheld by the user's privacy settings/);
    assert.ok(!messages[1].content.includes('.env'), 'a withheld file is not even named');
    assert.match(messages[2].content, /Checkout crashes with two items/);
  });

  it('asks for the structured result in the way the provider takes it', () => {
    assert.match(debugSystemPrompt('reasoning', 'tool'), new RegExp(`call the ${DEBUG_TOOL_NAME} tool`));
    assert.match(debugSystemPrompt('reasoning', 'prompt'), /```json fenced block/);
    assert.match(debugSystemPrompt('reasoning', 'response-format'), /JSON object only/);
    for (const field of ['rootCause', 'evidence', 'fix', 'verify', 'search', 'replace']) assert.ok(debugSystemPrompt('reasoning').includes(field), field);
  });

  it('follow-ups keep the prefix byte-identical, so the Anthropic request caches the same evidence block', () => {
    const first = buildDebugMessages({ evidence, tier: 'reasoning' });
    const second = buildFollowUpMessages(first, 'The loop runs one step too far.', 'Why does it not fail with one item?');
    const third = buildFollowUpMessages(second, 'It does.', 'Give the fix again', { wantResult: true });
    assert.deepEqual(second.slice(0, 3), first);
    assert.deepEqual(third.slice(0, 5), second);
    assert.deepEqual(third.slice(3).map((m) => m.role), ['assistant', 'user', 'assistant', 'user']);
    const p1 = buildAnthropicParams({ messages: first, purpose: 'deep-debug' }, 'claude-sonnet-4-6');
    const p3 = buildAnthropicParams({ messages: third, purpose: 'deep-debug' }, 'claude-sonnet-4-6');
    assert.equal(JSON.stringify(p1.system), JSON.stringify(p3.system));
    assert.equal(JSON.stringify(p1.messages[0]), JSON.stringify(p3.messages[0]), 'the cached block is the same bytes');
    const block = (p3.messages[0].content as { type: string; cache_control?: unknown }[])[0];
    assert.deepEqual(block.cache_control, { type: 'ephemeral' });
    assert.equal(first[1].content, third[1].content);
  });

  it('the local tier: a shorter prompt in sections, a budget that fits the context, a note for the user', () => {
    const local = buildDebugMessages({ evidence, tier: 'local' });
    assert.match(local[0].content, /## Root cause[\s\S]*## Evidence[\s\S]*## Fix[\s\S]*<<<<<<< SEARCH[\s\S]*## Verify/);
    assert.ok(local[0].content.length < debugSystemPrompt('reasoning').length);
    assert.match(LOCAL_TIER_NOTE, /shallower/);
    const budget = evidenceBudget({ tier: 'local', contextSize: 4096 });
    assert.ok(budget < 4096 - 1000 && budget > 1000, String(budget));
    assert.ok(evidenceBudget({ tier: 'local', contextSize: 512 }) >= 384);
    assert.ok(evidenceBudget({ tier: 'reasoning' }) > budget);
  });
});

describe('the result schema', () => {
  type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[]; additionalProperties?: boolean; items?: Schema; anyOf?: Schema[] };
  const objects = (s: Schema, path = '$'): [string, Schema][] => [
    ...(s.type === 'object' ? [[path, s] as [string, Schema]] : []),
    ...Object.entries(s.properties ?? {}).flatMap(([k, v]) => objects(v, `${path}.${k}`)),
    ...(s.items ? objects(s.items, `${path}[]`) : []),
    ...(s.anyOf ?? []).flatMap((v) => objects(v, path)),
  ];

  it('meets OpenAI strict structured outputs: every object closed, every property required', () => {
    const all = objects(DEBUG_RESULT_SCHEMA as unknown as Schema);
    assert.deepEqual(all.map(([p]) => p).sort(), ['$', '$.evidence[]', '$.files[]', '$.files[].hunks[]']);
    for (const [path, o] of all) {
      assert.equal(o.additionalProperties, false, path);
      assert.deepEqual([...(o.required ?? [])].sort(), Object.keys(o.properties ?? {}).sort(), path);
    }
    assert.equal(OPENAI_DEBUG_RESPONSE_FORMAT.json_schema.strict, true);
    assert.equal(ANTHROPIC_DEBUG_TOOL.name, DEBUG_TOOL_NAME);
    assert.match(ANTHROPIC_DEBUG_TOOL.name, /^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('OpenAI requests carry the same messages (no cache mark on the wire: OpenAI caches prefixes itself)', () => {
    const messages = buildDebugMessages({ evidence: assembleEvidence(ITEMS.slice(0, 2), 2000, approxTokens), tier: 'reasoning' });
    const params = buildOpenAIParams({ messages, purpose: 'deep-debug' }, 'o4-mini', true);
    assert.deepEqual(params.messages.map((m) => m.content), messages.map((m) => m.content));
  });
});
