// Lays out one FIM prompt: chunks from other files, the current file's header, a prefix window
// (whole lines before the cursor) and a small suffix window, inside a token budget.
//
// Layout (PSM families; see contextChunks.ts for why this order keeps the KV cache warm):
//   [FIM begin] [chunks, ring order] [file header] [prefix window] [FIM suffix] [suffix window] [FIM middle]
// The prefix window starts on a line number that is a multiple of `anchorLines`, and it is
// shortened for the budget in steps of `anchorLines` whole lines (far lines first): the start of
// the window moves only every `anchorLines` lines, not at each keystroke. The suffix window is
// small because in FIM it follows the prefix: every keystroke re-evaluates it.

import type { FimChunkPart, FimTemplate } from '../providers/local/fimTemplates';
import { PIECE_CHARS } from '../providers/local/promptTokens';
import { chunkCost } from './chunkPick';
import type { FimPromptParts } from '../providers/types';
import { estimateTokens, type CompletionRequest, type CountTokens } from './types';

export interface PromptOptions {
  /** The model's context window (tokens). */
  contextTokens: number;
  /** Tokens reserved for the completion. */
  maxOutputTokens: number;
  /** Most tokens the chunks from other files may take (also at most half of what is left). */
  chunkTokens: number;
  /** Whole lines before the cursor's line at most. */
  maxPrefixLines: number;
  /** Lines after the cursor's line at most (the rest of the cursor's line always counts). */
  maxSuffixLines: number;
  maxSuffixChars: number;
  /** Granularity (lines) of the prefix window's start. */
  anchorLines: number;
  countTokens: CountTokens;
  repoName?: string;
}

export const DEFAULT_PROMPT_OPTIONS: PromptOptions = {
  contextTokens: 4096,
  maxOutputTokens: 128,
  chunkTokens: 1024,
  maxPrefixLines: 128,
  maxSuffixLines: 12,
  maxSuffixChars: 800,
  anchorLines: 16,
  countTokens: estimateTokens,
};

/** Most of the prompt budget the suffix window may take. */
const SUFFIX_SHARE = 0.06;

/** Tokens left for the prompt once the completion is reserved. */
export function promptTokenBudget(o: Pick<PromptOptions, 'contextTokens' | 'maxOutputTokens'>): number {
  return Math.max(0, o.contextTokens - o.maxOutputTokens - 8);
}

/** Token budget for chunks from other files (fixed per settings, so the choice is stable). */
export function chunkTokenBudget(o: Pick<PromptOptions, 'contextTokens' | 'maxOutputTokens' | 'chunkTokens'>): number {
  return Math.min(o.chunkTokens, Math.floor(promptTokenBudget(o) / 2));
}

export interface PromptLayout {
  chunks: number;
  /** Characters at the front that depend only on chunks and file (kept by the KV cache while typing). */
  stableChars: number;
  /** Offset in request.prefix where the prefix window starts. */
  prefixStart: number;
  prefixChars: number;
  prefixLines: number;
  suffixChars: number;
  suffixLines: number;
  /** Whole lines dropped from the far prefix to fit the budget. */
  droppedPrefixLines: number;
  /** Estimated (or counted) prompt tokens. */
  tokens: number;
}

export interface BuiltPrompt {
  prompt: string;
  stop: string[];
  promptChars: number;
  layout: PromptLayout;
  /** The windows that went into the prompt (post-processing balances brackets against them). */
  prefixWindow: string;
  suffixWindow: string;
  /** The prompt in its layout parts, for an engine that counts and trims with the model's tokenizer. */
  parts: FimPromptParts;
}

function countNewlines(text: string, end = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Offset of the start of the line `linesBack` lines above the last line of `text`. */
function lineStartBack(text: string, linesBack: number): number {
  let pos = text.length;
  for (let i = 0; i <= linesBack; i++) {
    const nl = text.lastIndexOf('\n', pos - 1);
    if (nl < 0) return 0;
    pos = nl;
  }
  return pos + 1;
}

/** Offset just after the `lines`-th newline of `text` from `from`, or -1. */
function afterNewlines(text: string, from: number, lines: number): number {
  let pos = from;
  for (let i = 0; i < lines; i++) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return -1;
    pos = nl + 1;
  }
  return pos;
}

export function suffixWindow(suffix: string, maxLines: number, maxChars: number): string {
  const firstNl = suffix.indexOf('\n');
  if (firstNl < 0) return suffix.slice(0, maxChars);
  let end = afterNewlines(suffix, firstNl + 1, maxLines);
  if (end < 0) end = suffix.length;
  if (end <= maxChars) return suffix.slice(0, end);
  const cut = suffix.lastIndexOf('\n', maxChars);
  return cut > 0 ? suffix.slice(0, cut + 1) : suffix.slice(0, maxChars);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function buildPrompt(
  request: CompletionRequest,
  chunks: readonly FimChunkPart[],
  template: FimTemplate,
  options: Partial<PromptOptions> = {},
): BuiltPrompt {
  const o = { ...DEFAULT_PROMPT_OPTIONS, ...options };
  const count = o.countTokens;
  const budget = promptTokenBudget(o);

  // Suffix window: the rest of the cursor's line and a few lines, whole lines where possible.
  // At most SUFFIX_SHARE of the budget: the suffix follows the prefix, so each keystroke
  // re-evaluates it (with ~3.5 characters per token the character cap binds first).
  let suffix = suffixWindow(request.suffix, o.maxSuffixLines, o.maxSuffixChars);
  const suffixBudget = Math.floor(budget * SUFFIX_SHARE);
  while (suffix.length > 0 && count(suffix) > suffixBudget) {
    const shorter = suffix.lastIndexOf('\n', suffix.length - 2);
    let cut = shorter > 0 ? shorter + 1 : Math.floor(suffix.length / 2);
    if (cut > 0 && isHighSurrogate(suffix.charCodeAt(cut - 1))) cut--;
    suffix = suffix.slice(0, cut);
  }

  // Prefix window: from a line number that is a multiple of anchorLines.
  const cursorLine = request.cursorLine ?? countNewlines(request.prefix);
  const anchor = Math.max(1, o.anchorLines);
  let startLine = Math.max(0, Math.ceil((cursorLine - o.maxPrefixLines) / anchor) * anchor);
  let prefixStart = lineStartBack(request.prefix, cursorLine - startLine);

  // Chunks: drop the oldest if the caller passed more than the chunk budget.
  const chunkBudget = chunkTokenBudget(o);
  const costOf = (c: FimChunkPart) => chunkCost(count, c);
  let usedChunks = chunks.slice();
  let chunkTokens = usedChunks.reduce((sum, c) => sum + costOf(c), 0);
  while (usedChunks.length > 0 && chunkTokens > chunkBudget) {
    chunkTokens -= costOf(usedChunks[0]);
    usedChunks = usedChunks.slice(1);
  }
  const render = (prefix: string) => template.render({
    chunks: usedChunks, filePath: request.filePath, languageId: request.languageId, prefix, suffix, repoName: o.repoName,
  });
  // Everything but the prefix window: chunks, header, FIM tokens, suffix window.
  const fixedTokens = count(render('').prompt);

  // Prefix: drop far lines, anchorLines at a time, until it fits.
  const prefixBudget = Math.max(0, budget - fixedTokens);
  let window = request.prefix.slice(prefixStart);
  let prefixTokens = count(window);
  let dropped = 0;
  while (prefixTokens > prefixBudget && startLine < cursorLine) {
    const next = Math.min(cursorLine, startLine + anchor);
    const nextStart = afterNewlines(request.prefix, prefixStart, next - startLine);
    if (nextStart < 0) break;
    prefixTokens -= count(request.prefix.slice(prefixStart, nextStart));
    dropped += next - startLine;
    startLine = next;
    prefixStart = nextStart;
    window = request.prefix.slice(prefixStart);
  }
  if (prefixTokens > prefixBudget) {
    // A single giant line (minified code): keep its end, from a multiple of PIECE_CHARS counted
    // from the line's start, so the window's start moves only every PIECE_CHARS characters.
    const lineStart = request.prefix.lastIndexOf('\n') + 1;
    const keepChars = Math.max(0, Math.floor(window.length * (prefixBudget / Math.max(1, prefixTokens))));
    const from = Math.max(request.prefix.length - keepChars, lineStart);
    prefixStart = lineStart + Math.ceil((from - lineStart) / PIECE_CHARS) * PIECE_CHARS;
    prefixStart = Math.min(prefixStart, request.prefix.length);
    // Never start inside a surrogate pair (the worker splits its pieces the same way).
    if (prefixStart > lineStart && isHighSurrogate(request.prefix.charCodeAt(prefixStart - 1))) prefixStart++;
    window = request.prefix.slice(prefixStart);
    prefixTokens = count(window);
  }

  const rendered = render(window);
  const parts: FimPromptParts = {
    before: rendered.prompt.slice(0, rendered.prefixAt),
    prefix: window,
    after: rendered.prompt.slice(rendered.prefixAt + window.length),
    anchorLines: anchor,
  };
  return {
    parts,
    prompt: rendered.prompt,
    stop: [...template.stop],
    promptChars: rendered.prompt.length,
    prefixWindow: window,
    suffixWindow: suffix,
    layout: {
      chunks: usedChunks.length,
      stableChars: rendered.stableChars,
      prefixStart,
      prefixChars: window.length,
      prefixLines: cursorLine - startLine + 1,
      suffixChars: suffix.length,
      suffixLines: countNewlines(suffix) + 1,
      droppedPrefixLines: dropped,
      tokens: fixedTokens + prefixTokens,
    },
  };
}
