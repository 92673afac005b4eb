// Exact prompt budgets with the loaded model's own tokenizer, in the worker. The extension lays
// the FIM prompt out in three parts — `before` (FIM start, chunks from other files, file header:
// stable while typing), the `prefix` window (whole lines, from a line that is a multiple of
// `anchorLines`) and `after` (FIM suffix token, suffix window, FIM middle token) — and this module
// turns them into tokens that never exceed the budget (contextSize − maxTokens), so node-llama-cpp
// never shifts or truncates the context by itself.
//
// KV stability: every part is tokenized piece by piece — `before` whole (cached), the prefix line
// by line, and a line longer than PIECE_CHARS in PIECE_CHARS pieces counted from the line start —
// and the pieces are concatenated. A keystroke changes one piece (the cursor's), so the tokens of
// everything before it are the same as for the previous keystroke: the KV cache keeps them.
// When the prompt does not fit, whole groups of `anchorLines` lines are dropped from the far end
// of the prefix (its start moves only every `anchorLines` lines), then single lines, then pieces
// of the cursor's line; what was dropped is counted.

import type { FimPromptParts } from '../types';
import { DEFAULT_CACHE_BYTES, TokenCache, type Token, type Tokenize } from './tokenCache';

export type { Token, Tokenize } from './tokenCache';

/** Characters per piece of a long line (a minified file, a data URL). */
export const PIECE_CHARS = 256;

/** Bound of the parts cache: a few prompts' fronts and backs. */
const PARTS_BYTES = 2 * 1024 * 1024;

/**
 * The caches one prompt needs: many short lines and pieces (bounded by bytes, ≈ 8 MB), and a few
 * large parts (the chunks and header before the prefix, the suffix part after it), which change
 * at each pause or line: only the latest few are worth keeping (the worker's memory stays flat
 * over a long session).
 */
export class PromptTokenCaches {
  readonly lines: TokenCache;
  readonly parts: TokenCache;

  constructor(tokenize: Tokenize, lineBytes = DEFAULT_CACHE_BYTES, maxParts = 8) {
    this.lines = new TokenCache(tokenize, { maxBytes: lineBytes });
    this.parts = new TokenCache(tokenize, { maxBytes: PARTS_BYTES, maxEntries: maxParts });
  }
}

/** Splits text into lines (each keeps its '\n'; '\r\n' stays whole) and long lines into pieces. */
export function splitPieces(text: string, pieceChars = PIECE_CHARS): string[][] {
  const lines: string[][] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    lines.push(linePieces(text, start, end, pieceChars));
    start = end;
  }
  return lines;
}

function linePieces(text: string, start: number, end: number, pieceChars: number): string[] {
  if (end - start <= pieceChars) return [text.slice(start, end)];
  const pieces: string[] = [];
  let at = start;
  while (at < end) {
    let next = Math.min(end, at + pieceChars);
    // Never split a surrogate pair (an emoji) or a "\r\n".
    const code = text.charCodeAt(next - 1);
    if (next < end && ((code >= 0xd800 && code <= 0xdbff) || text[next - 1] === '\r')) next++;
    pieces.push(text.slice(at, next));
    at = next;
  }
  return pieces;
}

export interface FittedPrompt {
  tokens: Token[];
  /** Tokens the prompt would have had before trimming. */
  untrimmedTokens: number;
  /** Prompt tokens dropped to fit (0 when it fitted). */
  trimmedTokens: number;
  /** False when even an empty prefix does not fit (chunks + suffix over the budget): nothing is sent. */
  fits: boolean;
}

/** The prompt's tokens within `budget`, trimming the far prefix as described at the top. */
export function fitPrompt(parts: FimPromptParts, budget: number, caches: PromptTokenCaches): FittedPrompt {
  const before = caches.parts.tokens(parts.before, true);
  const after = caches.parts.tokens(parts.after, true);
  // Prefix text is workspace content: never parsed as control tokens.
  const lines = splitPieces(parts.prefix).map((pieces) => pieces.map((p) => caches.lines.tokens(p, false)));
  const lineTokens = lines.map((pieces) => pieces.reduce((n, t) => n + t.length, 0));
  const fixed = before.length + after.length;
  let prefixTokens = lineTokens.reduce((n, t) => n + t, 0);
  const untrimmed = fixed + prefixTokens;
  let firstLine = 0;
  let firstPiece = 0;
  const anchor = Math.max(1, parts.anchorLines);
  const last = lines.length - 1;
  // Whole anchor groups, then single lines (never the cursor's line), then the cursor line's pieces.
  while (fixed + prefixTokens > budget && firstLine + anchor <= last) {
    for (let i = 0; i < anchor; i++) prefixTokens -= lineTokens[firstLine + i];
    firstLine += anchor;
  }
  while (fixed + prefixTokens > budget && firstLine < last) prefixTokens -= lineTokens[firstLine++];
  if (fixed + prefixTokens > budget && last >= 0) {
    const pieces = lines[last];
    while (fixed + prefixTokens > budget && firstPiece < pieces.length - 1) prefixTokens -= pieces[firstPiece++].length;
  }
  const fits = fixed + prefixTokens <= budget;
  const tokens: Token[] = [];
  if (fits) {
    push(tokens, before);
    for (let l = firstLine; l <= last; l++) {
      const pieces = lines[l];
      for (let p = l === firstLine && l === last ? firstPiece : 0; p < pieces.length; p++) push(tokens, pieces[p]);
    }
    push(tokens, after);
  }
  return { tokens, untrimmedTokens: untrimmed, trimmedTokens: fits ? untrimmed - tokens.length : untrimmed, fits };
}

function push(into: Token[], tokens: ArrayLike<Token>): void {
  for (let i = 0; i < tokens.length; i++) into.push(tokens[i]);
}
