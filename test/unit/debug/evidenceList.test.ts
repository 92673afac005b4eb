import * as assert from 'node:assert/strict';
import { collectEvidence } from '../../../src/core/debug/collect';
import { evidenceList } from '../../../src/core/debug/evidenceList';
import { createWorkspaceIndex } from '../../../src/core/debug/workspaceMap';

const index = createWorkspaceIndex('/w', ['src/buggy.ts', 'src/math.ts', 'src/other.ts']);
const BUGGY = Array.from({ length: 30 }, (_, i) => `const l${i + 1} = ${i + 1};`).join('\n');
const kept = (items: ReturnType<typeof collectEvidence>['items'], truncated: string[] = []) => items.map((item) => ({ item, truncated: truncated.includes(item.title) }));

describe('Deep Debug evidence list (one line per file)', () => {
  it('groups the failing lines, identifiers, problems and changes of a file on one line; the error keeps its own', () => {
    const c = collectEvidence({
      traceText: 'TypeError: sum is not a function\n    at total (/w/src/buggy.ts:14:3)',
      files: [{ path: 'src/buggy.ts', text: BUGGY }, { path: 'src/other.ts', text: 'x' }],
      diagnostics: [
        { path: 'src/buggy.ts', line: 14, severity: 'error', message: 'a' },
        { path: 'src/buggy.ts', line: 20, severity: 'warning', message: 'b' },
      ],
      symbols: [
        { name: 'sum', at: { path: 'src/buggy.ts', line: 14 }, definitions: [], references: [] },
        { name: 'items', at: { path: 'src/buggy.ts', line: 14 }, definitions: [], references: [] },
        { name: 'total', at: { path: 'src/buggy.ts', line: 20 }, definitions: [], references: [] },
      ],
      definitions: [{ name: 'sum', at: { path: 'src/buggy.ts', line: 14 }, path: 'src/math.ts', startLine: 3, endLine: 9, text: 'function sum() {}' }],
      diff: [{ path: 'src/buggy.ts', text: '@@ -1 +1 @@\n-a\n+b\n' }],
    }, { index });
    const lines = evidenceList(kept(c.items, ['src/other.ts']));
    assert.deepEqual(lines, [
      'TypeError: sum is not a function',
      'src/buggy.ts: failing line 14 in total · 2 problems · uncommitted changes · identifiers sum (line 14), items (line 14), total (line 20)',
      'src/math.ts: definition of sum (lines 3-9)',
      'src/other.ts: whole file (truncated)',
    ]);
    assert.ok(!lines.some((l) => /^sum at /.test(l)), 'no line per identifier');
  });

  it('a selection without a trace, and a single identifier', () => {
    const c = collectEvidence({
      active: { path: 'src/buggy.ts', text: BUGGY, selection: { start: 3, end: 5 } },
      symbols: [{ name: 'l4', at: { path: 'src/buggy.ts', line: 4 }, definitions: [], references: [] }],
      diff: 'diff --git a/x b/x\n',
    }, { index });
    assert.deepEqual(evidenceList(kept(c.items)), ['uncommitted changes', 'src/buggy.ts: lines 3-5 (selection) · identifier l4 (line 4)']);
  });
});
