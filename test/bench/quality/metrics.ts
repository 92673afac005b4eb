// How good a suggestion is against what the author typed next (the quality benchmark, issue 13).
// Per position:
//   - exactLine: the suggestion's first line equals the author's first line (trailing
//     whitespace ignored) — 1 or 0;
//   - saved/typed: Tab keeps a suggestion only when the whole suggestion is a prefix of what
//     follows in the document; then it saves its length, capped at the characters the author
//     typed up to the end of that line (so a position counts at most its own line); otherwise 0.
//     `typed` is that line's length. charsSavedPer100 = 100 · Σ saved / Σ typed.
//   - editSim: 1 − Levenshtein(first lines) / the longer first line's length (1 when both empty).

export interface Truth {
  /** What the author typed from the position on, up to the end of what this replay types. */
  typed: string;
  /** The document after the position once the author is done (typed + the rest of the file). */
  follows: string;
}

export interface PositionScore { exactLine: number; saved: number; typed: number; editSim: number }

export interface VariantScore { positions: number; exactLine: number; charsSavedPer100: number; editSim: number; nonEmpty: number }

export const firstLine = (text: string): string => {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
};

/** Levenshtein distance (insert, delete, substitute: 1 each). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

export function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}

export function scorePosition(suggestion: string, truth: Truth): PositionScore {
  const want = firstLine(truth.typed).trimEnd();
  const got = firstLine(suggestion).trimEnd();
  const typed = firstLine(truth.typed).length;
  const kept = suggestion.length > 0 && truth.follows.startsWith(suggestion);
  return {
    exactLine: suggestion.length > 0 && got === want ? 1 : 0,
    saved: kept ? Math.min(suggestion.length, typed) : 0,
    typed,
    editSim: editSimilarity(got, want),
  };
}

export function aggregate(scores: readonly PositionScore[], suggestions: readonly string[]): VariantScore {
  const n = scores.length;
  const sum = (f: (s: PositionScore) => number) => scores.reduce((acc, s) => acc + f(s), 0);
  const typed = sum((s) => s.typed);
  return {
    positions: n,
    exactLine: n ? sum((s) => s.exactLine) / n : 0,
    charsSavedPer100: typed ? (100 * sum((s) => s.saved)) / typed : 0,
    editSim: n ? sum((s) => s.editSim) / n : 0,
    nonEmpty: suggestions.filter((s) => s.length > 0).length,
  };
}
