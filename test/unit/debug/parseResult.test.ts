import * as assert from 'node:assert/strict';
import { parseDebugAnswer, toEditSet } from '../../../src/core/debug/parseResult';
import { extractFileRefs } from '../../../src/core/debug/refs';
import { createWorkspaceIndex } from '../../../src/core/debug/workspaceMap';

const index = createWorkspaceIndex('/home/dev/shop', ['src/cart.ts', 'src/checkout.ts', 'src/config.ts', 'test/cart.test.ts']);

const RESULT = {
  rootCause: 'cartTotal loops while i <= items.length, so the last iteration reads items[items.length], which is undefined.',
  evidence: [
    { file: 'src/cart.ts', line: 13, endLine: null, note: 'The loop bound is inclusive.' },
    { file: 'src/cart.ts', line: 8, endLine: null, note: 'lineTotal reads .price of undefined.' },
    { file: 'src/payment.ts', line: 3, endLine: null, note: 'A file that does not exist.' },
  ],
  explanation: 'Use < instead of <=.',
  files: [{ path: 'src/cart.ts', kind: 'modify', hunks: [{ search: '  for (let i = 0; i <= items.length; i++) {', replace: '  for (let i = 0; i < items.length; i++) {' }], content: null }],
  verify: ['npm test', 'Run checkout with two items: the total is 11.'],
  confidence: 'high',
};

describe('parseDebugAnswer', () => {
  it('reads a tool call input, validating file:line references against the workspace', () => {
    const p = parseDebugAnswer({ text: 'Let me report.', toolInput: RESULT }, index);
    assert.ok(p.ok);
    assert.equal(p.source, 'tool');
    assert.equal(p.result.rootCause, RESULT.rootCause);
    assert.deepEqual(p.result.evidence.map((e) => [e.file, e.line, e.known, e.path]), [
      ['src/cart.ts', 13, true, 'src/cart.ts'], ['src/cart.ts', 8, true, 'src/cart.ts'], ['src/payment.ts', 3, false, undefined],
    ]);
    assert.deepEqual(p.result.fix.edits, [{ path: 'src/cart.ts', kind: 'modify', hunks: RESULT.files[0].hunks }]);
    assert.equal(p.result.fix.summary, 'Use < instead of <=.');
    assert.deepEqual(toEditSet(p.result), { explanation: 'Use < instead of <=.', files: p.result.fix.edits });
    assert.deepEqual(p.result.verify, RESULT.verify);
    assert.equal(p.result.confidence, 'high');
    assert.deepEqual(p.warnings, []);
  });

  it('reads tool input given as a JSON string (OpenAI function arguments)', () => {
    const p = parseDebugAnswer({ text: '', toolInput: JSON.stringify(RESULT) }, index);
    assert.ok(p.ok && p.source === 'tool');
  });

  it('reads the last fenced json block after prose, forgiving trailing commas', () => {
    const json = JSON.stringify(RESULT, null, 2).replace(/"high"\n}/, '"high",\n}');
    const text = `The bug is an off-by-one.\n\n\`\`\`json\n{"example": true}\n\`\`\`\n\nHere is the result:\n\n\`\`\`json\n${json}\n\`\`\`\n`;
    const p = parseDebugAnswer({ text, finishReason: 'stop' }, index);
    assert.ok(p.ok, JSON.stringify(p));
    assert.equal(p.source, 'json');
    assert.equal(p.result.fix.edits.length, 1);
  });

  it('reads a bare JSON answer (structured output) and common variations (a nested fix, snake_case, strings for lists)', () => {
    const variant = { root_cause: 'Off by one in src/cart.ts:13.', evidence: ['src/cart.ts:13 — inclusive bound'], fix: { description: 'Use <.', changes: [{ file: 'src/cart.ts', hunks: [{ old: 'i <= items.length', new: 'i < items.length' }] }] }, how_to_verify: '- npm test\n- run checkout' };
    const p = parseDebugAnswer({ text: JSON.stringify(variant) }, index);
    assert.ok(p.ok, JSON.stringify(p));
    assert.deepEqual(p.result.fix.edits, [{ path: 'src/cart.ts', kind: 'modify', hunks: [{ search: 'i <= items.length', replace: 'i < items.length' }] }]);
    assert.deepEqual(p.result.verify, ['npm test', 'run checkout']);
    assert.deepEqual(p.result.evidence.map((e) => [e.path, e.line]), [['src/cart.ts', 13]]);
  });

  it('falls back to markdown sections with SEARCH/REPLACE blocks', () => {
    const text = `## Root cause
The loop in \`cartTotal\` runs one step too far
(\`i <= items.length\`).

## Evidence
- src/cart.ts:13 — the loop bound is inclusive
- \`src/cart.ts:8\` reads \`item.price\` of undefined
- src/checkout.ts:10 calls it with two items

## Fix
Make the bound exclusive.

src/cart.ts
\`\`\`
<<<<<<< SEARCH
  for (let i = 0; i <= items.length; i++) {
=======
  for (let i = 0; i < items.length; i++) {
>>>>>>> REPLACE
\`\`\`

## Verify
1. Run \`npm test\`.
2. Checkout with two items prints 11.
`;
    const p = parseDebugAnswer({ text, finishReason: 'stop' }, index);
    assert.ok(p.ok, JSON.stringify(p));
    assert.equal(p.source, 'markdown');
    assert.equal(p.result.rootCause, 'The loop in `cartTotal` runs one step too far (`i <= items.length`).');
    assert.deepEqual(p.result.evidence.map((e) => `${e.path}:${e.line}`), ['src/cart.ts:13', 'src/cart.ts:8', 'src/checkout.ts:10']);
    assert.equal(p.result.evidence[0].note, 'the loop bound is inclusive');
    assert.deepEqual(p.result.fix.edits, [{ path: 'src/cart.ts', kind: 'modify', hunks: [{ search: '  for (let i = 0; i <= items.length; i++) {', replace: '  for (let i = 0; i < items.length; i++) {' }] }]);
    assert.equal(p.result.fix.summary, 'Make the bound exclusive.');
    assert.deepEqual(p.result.verify, ['Run `npm test`.', 'Checkout with two items prints 11.']);
  });

  it('markdown with a unified diff, bold labels; a fix in prose only is kept as text with a warning', () => {
    const diff = `**Root cause:** the bound is inclusive.\n\n**Fix**\n\`\`\`diff\n--- a/src/cart.ts\n+++ b/src/cart.ts\n@@ -12,3 +12,3 @@\n   let total = 0;\n-  for (let i = 0; i <= items.length; i++) {\n+  for (let i = 0; i < items.length; i++) {\n     total += lineTotal(items[i]);\n\`\`\`\n`;
    const p = parseDebugAnswer({ text: diff }, index);
    assert.ok(p.ok, JSON.stringify(p));
    assert.deepEqual(p.result.fix.edits, [{
      path: 'src/cart.ts', kind: 'modify',
      hunks: [{ search: '  let total = 0;\n  for (let i = 0; i <= items.length; i++) {\n    total += lineTotal(items[i]);', replace: '  let total = 0;\n  for (let i = 0; i < items.length; i++) {\n    total += lineTotal(items[i]);' }],
    }]);
    const prose = parseDebugAnswer({ text: 'Root cause: the bound is inclusive.\nFix: change <= to < in the loop.' }, index);
    assert.ok(prose.ok);
    assert.deepEqual(prose.result.fix.edits, []);
    assert.equal(prose.result.fix.summary, 'change <= to < in the loop.');
    assert.deepEqual(prose.warnings, ['The fix could not be parsed as edits; it is shown as text.']);
  });

  it('malformed: no structure at all gives ok: false with the text', () => {
    const text = 'I think the problem might be somewhere in the checkout flow, hard to say.';
    const p = parseDebugAnswer({ text, finishReason: 'stop' }, index);
    assert.equal(p.ok, false);
    assert.ok(!p.ok && p.text === text && /could not be parsed/.test(p.reason));
    const broken = parseDebugAnswer({ text: '```json\n{"rootCause": oops, }\n```' }, index);
    assert.equal(broken.ok, false);
    assert.equal(parseDebugAnswer({ text: '' }, index).ok, false);
  });

  it('truncated: a cut JSON answer gives ok: false, the reason, and the root cause when it arrived whole', () => {
    const full = `Reasoning done.\n\`\`\`json\n${JSON.stringify(RESULT, null, 2)}\n\`\`\``;
    const cut = full.slice(0, full.indexOf('"hunks"') + 20);
    for (const answer of [{ text: cut, finishReason: 'length' as const }, { text: cut, incomplete: true }, { text: cut }]) {
      const p = parseDebugAnswer(answer, index);
      assert.equal(p.ok, false, JSON.stringify(answer).slice(-60));
      assert.ok(!p.ok && /cut off/.test(p.reason) && p.text === cut);
      assert.ok(!p.ok && p.partial?.rootCause === RESULT.rootCause);
    }
  });

  it('parses hostile edit paths as written (validation is src/core/edits\' job) and skips edits it cannot use', () => {
    const hostile = { ...RESULT, explanation: 'x', files: [
      { path: '../../etc/passwd', kind: 'modify', hunks: [{ search: 'root', replace: 'toor' }], content: null },
      { path: '.git/config', kind: 'create', hunks: null, content: '[core]' },
      { path: 'src/cart.ts', kind: 'modify', hunks: [], content: null },
      { kind: 'delete' },
      { path: 'src/checkout.ts', kind: 'modify', hunks: null, content: 'whole new text' },
    ] };
    const p = parseDebugAnswer({ text: '', toolInput: hostile }, index);
    assert.ok(p.ok);
    assert.deepEqual(p.result.fix.edits.map((e) => [e.path, e.kind]), [['../../etc/passwd', 'modify'], ['.git/config', 'create'], ['src/checkout.ts', 'modify']]);
    assert.equal(p.result.fix.edits[2].content, 'whole new text', 'a modify with the whole new text, as src/core/edits accepts');
    assert.equal(p.warnings.length, 2);
  });
});

describe('extractFileRefs', () => {
  it('finds path:line, ranges, #L anchors and Python-style references, flags unknown files', () => {
    const refs = extractFileRefs('See src/cart.ts:13-14, cart.ts#L8, "src/checkout.ts", line 10 and lib/unknown.py:3 (v1.2.3:4, localhost:8080).', index);
    assert.deepEqual(refs.map((r) => [r.file, r.line, r.endLine, r.path, r.known]), [
      ['src/cart.ts', 13, 14, 'src/cart.ts', true],
      ['cart.ts', 8, undefined, 'src/cart.ts', true],
      ['src/checkout.ts', 10, undefined, 'src/checkout.ts', true],
      ['lib/unknown.py', 3, undefined, undefined, false],
    ]);
  });
});
