// Lines a chat code block shares with the file: where its first lines occur (once) and where its
// last line follows them. Whole lines, compared without surrounding whitespace unless noted.

export interface Anchor {
  /** First file line of the match. */
  at: number;
  /** How many consecutive lines match. */
  len: number;
}

/** A line that can anchor on its own: not blank, not only brackets and punctuation. */
export const significant = (line: string): boolean => line.trim().length >= 3 && !/^[\s{}()[\];,]*$/.test(line);

const same = (a: string, b: string) => a.trim() === b.trim();

/** First and last non-blank snippet lines, or undefined for a blank snippet. */
export function bounds(snip: string[]): { lead: number; tail: number } | undefined {
  const lead = snip.findIndex((l) => l.trim() !== '');
  if (lead < 0) return undefined;
  let tail = snip.length - 1;
  while (tail > lead && snip[tail].trim() === '') tail--;
  return { lead, tail };
}

/** Where the snippet's leading lines occur in the file: the longest run, if no other is as long. */
export function prefixAnchor(file: string[], snip: string[], lead: number, tail: number): Anchor | undefined {
  if (!significant(snip[lead])) return undefined;
  let best: Anchor | undefined;
  let tie = false;
  for (let i = 0; i < file.length; i++) {
    if (!same(file[i], snip[lead])) continue;
    let len = 1;
    while (i + len < file.length && lead + len <= tail && same(file[i + len], snip[lead + len])) len++;
    if (!best || len > best.len) { best = { at: i, len }; tie = false; } else if (len === best.len) tie = true;
  }
  return tie ? undefined : best;
}

/**
 * The file line that closes the span opened by a prefix anchor: the first line at or after `from`
 * equal to the snippet's last line with the same indentation (a closing brace closes the nearest
 * block, never one further down).
 */
export function closingLine(file: string[], snip: string[], tail: number, from: number): number | undefined {
  const want = snip[tail].trimEnd();
  for (let j = from; j < file.length; j++) if (file[j].trimEnd() === want) return j;
  return undefined;
}

/** Where the snippet's trailing lines occur in the file, when its last line is distinctive and occurs once. */
export function suffixAnchor(file: string[], snip: string[], lead: number, tail: number): Anchor | undefined {
  if (!significant(snip[tail])) return undefined;
  const hits = file.flatMap((l, j) => (same(l, snip[tail]) ? [j] : []));
  if (hits.length !== 1) return undefined;
  const j = hits[0];
  let len = 1;
  while (j - len >= 0 && tail - len >= lead && same(file[j - len], snip[tail - len])) len++;
  return { at: j - len + 1, len };
}
