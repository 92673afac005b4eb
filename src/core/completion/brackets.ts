// Bracket bookkeeping for post-processing: which brackets the text before the cursor leaves open,
// which closers the text after the cursor already has, and where a suggestion would close more
// than is left to close. A light scanner: skips string literals and comments, nothing more.

const OPEN_FOR: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const OPENERS = new Set(['(', '[', '{']);

export interface ScanOptions {
  /** `#` starts a line comment (Python, shell, YAML, ...). */
  hashComments?: boolean;
}

export interface BracketScan {
  /** Openers left open at the end, outermost first. */
  open: string[];
  /** Closers that matched nothing before them, in order. */
  unmatchedClosers: string[];
  /** Offset of each unmatched closer (same order). */
  unmatchedAt: number[];
}

/** Scans `text` for brackets outside strings and comments. */
export function scanBrackets(text: string, options: ScanOptions = {}): BracketScan {
  const open: string[] = [];
  const unmatchedClosers: string[] = [];
  const unmatchedAt: number[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') { i = lineEnd(text, i); continue; }
    if (ch === '#' && options.hashComments) { i = lineEnd(text, i); continue; }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') { i = stringEnd(text, i, ch); continue; }
    if (OPENERS.has(ch)) open.push(ch);
    else if (ch in OPEN_FOR) {
      if (open.length > 0 && open[open.length - 1] === OPEN_FOR[ch]) open.pop();
      else { unmatchedClosers.push(ch); unmatchedAt.push(i); }
    }
    i++;
  }
  return { open, unmatchedClosers, unmatchedAt };
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** End of a string literal starting at `from`; ' and " end at the end of their line if unclosed. */
function stringEnd(text: string, from: number, quote: string): number {
  for (let i = from + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') { i++; continue; }
    if (ch === quote) return i + 1;
    if (ch === '\n' && quote !== '`') return i;
  }
  return text.length;
}

/**
 * Offset in `suggestion` of the first closer that would close more than is left to close: the
 * brackets the prefix leaves open, minus those the suffix already closes (the suffix closes the
 * outer ones, so the suggestion may close only the innermost `open - closedBySuffix`). A closer
 * of the wrong kind counts as an overflow too. Undefined when the suggestion fits.
 */
export function overflowingCloser(prefix: string, suggestion: string, suffix: string, options: ScanOptions = {}): number | undefined {
  const before = scanBrackets(prefix, options).open;
  const closedBySuffix = scanBrackets(suffix, options).unmatchedClosers.length;
  const available = before.slice(Math.min(before.length, closedBySuffix));
  const own = scanBrackets(suggestion, options);
  for (let j = 0; j < own.unmatchedClosers.length; j++) {
    const top = available.pop();
    if (top !== OPEN_FOR[own.unmatchedClosers[j]]) return own.unmatchedAt[j];
  }
  return undefined;
}
