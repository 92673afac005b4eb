import * as assert from 'node:assert/strict';
import { applyPlan, applyReplacements, formatDiff, formatPlanDiff } from '../../../src/core/edits/apply';
import type { ModifyPlan } from '../../../src/core/edits/types';

describe('applyPlan and formatDiff', () => {
  const original = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
  const plan: ModifyPlan = {
    kind: 'modify', path: 'x.ts', absPath: '/w/x.ts', realPath: '/w/x.ts', original,
    replacements: [{ start: 2, end: 3, text: 'B', hunk: 0 }, { start: 16, end: 18, text: '', hunk: 1 }],
  };

  it('applies non-overlapping replacements in order', () => {
    assert.equal(applyPlan(original, plan), 'a\nB\nc\nd\ne\nf\ng\nh\nj\n');
    assert.equal(applyReplacements('hello world', [{ start: 6, end: 11, text: 'there', hunk: 0 }]), 'hello there');
    assert.throws(() => applyReplacements('abc', [{ start: 1, end: 3, text: '', hunk: 0 }, { start: 2, end: 3, text: '', hunk: 1 }]), /does not fit/);
  });

  it('refuses to apply a plan to text that changed after validation', () => {
    assert.throws(() => applyPlan(original + 'k\n', plan), /changed after the edits were validated/);
  });

  it('renders a unified diff that patch-style readers understand', () => {
    assert.equal(formatPlanDiff(plan, 1), [
      '--- a/x.ts', '+++ b/x.ts',
      '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c',
      '@@ -8,3 +8,2 @@', ' h', '-i', ' j', '',
    ].join('\n'));
  });

  it('joins nearby changes into one hunk and shows new, deleted and newline-less files', () => {
    const d = formatDiff('y.ts', '1\n2\n3\n4\n', '1\nTWO\n3\nFOUR\n', 1);
    assert.equal(d, '--- a/y.ts\n+++ b/y.ts\n@@ -1,4 +1,4 @@\n 1\n-2\n+TWO\n 3\n-4\n+FOUR\n');
    assert.equal(formatDiff('n.ts', undefined, 'x\n'), '--- /dev/null\n+++ b/n.ts\n@@ -0,0 +1,1 @@\n+x\n');
    assert.equal(formatDiff('n.ts', 'x\n', undefined), '--- a/n.ts\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n');
    assert.equal(formatDiff('e.ts', 'x', 'x\n'), '--- a/e.ts\n+++ b/e.ts\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n+x\n');
    assert.equal(formatDiff('same.ts', 'x\n', 'x\n'), '');
  });

  it('finds a minimal diff in a long file', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i}`);
    const changed = [...lines];
    changed.splice(1000, 1, 'inserted a', 'inserted b');
    changed.splice(10, 1);
    const d = formatDiff('big.ts', lines.join('\n') + '\n', changed.join('\n') + '\n', 0);
    assert.equal(d.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length, 2);
    assert.equal(d.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).length, 2);
  });
});

describe('formatDiff on a whole-file rewrite', () => {
  it('stays bounded: every old line out, every new line in', () => {
    const before = Array.from({ length: 6000 }, (_, i) => `old ${i}`).join('\n') + '\n';
    const after = Array.from({ length: 6000 }, (_, i) => `new ${i}`).join('\n') + '\n';
    const lines = formatDiff('r.ts', before, after, 0).split('\n');
    assert.equal(lines.filter((l) => l.startsWith('-old')).length, 6000);
    assert.equal(lines.filter((l) => l.startsWith('+new')).length, 6000);
  });
});
