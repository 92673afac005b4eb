// Turns raw model output into the suggestion to show, or nothing. Pure: the decisions depend
// only on the text around the cursor.

import { overflowingCloser } from './brackets';
import { lineComment } from '../commentSyntax';

export type CompletionMode = 'single' | 'multi';

export type DropReason = 'whitespace' | 'repeats-suffix' | 'repeats-next-line' | 'empty-after-cut';

export interface PostprocessInput {
  /** Raw text the model produced. */
  text: string;
  /** Text before the cursor (the prompt's prefix window is enough). */
  prefix: string;
  /** Text after the cursor (the prompt's suffix window is enough). */
  suffix: string;
  languageId?: string;
  /** Decided from the cursor context when not given. */
  mode?: CompletionMode;
  /** Most lines a multi-line suggestion may have. */
  maxLines?: number;
}

export interface PostprocessResult {
  /** The suggestion; empty when dropped. */
  text: string;
  mode: CompletionMode;
  dropped?: DropReason;
  /** What shortened the raw text, for logs and tests. */
  cuts: string[];
}

export const DEFAULT_MAX_LINES = 10;

const BLOCK_OPENER = /(\{|\(|\[|:|=>)\s*$/;
const CLOSER_LINE = /^\s*[)\]}]/;
const ONLY_CLOSERS = /^[)\]}]+[;,]?$/;

export interface LineContext {
  /** The cursor's line before / after the cursor. */
  linePrefix: string;
  lineSuffix: string;
  /** First non-empty line after the cursor's line, trimmed ('' when none). */
  nextLine: string;
}

export function lineContext(prefix: string, suffix: string): LineContext {
  const linePrefix = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const nl = suffix.indexOf('\n');
  const lineSuffix = (nl < 0 ? suffix : suffix.slice(0, nl)).replace(/\r$/, '');
  let nextLine = '';
  if (nl >= 0) {
    for (const line of suffix.slice(nl + 1).split('\n')) {
      if (line.trim()) { nextLine = line.trim(); break; }
    }
  }
  return { linePrefix, lineSuffix, nextLine };
}

/**
 * Single line when there is text after the cursor (mid-line), multi-line at the end of a line
 * that opens a block (`{`, `(`, `[`, `:`, `=>`), on an empty line, or between a `{` and the `}`
 * right after it; single line otherwise (finishing a statement).
 */
export function decideMode(linePrefix: string, lineSuffix: string): CompletionMode {
  const after = lineSuffix.trim();
  const before = linePrefix.trimEnd();
  if (after) return ONLY_CLOSERS.test(after) && before.endsWith('{') ? 'multi' : 'single';
  if (!before.trim()) return 'multi';
  return BLOCK_OPENER.test(before) ? 'multi' : 'single';
}

function indentWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width++;
    else if (ch === '\t') width += 4;
    else break;
  }
  return width;
}

/** Cuts a multi-line suggestion at the end of its block, at a repeat of the next line, and at maxLines. */
function cutLines(text: string, ctx: LineContext, maxLines: number, cuts: string[]): string {
  const lines = text.split('\n');
  const startIndent = indentWidth(ctx.linePrefix);
  const opened = BLOCK_OPENER.test(ctx.linePrefix.trimEnd());
  const blankLine = !ctx.linePrefix.trim();
  let keep = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const full = i === 0 ? ctx.linePrefix + lines[0] : lines[i];
    if (!full.trim()) continue;
    if (ctx.nextLine && full.trim() === ctx.nextLine && (i > 0 || blankLine)) {
      keep = i; cuts.push('repeats-next-line'); break;
    }
    if (i === 0) continue;
    const indent = indentWidth(full);
    if (opened ? indent <= startIndent : indent < startIndent) {
      if (opened && indent === startIndent && CLOSER_LINE.test(full)) { keep = i + 1; cuts.push('block-end'); break; }
      keep = i; cuts.push('dedent'); break;
    }
  }
  if (keep > maxLines) { keep = maxLines; cuts.push('max-lines'); }
  return lines.slice(0, keep).join('\n');
}

/** Longest k such that `text` ends with the first k characters of `after`. */
function overlapWith(text: string, after: string): number {
  for (let k = Math.min(text.length, after.length); k > 0; k--) {
    if (text.endsWith(after.slice(0, k))) return k;
  }
  return 0;
}

export function postprocess(input: PostprocessInput): PostprocessResult {
  const cuts: string[] = [];
  const ctx = lineContext(input.prefix, input.suffix);
  const mode = input.mode ?? decideMode(ctx.linePrefix, ctx.lineSuffix);
  const drop = (dropped: DropReason): PostprocessResult => ({ text: '', mode, dropped, cuts });
  let text = input.text.replace(/\r/g, '');
  if (!text.trim()) return drop('whitespace');

  if (mode === 'single') {
    const nl = text.indexOf('\n');
    if (nl >= 0) { text = text.slice(0, nl); cuts.push('single-line'); }
  } else {
    text = cutLines(text, ctx, input.maxLines ?? DEFAULT_MAX_LINES, cuts);
  }

  const after = ctx.lineSuffix.trimStart();
  if (after && text.trim() && after.startsWith(text.trim())) return drop('repeats-suffix');

  const hashComments = lineComment(input.languageId ?? '', '').startsWith('#');
  const over = overflowingCloser(input.prefix, text, input.suffix, { hashComments });
  if (over !== undefined) { text = text.slice(0, over); cuts.push('bracket-overflow'); }

  if (after && mode === 'multi') {
    // Between `{` and `}`: end on a new line at the line's indentation, so the `}` lands below.
    text = text.replace(/\s+$/, '');
    if (text.includes('\n')) text += `\n${ctx.linePrefix.match(/^\s*/)?.[0] ?? ''}`;
  } else {
    text = text.trimEnd();
  }
  if (after && mode === 'single') {
    const k = overlapWith(text, after);
    if (k > 0) { text = text.slice(0, text.length - k).trimEnd(); cuts.push('suffix-overlap'); }
  }

  if (!text.trim()) {
    if (cuts.includes('repeats-next-line')) return drop('repeats-next-line');
    if (cuts.includes('suffix-overlap')) return drop('repeats-suffix');
    return drop(cuts.length > 0 ? 'empty-after-cut' : 'whitespace');
  }
  if (after && after.startsWith(text.trim())) return drop('repeats-suffix');
  if (!after && ctx.nextLine && (ctx.linePrefix + text).trim() === ctx.nextLine) return drop('repeats-next-line');
  return { text, mode, cuts };
}
