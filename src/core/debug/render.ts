// One evidence item as a prompt block (a heading and a fenced body, code lines numbered as in the
// file), and its graceful truncation: cut at line boundaries, keep the head and the focus region
// (the failing lines), say what was cut.
import type { EvidenceItem } from './types';

export type CountTokens = (text: string) => number;

const KIND_LABEL: Record<EvidenceItem['kind'], string> = {
  error: 'Error output',
  'failing-lines': 'Failing lines',
  selection: 'Selection',
  definition: 'Definition',
  diagnostics: 'Diagnostics',
  symbols: 'Definitions and references',
  diff: 'Uncommitted changes',
  'related-file': 'Related file',
};

function fenceFor(body: string): string {
  const runs = body.match(/`{3,}/g) ?? [];
  const longest = runs.reduce((n, r) => Math.max(n, r.length), 0);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The item's lines as they appear in the prompt: "  12 | code" when the item has a start line. */
function numbered(item: EvidenceItem, lines: string[]): string[] {
  if (item.startLine === undefined) return lines;
  const width = String(item.startLine + lines.length - 1).length;
  return lines.map((l, i) => `${String(item.startLine! + i).padStart(width)} | ${l}`);
}

function block(item: EvidenceItem, bodyLines: string[], note?: string): string {
  const body = bodyLines.join('\n');
  const fence = fenceFor(body);
  const heading = `### ${KIND_LABEL[item.kind]}: ${item.title}${note ? ` (${note})` : ''}`;
  return `${heading}\n${fence}${item.language ?? ''}\n${body}\n${fence}\n`;
}

/** The whole item as a prompt block. */
export function renderItem(item: EvidenceItem): string {
  return block(item, numbered(item, splitLines(item.text)));
}

/** Longer lines (minified code, data) are cut: they cost much and explain little. */
export const MAX_LINE_CHARS = 800;

export function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)} … (${l.length - MAX_LINE_CHARS} characters cut)` : l));
}

const FOCUS_CONTEXT = 6;
const FOCUS_FIRST = 1_000_000;

/**
 * The order in which lines are kept when an item does not fit: focus lines first, then the head
 * and the lines around the focus, alternating, so both grow together. Error output also keeps
 * its last lines (Python and Go print the error last).
 */
function keepOrder(item: EvidenceItem, count: number): number[] {
  const focus: number[] = [];
  const first = item.startLine ?? 1;
  for (const r of item.focus ?? []) {
    for (let l = Math.max(r.start, first); l <= Math.min(r.end, first + count - 1); l++) focus.push(l - first);
  }
  if (item.kind === 'error') for (let i = Math.max(0, count - 2); i < count; i++) focus.push(i);
  const rank = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    let dist = Infinity;
    for (const f of focus) dist = Math.min(dist, Math.abs(i - f));
    // The failing line and a few lines around it come before anything else.
    const focusRank = dist === Infinity ? Infinity : dist <= FOCUS_CONTEXT ? dist - FOCUS_FIRST : dist * 2 - 1;
    rank[i] = Math.min(i * 2, focusRank);
  }
  return [...rank.keys()].sort((a, b) => rank[a] - rank[b] || a - b);
}

function renderSubset(item: EvidenceItem, lines: string[], keep: Set<number>, total: number): string {
  const shown = numbered(item, lines);
  const out: string[] = [];
  let gapStart = -1;
  const first = item.startLine ?? 1;
  const flush = (end: number) => {
    if (gapStart < 0) return;
    const n = end - gapStart;
    out.push(item.startLine === undefined ? `… ${n} line${n === 1 ? '' : 's'} omitted …` : `… lines ${first + gapStart}-${first + end - 1} omitted …`);
    gapStart = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    if (keep.has(i)) {
      flush(i);
      out.push(shown[i]);
    } else if (gapStart < 0) gapStart = i;
  }
  flush(lines.length);
  return block(item, out, `truncated: ${keep.size} of ${total} lines`);
}

export interface Fitted {
  rendered: string;
  tokens: number;
  truncated: boolean;
}

/**
 * The item in at most `maxTokens` tokens: whole when it fits, otherwise truncated at line
 * boundaries keeping the head and the focus lines. Undefined when not even `minLines` fit.
 */
export function fitItem(item: EvidenceItem, maxTokens: number, count: CountTokens, minLines = 3): Fitted | undefined {
  const whole = renderItem(item);
  const wholeTokens = count(whole);
  if (wholeTokens <= maxTokens) return { rendered: whole, tokens: wholeTokens, truncated: false };
  const lines = splitLines(item.text);
  const order = keepOrder(item, lines.length);
  const attempt = (k: number) => {
    const rendered = renderSubset(item, lines, new Set(order.slice(0, k)), lines.length);
    return { rendered, tokens: count(rendered), truncated: true, lines: k };
  };
  let lo = Math.min(minLines, lines.length);
  let hi = lines.length - 1;
  let best: (Fitted & { lines: number }) | undefined;
  while (lo <= hi) {
    const k = (lo + hi) >> 1;
    const a = attempt(k);
    if (a.tokens <= maxTokens) {
      best = a;
      lo = k + 1;
    } else hi = k - 1;
  }
  if (!best) return undefined;
  return { rendered: best.rendered, tokens: best.tokens, truncated: true };
}
