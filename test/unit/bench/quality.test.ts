// The quality benchmark's measures on a tiny fixed replay: known suggestions against a known
// continuation give known scores (issue 13).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CopyPredictor } from '../../bench/quality/copyPredictor';
import { aggregate, editSimilarity, levenshtein, scorePosition } from '../../bench/quality/metrics';
import { samplePositions } from '../../bench/quality/positions';
import { seeded } from '../../bench/support/editHistory';

const BEFORE = 'export function add(a: number, b: number) {\n}\n';
const AFTER = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';

describe('quality benchmark: metrics on a tiny fixed replay', () => {
  let repo: string;
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'tqual-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { stdio: 'pipe' });
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'add.ts'), BEFORE);
    git('add', '.');
    git('commit', '-qm', 'one');
    fs.writeFileSync(path.join(repo, 'add.ts'), AFTER);
    git('commit', '-qam', 'two');
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('samples positions inside the edit: the document there and what the author typed next', () => {
    // Two edits: the file created (commit one), then the return line typed into it (commit two).
    const { positions } = samplePositions(repo, 12, 6, seeded(1));
    const second = positions.filter((p) => p.suffix === '\n}\n');
    assert.ok(second.length >= 1 && second.length < positions.length, 'positions from both edits');
    for (const p of positions) {
      assert.equal(p.filePath, 'add.ts');
      // Prefix + what follows = the file once the author is done with that edit.
      assert.equal(p.prefix + p.truth.follows, second.includes(p) ? AFTER : BEFORE);
      assert.ok(p.truth.typed.split('\n')[0].trim().length > 0);
    }
    for (const p of second) assert.ok(p.prefix.startsWith('export function add(a: number, b: number) {\n'));
    const at = second.find((p) => p.prefix.endsWith('  return a'));
    if (at) assert.equal(at.truth.typed, ' + b;');
  });

  it('scores known suggestions against "  return a + b;" typed after "{\\n"', () => {
    const truth = { typed: '  return a + b;', follows: '  return a + b;\n}\n' };
    // Exact: the first line matches, all 15 characters saved.
    assert.deepEqual(scorePosition('  return a + b;', truth), { exactLine: 1, saved: 15, typed: 15, editSim: 1 });
    // A correct start: Tab keeps 10 characters, the line is not exact.
    assert.deepEqual(scorePosition('  return a', truth), { exactLine: 0, saved: 10, typed: 15, editSim: 1 - 5 / 15 });
    // One character wrong: nothing kept (Tab would insert a wrong character), close by edit distance.
    assert.deepEqual(scorePosition('  return a - b;', truth), { exactLine: 0, saved: 0, typed: 15, editSim: 1 - 1 / 15 });
    // Nothing suggested.
    assert.deepEqual(scorePosition('', truth), { exactLine: 0, saved: 0, typed: 15, editSim: 0 });
    // Right over two lines: saves at most the position's own line; trailing spaces ignored for the line.
    assert.deepEqual(scorePosition('  return a + b;\n}', truth), { exactLine: 1, saved: 15, typed: 15, editSim: 1 });
    assert.equal(scorePosition('  return a + b;  ', truth).exactLine, 1);
    assert.equal(scorePosition('  return a + b;  ', truth).saved, 0);

    const scores = ['  return a + b;', '  return a', '  return a - b;', ''].map((s) => scorePosition(s, truth));
    const agg = aggregate(scores, ['  return a + b;', '  return a', '  return a - b;', '']);
    assert.equal(agg.positions, 4);
    assert.equal(agg.exactLine, 0.25);
    assert.equal(agg.charsSavedPer100, (100 * 25) / 60);
    assert.equal(agg.editSim, (1 + (1 - 5 / 15) + (1 - 1 / 15) + 0) / 4);
    assert.equal(agg.nonEmpty, 3);
  });

  it('Levenshtein and edit similarity', () => {
    assert.equal(levenshtein('kitten', 'sitting'), 3);
    assert.equal(levenshtein('', 'abc'), 3);
    assert.equal(editSimilarity('', ''), 1);
    assert.equal(editSimilarity('abcd', 'abce'), 0.75);
  });

  it('the copy baseline suggests what followed the longest matching tail elsewhere, to the end of its line', () => {
    const copy = new CopyPredictor(['function sum(a, b) {\n  return a + b;\n}\n']);
    assert.equal(copy.predict('x = 1;\n  return a', ''), ' + b;');
    // The open document comes first (before the cursor, then after it).
    assert.equal(copy.predict('  return a * 2;\n  return a', ''), ' * 2;');
    assert.equal(copy.predict('zzzzzzzzzz qqqq', ''), '');
  });
});
