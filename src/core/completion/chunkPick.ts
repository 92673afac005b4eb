// Which context chunks go into a prompt, with the calibrated token estimate (tokenEstimate.ts:
// characters per token learnt from the engine's own counts of real prompts), the same count the
// prompt builder uses — so a chunk chosen here is never dropped there for being too large.
//
// The newest chunks that fit the budget are taken (newest first, returned oldest first: ring
// order keeps the prompt's front stable). When none fits — a model whose tokens are bytes, a long
// chunk — the newest is cut around its centre (whole lines outward from its middle line; the
// middle characters of a single giant line) instead of leaving the prompt without context.
// The choice depends only on the chunks, the budget and the estimate: it stays put while typing.
import type { CountTokens } from './types';

export interface PickableChunk {
  filePath: string;
  text: string;
  startLine: number;
}

/** Tokens a chunk takes in a prompt: its text, its path and the template's separators. */
export function chunkCost(count: CountTokens, chunk: Pick<PickableChunk, 'filePath' | 'text'>): number {
  return count(chunk.text) + count(chunk.filePath) + 4;
}

/**
 * The chunks for a prompt from `newestFirst` (already without the file being completed): those
 * that fit `budget`, oldest first; or, when none fits, the newest one cut around its centre.
 */
export function pickChunks<C extends PickableChunk>(newestFirst: readonly C[], budget: number, count: CountTokens): C[] {
  const chosen: C[] = [];
  let used = 0;
  for (const chunk of newestFirst) {
    const tokens = chunkCost(count, chunk);
    if (used + tokens > budget) continue;
    used += tokens;
    chosen.push(chunk);
  }
  if (chosen.length === 0 && newestFirst.length > 0) {
    const cut = cutAroundCentre(newestFirst[0], budget, count);
    if (cut) chosen.push(cut);
  }
  return chosen.reverse();
}

/**
 * The part of `chunk` around its centre that fits `budget` tokens (chunkCost): whole lines
 * outward from the middle line, one below then one above; or, when even the middle line does
 * not fit, its middle characters. Undefined when not even its path fits.
 */
export function cutAroundCentre<C extends PickableChunk>(chunk: C, budget: number, count: CountTokens): C | undefined {
  const fits = (text: string) => chunkCost(count, { filePath: chunk.filePath, text }) <= budget;
  if (!fits('')) return undefined;
  if (fits(chunk.text)) return chunk;
  const lines = chunk.text.split('\n');
  const centre = Math.floor((lines.length - 1) / 2);
  let start = centre;
  let end = centre + 1;
  const text = (s: number, e: number) => lines.slice(s, e).join('\n');
  if (!fits(text(start, end))) {
    const middle = middleChars(lines[centre], fits);
    return middle ? { ...chunk, text: middle, startLine: chunk.startLine + centre } : undefined;
  }
  for (let grew = true; grew;) {
    grew = false;
    if (end < lines.length && fits(text(start, end + 1))) { end++; grew = true; }
    if (start > 0 && fits(text(start - 1, end))) { start--; grew = true; }
  }
  return { ...chunk, text: text(start, end), startLine: chunk.startLine + start };
}

/** The longest middle part of `line` that `fits` (binary search on its length), surrogate pairs kept whole. */
function middleChars(line: string, fits: (text: string) => boolean): string | undefined {
  const slice = (length: number) => {
    let from = Math.floor((line.length - length) / 2);
    let to = from + length;
    if (from > 0 && isLowSurrogate(line.charCodeAt(from))) from++;
    if (to < line.length && isLowSurrogate(line.charCodeAt(to))) to--;
    return line.slice(from, Math.max(from, to));
  };
  let low = 0;
  let high = line.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(slice(mid))) low = mid;
    else high = mid - 1;
  }
  const best = slice(low);
  return best.trim() ? best : undefined;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
