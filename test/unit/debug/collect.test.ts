import * as assert from 'node:assert/strict';
import { collectEvidence } from '../../../src/core/debug/collect';
import { identifiersOnLine } from '../../../src/core/debug/symbolsAt';
import { createWorkspaceIndex } from '../../../src/core/debug/workspaceMap';
import { splitUnifiedDiff } from '../../../src/core/debug/diffSplit';

const index = createWorkspaceIndex('/w', ['src/a.ts', 'src/b.ts', 'secrets/token.txt']);
const A = Array.from({ length: 60 }, (_, i) => `line ${i + 1} of a`).join('\n');

describe('collectEvidence', () => {
  it('without a trace: the selection, the diagnostics (the active file first), no error item', () => {
    const c = collectEvidence({
      active: { path: 'src/a.ts', text: A, selection: { start: 10, end: 12 } },
      diagnostics: [
        { path: 'src/b.ts', line: 3, severity: 'error', message: 'b broke', source: 'ts', code: 2304 },
        { path: 'src/a.ts', line: 11, severity: 'warning', message: 'a smells' },
        { path: 'src/a.ts', line: 1, severity: 'hint', message: 'style nit' },
      ],
    }, { index });
    assert.equal(c.trace, undefined);
    assert.deepEqual(c.items.map((i) => [i.kind, i.title]), [
      ['selection', 'src/a.ts lines 10-12 (selection)'],
      ['diagnostics', 'src/a.ts (1)'],
      ['diagnostics', 'src/b.ts (1)'],
    ]);
    assert.equal(c.items[0].text, 'line 10 of a\nline 11 of a\nline 12 of a');
    assert.equal(c.items[0].startLine, 10);
    assert.equal(c.items[2].text, 'src/b.ts:3 error ts 2304: b broke');
  });

  it('the cursor without a selection gives the lines around it, focused on the cursor line', () => {
    const c = collectEvidence({ active: { path: 'src/a.ts', text: A, cursorLine: 30 } }, { index, cursorContext: 5 });
    assert.equal(c.items[0].title, 'src/a.ts lines 25-35 (around the cursor)');
    assert.deepEqual(c.items[0].focus, [{ start: 30, end: 30 }]);
  });

  it('with a trace naming the active file: one item for the file, focused on the failing line and the selection', () => {
    const c = collectEvidence({
      traceText: 'Error: nope\n    at f (/w/src/a.ts:40:3)\n    at g (/w/src/b.ts:2:1)',
      active: { path: 'src/a.ts', text: A, selection: { start: 5, end: 6 } },
      files: [{ path: 'src/b.ts', text: 'one\ntwo\n' }],
    }, { index });
    assert.deepEqual(c.involved, ['src/a.ts', 'src/b.ts']);
    assert.deepEqual(c.items.map((i) => i.kind), ['error', 'failing-lines', 'failing-lines']);
    assert.deepEqual(c.items[1].focus, [{ start: 40, end: 40 }, { start: 5, end: 6 }]);
    assert.equal(c.items[1].title, 'src/a.ts: line 40 in f (selection: lines 5-6)');
  });

  it('drops definitions and references that sit in neverSend files', () => {
    const c = collectEvidence({
      symbols: [{ name: 'token', at: { path: 'src/a.ts', line: 3 }, definitions: [{ path: 'secrets/token.txt', line: 1, text: 'abc' }], references: [{ path: 'src/b.ts', line: 2, text: 'use(token)' }] }],
    }, { index, isNeverSend: (p) => p.startsWith('secrets/') });
    assert.equal(c.items.length, 1);
    assert.ok(!c.items[0].text.includes('secrets/') && c.items[0].text.includes('src/b.ts:2\n    use(token)'), c.items[0].text);
  });

  it('splits a multi-file diff per file, new and deleted files included', () => {
    const diff = 'diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-x\n+y\ndiff --git a/src/new.ts b/src/new.ts\nnew file mode 100644\n--- /dev/null\n+++ b/src/new.ts\n@@ -0,0 +1 @@\n+z\ndiff --git a/old.ts b/old.ts\n--- a/old.ts\n+++ /dev/null\n@@ -1 +0,0 @@\n-w\n';
    assert.deepEqual(splitUnifiedDiff(diff).map((s) => s.path), ['src/a.ts', 'src/new.ts', 'old.ts']);
  });
});

describe('identifiersOnLine', () => {
  it('names at their 1-based columns, without keywords, strings or comments', () => {
    assert.deepEqual(identifiersOnLine('    total += lineTotal(items[i]); // add "price"'), [
      { name: 'total', column: 5 }, { name: 'lineTotal', column: 14 }, { name: 'items', column: 24 },
    ]);
    assert.deepEqual(identifiersOnLine("  return this.prices.get('x') ?? await fetchPrice(id)").map((i) => i.name), ['prices', 'get', 'fetchPrice', 'id']);
  });
});
