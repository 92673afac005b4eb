import * as assert from 'node:assert/strict';
import { chunkSimilarity, ContextChunks, linesAround } from '../../../src/core/completion/contextChunks';

const file = (name: string, lines: number) => Array.from({ length: lines }, (_, i) => `const ${name}${i} = ${i};`).join('\n');

describe('ContextChunks', () => {
  it('takes N lines around the edited line, clamped to the file', () => {
    const text = file('a', 100);
    const middle = linesAround(text, 50, 10);
    assert.equal(middle.startLine, 45);
    assert.equal(middle.text.split('\n').length, 10);
    assert.ok(middle.text.startsWith('const a45 = 45;'));
    const start = linesAround(text, 2, 10);
    assert.equal(start.startLine, 0);
    const end = linesAround(text, 99, 10);
    assert.equal(end.startLine, 90);
    assert.ok(end.text.endsWith('const a99 = 99;'));
  });

  it('keeps new chunks pending until flush, so the prompt front does not move while typing', () => {
    const ring = new ContextChunks();
    ring.addAround('a.ts', file('a', 50), 10, 'edit');
    assert.equal(ring.size, 0);
    assert.equal(ring.pendingCount, 1);
    assert.deepEqual(ring.pick(1000, 'main.ts'), []);
    assert.equal(ring.flush(), true);
    assert.equal(ring.size, 1);
    assert.equal(ring.pick(1000, 'main.ts').length, 1);
  });

  it('replaces a near-duplicate chunk (Jaccard > 0.9) instead of keeping both', () => {
    const ring = new ContextChunks({ chunkLines: 40 });
    const text = file('a', 40);
    ring.addAround('a.ts', text, 20, 'view');
    ring.flush();
    const edited = text.replace('const a3 = 3;', 'const a3 = 33;');
    ring.addAround('a.ts', edited, 20, 'edit');
    ring.flush();
    assert.equal(ring.size, 1);
    assert.ok(ring.chunks()[0].text.includes('a3 = 33'));
    assert.equal(ring.chunks()[0].source, 'edit');
  });

  it('keeps chunks that overlap only partly, and leaves the ring alone for an exact duplicate', () => {
    const ring = new ContextChunks({ chunkLines: 20 });
    const text = file('a', 100);
    ring.addAround('a.ts', text, 10, 'view');
    ring.addAround('a.ts', text, 25, 'view');
    ring.flush();
    assert.equal(ring.size, 2);
    const version = ring.version;
    ring.addAround('a.ts', text, 25, 'view');
    assert.equal(ring.flush(), false);
    assert.equal(ring.version, version);
  });

  it('evicts the oldest chunk beyond its capacity', () => {
    const ring = new ContextChunks({ maxChunks: 3 });
    for (const name of ['a', 'b', 'c', 'd']) ring.add({ filePath: `${name}.ts`, text: file(name, 5), startLine: 0, source: 'view' });
    ring.flush();
    assert.deepEqual(ring.chunks().map((c) => c.filePath), ['b.ts', 'c.ts', 'd.ts']);
  });

  it('picks the newest chunks that fit the budget, in ring order, skipping the current file', () => {
    const ring = new ContextChunks({}, (text) => text.length); // 1 token per character
    ring.add({ filePath: 'a.ts', text: 'x'.repeat(100), startLine: 0, source: 'view' });
    ring.add({ filePath: 'main.ts', text: 'm'.repeat(100), startLine: 0, source: 'edit' });
    ring.add({ filePath: 'b.ts', text: 'y'.repeat(100), startLine: 0, source: 'view' });
    ring.add({ filePath: 'c.ts', text: 'z'.repeat(100), startLine: 0, source: 'clipboard' });
    ring.flush();
    const picked = ring.pick(250, 'main.ts');
    assert.deepEqual(picked.map((c) => c.filePath), ['b.ts', 'c.ts']);
    const all = ring.pick(10_000, 'main.ts');
    assert.deepEqual(all.map((c) => c.filePath), ['a.ts', 'b.ts', 'c.ts']);
  });

  it('returns the same chunks for every keystroke until the ring changes', () => {
    const ring = new ContextChunks();
    ring.add({ filePath: 'a.ts', text: file('a', 10), startLine: 0, source: 'view' });
    ring.flush();
    const first = ring.pick(500, 'main.ts');
    ring.add({ filePath: 'b.ts', text: file('b', 10), startLine: 0, source: 'view' });
    assert.equal(ring.pick(500, 'main.ts'), first);
    ring.flush();
    assert.notEqual(ring.pick(500, 'main.ts'), first);
    assert.equal(ring.pick(500, 'main.ts')[0], first[0], 'older chunks keep their place at the front');
  });

  it('drops empty chunks and every chunk of a removed file', () => {
    const ring = new ContextChunks();
    assert.equal(ring.add({ filePath: 'a.ts', text: '\n   \n', startLine: 0, source: 'clipboard' }), 'empty');
    ring.add({ filePath: 'a.ts', text: file('a', 5), startLine: 0, source: 'view' });
    ring.add({ filePath: 'b.ts', text: file('b', 5), startLine: 0, source: 'view' });
    ring.flush();
    ring.removeFile('a.ts');
    assert.deepEqual(ring.chunks().map((c) => c.filePath), ['b.ts']);
  });

  it('measures similarity on trimmed non-empty lines', () => {
    const a = new Set(['x', 'y', 'z']);
    assert.equal(chunkSimilarity(a, new Set(['x', 'y', 'z'])), 1);
    assert.equal(chunkSimilarity(a, new Set(['x', 'y'])), 2 / 3);
    assert.equal(chunkSimilarity(a, new Set(['q'])), 0);
  });
});
