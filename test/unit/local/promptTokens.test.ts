// fitPrompt's trimming order and piece splitting, with a tokenizer of one token per UTF-16 unit
// (the real tokenizer is exercised in promptBudget.test.ts).
import * as assert from 'node:assert/strict';
import { fitPrompt, PIECE_CHARS, PromptTokenCaches, splitPieces } from '../../../src/core/providers/local/promptTokens';

const perChar = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
const decode = (tokens: readonly number[]) => String.fromCharCode(...tokens);

describe('fitPrompt', () => {
  it('keeps everything when it fits, and drops far lines a whole anchor group at a time when not', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${String(i).padStart(2, '0')}\n`); // 8 chars each
    const parts = { before: 'B', prefix: `${lines.join('')}cur`, after: 'A', anchorLines: 16 };
    const whole = fitPrompt(parts, 1000, new PromptTokenCaches(perChar));
    assert.equal(decode(whole.tokens), `B${parts.prefix}A`);
    assert.equal(whole.trimmedTokens, 0);
    // 40 lines + cursor line = 325 tokens; a budget of 200 drops lines 0-15 (128 tokens).
    const fitted = fitPrompt(parts, 200, new PromptTokenCaches(perChar));
    assert.equal(decode(fitted.tokens), `B${lines.slice(16).join('')}curA`);
    assert.equal(fitted.trimmedTokens, 128);
    assert.equal(fitted.untrimmedTokens, 325);
  });

  it('cuts a giant cursor line in whole pieces from its far end, and refuses when even that cannot fit', () => {
    const line = 'x'.repeat(PIECE_CHARS * 4 + 10);
    const fitted = fitPrompt({ before: 'B', prefix: line, after: 'A', anchorLines: 16 }, PIECE_CHARS + 20, new PromptTokenCaches(perChar));
    assert.equal(fitted.tokens.length, 2 + PIECE_CHARS + 10, 'the far pieces went, the last two stayed');
    assert.ok(fitted.fits);
    const refused = fitPrompt({ before: 'B'.repeat(50), prefix: 'abc', after: 'A'.repeat(60), anchorLines: 16 }, 100, new PromptTokenCaches(perChar));
    assert.equal(refused.fits, false);
    assert.equal(refused.tokens.length, 0);
  });

  it('never splits an emoji or a CRLF between pieces, and caches lines it saw', () => {
    const emoji = '🎉'.repeat(PIECE_CHARS); // 2 UTF-16 units each
    for (const pieces of splitPieces(`${emoji}\r\n${'a'.repeat(PIECE_CHARS - 1)}\r\nend`)) {
      for (const p of pieces) {
        assert.ok(!/^[\udc00-\udfff]/.test(p) && !/[\ud800-\udbff]$/.test(p), 'a surrogate pair was split');
        assert.ok(!p.startsWith('\n') || p === pieces[0], 'a CRLF was split');
      }
    }
    const cache = new PromptTokenCaches(perChar);
    fitPrompt({ before: 'B', prefix: 'one\ntwo\nthr', after: 'A', anchorLines: 16 }, 100, cache);
    fitPrompt({ before: 'B', prefix: 'one\ntwo\nthre', after: 'A', anchorLines: 16 }, 100, cache);
    assert.equal(cache.lines.misses, 3 + 1, 'the second prompt tokenized only its cursor line');
    assert.equal(cache.parts.misses, 2, 'the parts before and after the prefix were tokenized once');
  });
});

describe('the worker token caches', () => {
  it('hold at most ~8 MB of lines whatever their length, keeping the newest', () => {
    // A session over a minified or generated file: 20,000 distinct 256-character pieces (one
    // token per character: ~1.6 KB each once cached). Bounded by a count of entries they
    // would hold ~33 MB; the worker's RSS target is 150 MB in all.
    const caches = new PromptTokenCaches(perChar);
    const piece = (i: number) => `${String(i).padStart(8, '0')}${'x'.repeat(PIECE_CHARS - 8)}`;
    for (let i = 0; i < 20_000; i++) caches.lines.tokens(piece(i), false);
    const perEntry = PIECE_CHARS * 2 + PIECE_CHARS * 4;
    assert.ok(caches.lines.size * perEntry <= 8 * 1024 * 1024, `${caches.lines.size} pieces cached (~${Math.round((caches.lines.size * perEntry) / 1024 ** 2)} MB)`);
    assert.ok(caches.lines.size >= 1000, 'the cache still keeps thousands of pieces');
    const misses = caches.lines.misses;
    caches.lines.tokens(piece(19_999), false);
    assert.equal(caches.lines.misses, misses, 'the newest piece is still cached');
    caches.lines.tokens(piece(0), false);
    assert.equal(caches.lines.misses, misses + 1, 'the oldest piece was evicted');
    // Short lines are cheap: far more of them fit than of the long pieces.
    const short = new PromptTokenCaches(perChar);
    for (let i = 0; i < 30_000; i++) short.lines.tokens(`x${i}\n`, false);
    assert.equal(short.lines.size, 30_000, 'short lines are not evicted by a count of entries');
  });
});
