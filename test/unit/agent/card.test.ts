// The Deep Debug result as the panel's card: evidence grouped by file (one entry per file, its
// lines in order), one diff per valid file, refusals with reasons.
import * as assert from 'node:assert/strict';
import { debugCard, groupEvidence } from '../../../src/core/agent/card';
import type { DebugResult } from '../../../src/core/debug/types';

const ref = (file: string, line: number, note: string, known = true) => ({ file, line, note, known, ...(known ? { path: file } : {}) });

describe('result card', () => {
  it('groups evidence by file, lines in order, unknown files flagged', () => {
    const groups = groupEvidence([ref('src/a.ts', 12, 'late'), ref('src/b.ts', 3, 'caller'), ref('src/a.ts', 4, 'early'), ref('ghost.ts', 1, 'invented', false)]);
    assert.deepEqual(groups.map((g) => [g.path, g.known, g.refs.map((r) => r.line)]), [['src/a.ts', true, [4, 12]], ['src/b.ts', true, [3]], ['ghost.ts', false, [1]]]);
  });

  it('puts the root cause and explanation as prose, one diff per valid file, the refusals with reasons', () => {
    const result: DebugResult = {
      rootCause: 'Off by one.', evidence: [ref('src/a.ts', 2, 'here')], fix: { summary: 'Exclusive bound.', edits: [] }, verify: ['npm test'], confidence: 'high', references: [],
    };
    const plan = { path: 'src/a.ts', absPath: '/w/src/a.ts', kind: 'modify' as const, original: 'a\nb <= n\nc\n', replacements: [{ start: 2, end: 8, text: 'b < n', hunk: 0 }] };
    const card = debugCard(result, { valid: [plan] as never, refused: [{ path: '.git/config', reason: 'inside .git' }] });
    assert.equal(card.headline, 'Off by one.');
    assert.equal(card.explanation, 'Exclusive bound.');
    assert.equal(card.diffs.length, 1);
    assert.match(card.diffs[0].diff, /-b <= n\n\+b < n/);
    assert.deepEqual(card.refused, [{ path: '.git/config', reason: 'inside .git' }]);
    assert.equal(card.canApply, true);
  });
});
