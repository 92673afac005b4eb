// Locating search hunks in a file's current text: exact matches only. Whitespace differences are
// never fuzzed into a match, but when a whitespace-insensitive match exists the reason says so.
import type { Hunk, Replacement } from './types';

export type HunkLocation =
  | { ok: true; replacement: Replacement }
  | { ok: false; reason: string };

/** Every start offset of `needle` in `haystack`, overlapping ones included (they make a match ambiguous too). */
export function findAll(haystack: string, needle: string, limit = 50): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  let at = haystack.indexOf(needle);
  while (at !== -1 && out.length < limit) {
    out.push(at);
    at = haystack.indexOf(needle, at + 1);
  }
  return out;
}

/** 1-based line number of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The file's line ending when it uses CRLF throughout more than LF alone. */
function usesCrlf(text: string): boolean {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > 0 && crlf >= lf;
}

const toCrlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** Lines with whitespace collapsed, for the hint only. */
function squash(s: string): string {
  return s.split(/\r?\n/).map((l) => l.trim().replace(/\s+/g, ' ')).filter((l) => l !== '').join('\n');
}

/** Where a whitespace-insensitive copy of `search` starts (1-based lines), for hints. */
function looseMatchLines(text: string, search: string): number[] {
  const want = squash(search);
  if (want === '') return [];
  const lines = text.split('\n');
  const wantCount = want.split('\n').length;
  const hits: number[] = [];
  for (let i = 0; i < lines.length && hits.length < 5; i++) {
    if (lines[i].trim() === '') continue;
    // Take non-blank lines from i until we have as many as the search has.
    const taken: string[] = [];
    for (let j = i; j < lines.length && taken.length < wantCount; j++) if (lines[j].trim() !== '') taken.push(lines[j]);
    if (taken.length === wantCount && squash(taken.join('\n')) === want) hits.push(i + 1);
  }
  return hits;
}



/**
 * Finds hunk `index` in `text` (the file's current contents). Exact match, exactly once. Two
 * allowances that are not fuzzing: in a CRLF file, LF-only hunks are matched with CRLF line
 * endings; a search ending in a newline also matches the file's last line when the file lacks a
 * final newline.
 */
export function locateHunk(text: string, hunk: Hunk, index: number, total: number): HunkLocation {
  const label = total > 1 ? `hunk ${index + 1} of ${total}` : 'the hunk';
  if (typeof hunk.search !== 'string' || hunk.search === '') return { ok: false, reason: `${label} has an empty search text (it would match everywhere)` };
  let { search, replace } = hunk;
  if (usesCrlf(text) && !search.includes('\r')) {
    search = toCrlf(search);
    replace = toCrlf(replace);
  }
  let starts = findAll(text, search);
  if (starts.length === 0 && /\r?\n$/.test(search)) {
    const bare = search.replace(/\r?\n$/, '');
    const atEnd = text.length - bare.length;
    if (bare !== '' && text.endsWith(bare) && findAll(text, bare).length === 1) {
      search = bare;
      replace = replace.replace(/\r?\n$/, '');
      starts = [atEnd];
    }
  }
  if (starts.length === 1) {
    return { ok: true, replacement: { start: starts[0], end: starts[0] + search.length, text: replace, hunk: index } };
  }
  if (starts.length > 1) {
    const lines = starts.slice(0, 5).map((s) => lineAt(text, s));
    const more = starts.length >= 50 ? ' or more' : '';
    return { ok: false, reason: `${label}: the search text matches ${starts.length}${more} places (lines ${lines.join(', ')}${starts.length > 5 ? ', …' : ''}); it needs more context to be unique` };
  }
  const loose = looseMatchLines(text, hunk.search);
  const hint = loose.length === 0
    ? ''
    : ` (a match exists when whitespace is ignored, at ${loose.length === 1 ? 'line' : 'lines'} ${loose.join(', ')}: the model's copy differs in indentation, spacing or blank lines)`;
  return { ok: false, reason: `${label}: the search text matches 0 places in the current file${hint}` };
}

/** Checks located replacements for overlaps; returns them sorted, or the reason they conflict. */
export function orderReplacements(text: string, replacements: Replacement[]): { ok: true; sorted: Replacement[] } | { ok: false; reason: string } {
  const sorted = [...replacements].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.start < prev.end) {
      const [a, b] = [prev.hunk, cur.hunk].sort((x, y) => x - y);
      return { ok: false, reason: `hunks ${a + 1} and ${b + 1} overlap (both change line ${lineAt(text, cur.start)}); they conflict` };
    }
  }
  return { ok: true, sorted };
}


