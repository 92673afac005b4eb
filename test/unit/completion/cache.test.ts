import * as assert from 'node:assert/strict';
import { CompletionCache, hashString } from '../../../src/core/completion/cache';

describe('CompletionCache', () => {
  const prefix = 'function greet(name: string) {\n  return ';
  const suffix = '\n}\n';

  it('returns a suggestion stored for the same file and position', () => {
    const cache = new CompletionCache();
    cache.set('a.ts', prefix, suffix, '`Hello, ${name}`;');
    assert.deepEqual(cache.get('a.ts', prefix, suffix), { text: '`Hello, ${name}`;', typed: 0 });
  });

  it('misses for another file, another suffix or another prefix', () => {
    const cache = new CompletionCache();
    cache.set('a.ts', prefix, suffix, 'name;');
    assert.equal(cache.get('b.ts', prefix, suffix), undefined);
    assert.equal(cache.get('a.ts', prefix, '\n}\nexport {};\n'.slice(1)), undefined);
    assert.equal(cache.get('a.ts', prefix.replace('greet', 'great'), suffix), undefined);
  });

  it('still hits while the user types through the suggestion, returning the rest', () => {
    const cache = new CompletionCache();
    cache.set('a.ts', prefix, suffix, 'name.toUpperCase();');
    assert.deepEqual(cache.get('a.ts', `${prefix}n`, suffix), { text: 'ame.toUpperCase();', typed: 1 });
    assert.deepEqual(cache.get('a.ts', `${prefix}name.to`, suffix), { text: 'UpperCase();', typed: 7 });
  });

  it('misses when the typed text leaves the suggestion or completes it', () => {
    const cache = new CompletionCache();
    cache.set('a.ts', prefix, suffix, 'name;');
    assert.equal(cache.get('a.ts', `${prefix}nb`, suffix), undefined);
    assert.equal(cache.get('a.ts', `${prefix}name;`, suffix), undefined);
  });

  it('does not look further back than maxTypedThrough characters', () => {
    const cache = new CompletionCache({ maxTypedThrough: 4 });
    cache.set('a.ts', prefix, suffix, 'abcdefghij');
    assert.ok(cache.get('a.ts', `${prefix}abcd`, suffix));
    assert.equal(cache.get('a.ts', `${prefix}abcde`, suffix), undefined);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new CompletionCache({ maxEntries: 2 });
    cache.set('a.ts', 'p1', '', 'one');
    cache.set('a.ts', 'p2', '', 'two');
    assert.ok(cache.get('a.ts', 'p1', ''));
    cache.set('a.ts', 'p3', '', 'three');
    assert.equal(cache.size, 2);
    assert.ok(cache.get('a.ts', 'p1', ''), 'recently used survives');
    assert.equal(cache.get('a.ts', 'p2', ''), undefined, 'least recently used is gone');
  });

  it('does not store empty suggestions', () => {
    const cache = new CompletionCache();
    cache.set('a.ts', prefix, suffix, '');
    assert.equal(cache.size, 0);
  });

  it('identifies a position by the end of the prefix, so edits far above still hit', () => {
    const cache = new CompletionCache({ prefixTailChars: 20 });
    cache.set('a.ts', `${'x'.repeat(100)}${prefix}`, suffix, 'name;');
    assert.ok(cache.get('a.ts', `${'y'.repeat(100)}${prefix}`, suffix));
  });

  it('hashes strings to stable, well-spread numbers', () => {
    assert.equal(hashString('abc'), hashString('abc'));
    const seen = new Set(Array.from({ length: 10_000 }, (_, i) => hashString(`key ${i}`)));
    assert.equal(seen.size, 10_000);
  });

  it('prints lookup cost for a full cache (figures, not a pass/fail timing)', () => {
    const cache = new CompletionCache();
    const big = 'x'.repeat(20_000);
    for (let i = 0; i < 256; i++) cache.set('a.ts', `${big}${i}`, suffix, `s${i}`);
    const misses = Array.from({ length: 1000 }, (_, i) => { const p = `${big}miss${i}`; p.charCodeAt(0); return p; });
    const start = performance.now();
    for (const p of misses) cache.get('a.ts', p, suffix);
    const perLookup = (performance.now() - start) / 1000;
    process.stdout.write(`      cache miss lookup (128 positions back): ${perLookup.toFixed(3)} ms\n`);
    assert.ok(perLookup >= 0);
  });
});
