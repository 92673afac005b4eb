import * as assert from 'node:assert/strict';
import { approxTokens } from '../../../src/core/cost/estimate';
import { assembleEvidence, describeLeftOut } from '../../../src/core/debug/evidence';
import { neverSendMatcher } from '../../../src/core/debug/privacy';
import { fitItem } from '../../../src/core/debug/render';
import type { EvidenceItem } from '../../../src/core/debug/types';
import { DEFAULT_SETTINGS } from '../../../src/core/config';

const numberedFile = (n: number, mark?: number) => Array.from({ length: n }, (_, i) => (i + 1 === mark ? `  const bad = items[items.length]; // FAILING` : `  const v${i + 1} = compute(${i + 1}); // filler line ${i + 1}`)).join('\n');

const TRACE: EvidenceItem = { kind: 'error', title: 'TypeError: boom', text: 'TypeError: boom\n    at f (src/a.ts:150:3)\n    at g (src/b.ts:9:1)' };
const FAILING: EvidenceItem = { kind: 'failing-lines', title: 'src/a.ts: line 150', path: 'src/a.ts', text: numberedFile(400, 150), startLine: 1, focus: [{ start: 150, end: 150 }], language: 'ts' };
const DIAG: EvidenceItem = { kind: 'diagnostics', title: 'src/a.ts (1)', path: 'src/a.ts', text: "src/a.ts:150:3 error TS2532: Object is possibly 'undefined'." };
const RELATED: EvidenceItem = { kind: 'related-file', title: 'src/util.ts', path: 'src/util.ts', text: numberedFile(600), startLine: 1 };
const DIFF: EvidenceItem = { kind: 'diff', title: 'uncommitted changes', text: 'diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -150 +150 @@\n-  const bad = items[items.length - 1];\n+  const bad = items[items.length];\n' };

describe('assembleEvidence', () => {
  it('keeps everything, in priority order, when it fits', () => {
    const a = assembleEvidence([RELATED, DIFF, DIAG, TRACE], 100_000, approxTokens);
    assert.deepEqual(a.kept.map((k) => k.item.kind), ['error', 'diagnostics', 'diff', 'related-file']);
    assert.deepEqual(a.leftOut, []);
    assert.ok(a.kept.every((k) => !k.truncated));
    assert.equal(a.tokens, approxTokens(a.text));
  });

  it('under a tight budget: stays within it, truncates the long file at line boundaries around the failing line, lists what was left out', () => {
    const budget = 1500;
    const a = assembleEvidence([RELATED, FAILING, DIFF, DIAG, TRACE], budget, approxTokens);
    assert.ok(a.tokens <= budget, `${a.tokens} > ${budget}`);
    assert.equal(a.kept[0].item.kind, 'error');
    assert.ok(a.text.includes('TypeError: boom\n    at f (src/a.ts:150:3)'), 'the trace is whole');
    const failing = a.kept.find((k) => k.item.kind === 'failing-lines');
    assert.ok(failing && failing.truncated);
    assert.match(failing.rendered, /150 \|\s+const bad = items\[items\.length\]; \/\/ FAILING/, 'the failing line is kept, with its number');
    assert.match(failing.rendered, /\n  1 \| /, 'the head of the file is kept');
    assert.match(failing.rendered, /… lines \d+-\d+ omitted …/);
    // every kept code line is whole (cut at line boundaries) and numbered as in the file
    for (const line of failing.rendered.split('\n').filter((l) => / \| /.test(l))) {
      const m = /^\s*(\d+) \| (.*)$/.exec(line);
      assert.ok(m, line);
      const n = Number(m[1]);
      assert.equal(m[2], n === 150 ? '  const bad = items[items.length]; // FAILING' : `  const v${n} = compute(${n}); // filler line ${n}`);
    }
    assert.ok(a.kept.find((k) => k.item.path === 'src/util.ts')?.truncated, 'the related file keeps its head');
    const tighter = assembleEvidence([RELATED, FAILING, DIFF, DIAG, TRACE], 300, approxTokens);
    assert.ok(tighter.tokens <= 300);
    assert.match(tighter.text, /150 \|\s+const bad = items\[items\.length\];/);
    assert.deepEqual(tighter.leftOut, [{ kind: 'related-file', title: 'src/util.ts', path: 'src/util.ts', reason: 'budget' }]);
    assert.equal(describeLeftOut(tighter.leftOut), '1 item left out: src/util.ts (over the token budget)');
    // diagnostics outrank the diff and the related file
    const kinds = a.kept.map((k) => k.item.kind);
    assert.ok(kinds.includes('diagnostics'));
    assert.ok(kinds.indexOf('diagnostics') < (kinds.indexOf('diff') === -1 ? Infinity : kinds.indexOf('diff')));
  });

  it('gives what one truncated item leaves back to the others (a huge selection does not push out diagnostics)', () => {
    const selection: EvidenceItem = { kind: 'selection', title: 'src/big.ts lines 1-3000', path: 'src/big.ts', text: numberedFile(3000), startLine: 1 };
    const a = assembleEvidence([selection, DIAG], 2000, approxTokens);
    assert.deepEqual(a.kept.map((k) => k.item.kind), ['selection', 'diagnostics']);
    assert.ok(a.tokens <= 2000);
    assert.ok(a.kept[0].tokens > 1500, 'the selection takes the rest of the budget once the others are in');
  });

  it('with almost no budget keeps the error alone and says what is missing', () => {
    const a = assembleEvidence([FAILING, TRACE, RELATED], 60, approxTokens);
    assert.deepEqual(a.kept.map((k) => k.item.kind), ['error']);
    assert.deepEqual(a.leftOut.map((l) => l.title).sort(), ['src/a.ts: line 150', 'src/util.ts']);
  });

  it('drops neverSend files, including their sections of a multi-file diff', () => {
    const isNeverSend = neverSendMatcher(DEFAULT_SETTINGS['privacy.neverSend']);
    const env: EvidenceItem = { kind: 'related-file', title: '.env', path: '.env', text: 'SECRET_SAUCE=tomato1234567\n' };
    const diff: EvidenceItem = { kind: 'diff', title: 'uncommitted changes', text: `${DIFF.text}diff --git a/config/.env.local b/config/.env.local\n--- a/config/.env.local\n+++ b/config/.env.local\n@@ -1 +1 @@\n-PORT=1\n+PORT=2 # tomato-diff\n` };
    const a = assembleEvidence([TRACE, env, diff], 100_000, approxTokens, { isNeverSend });
    assert.ok(!a.text.includes('tomato'), a.text);
    assert.ok(a.text.includes('items[items.length - 1]'), 'the rest of the diff is still sent');
    assert.deepEqual(a.leftOut.map((l) => [l.path, l.reason]), [['.env', 'neverSend'], ['config/.env.local', 'neverSend']]);
  });

  it('redacts keys before counting and sending, and counts the redactions', () => {
    const key = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-zz';
    const item: EvidenceItem = { kind: 'selection', title: 'src/config.ts', path: 'src/config.ts', text: `const k = '${key}';\nconst url = 'postgres://app:pa55word99@db:5432/x';`, startLine: 1 };
    const a = assembleEvidence([item], 10_000, approxTokens, { knownSecrets: ['my-own-stored-key-123'] });
    assert.ok(!a.text.includes('AbCdEfGh') && !a.text.includes('pa55word99'), a.text);
    assert.ok(a.text.includes('[redacted]'));
    assert.equal(a.redactions, 2);
  });
});

describe('fitItem', () => {
  it('returns the whole item when it fits and nothing when not even a few lines fit', () => {
    const small: EvidenceItem = { kind: 'diagnostics', title: 'x', text: 'one\ntwo' };
    assert.equal(fitItem(small, 1000, approxTokens)?.truncated, false);
    assert.equal(fitItem(FAILING, 10, approxTokens), undefined);
  });

  it('keeps the last lines of error output (Python prints the error last)', () => {
    const py: EvidenceItem = { kind: 'error', title: 'IndexError', text: ['Traceback (most recent call last):', ...Array.from({ length: 200 }, (_, i) => `  File "/app/m${i}.py", line ${i + 1}, in f${i}\n    call_${i}()`), 'IndexError: list index out of range'].join('\n') };
    const f = fitItem(py, 300, approxTokens);
    assert.ok(f && f.truncated && f.tokens <= 300);
    assert.ok(f.rendered.includes('Traceback (most recent call last):'));
    assert.ok(f.rendered.includes('IndexError: list index out of range'));
  });

  it('uses a longer fence when the code contains one', () => {
    const md: EvidenceItem = { kind: 'related-file', title: 'README.md', text: 'Example:\n```ts\nx()\n```\n' };
    const f = fitItem(md, 1000, approxTokens)!;
    assert.match(f.rendered, /\n````\n/);
  });
});
