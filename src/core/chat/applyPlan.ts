// Where "Apply to file" puts a chat code block (pure). The user always sees the result as a diff
// before anything changes. In order:
//  1. a selection in the target editor: the block replaces the selection;
//  2. the block is the whole file (it starts and ends where the file does, or declares every
//     top-level symbol of it) — or the file is empty: it replaces the whole file;
//  3. the block redefines symbols of the file (document symbols from the editor): it replaces
//     them — one symbol, or neighbouring ones — with their doc comments, re-indented to fit;
//  4. the block shares lines with the file: its first lines occur once, and its last line closes
//     the span (the "changed function" without symbols); or it starts/ends with lines that occur
//     once in the file, and the rest is inserted after/before them;
//  5. otherwise it is inserted at the cursor (after the cursor's line), or at the end of the file.
// A partial block never replaces the whole file.
import { bounds, closingLine, prefixAnchor, suffixAnchor } from './lineAnchors';
import { indentOf, isComment, leadingTrivia, snippetDecls } from './snippetDecls';

/** A document symbol as offsets in the file's text (from the editor's symbol provider). */
export interface SymbolSpan {
  name: string;
  start: number;
  end: number;
  children?: SymbolSpan[];
}

export interface ApplyContext {
  selection?: { start: number; end: number };
  /** Cursor offset in the target editor, if the file is open there. */
  cursor?: number;
  symbols?: SymbolSpan[];
}

export type ApplyHow = 'selection' | 'whole-file' | 'symbol' | 'span' | 'after-anchor' | 'before-anchor' | 'cursor' | 'end';

export interface ApplyPlan {
  /** Offsets in the original text replaced by `text`. */
  start: number;
  end: number;
  text: string;
  how: ApplyHow;
  /** The symbols replaced (how === 'symbol'). */
  symbols?: string[];
}

interface LinePlan { from: number; to: number; lines: string[]; how: ApplyHow; symbols?: string[] }

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

const lineOf = (starts: number[], offset: number): number => {
  let lo = 0; let hi = starts.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
  return lo;
};

/** Adds the file's deeper indentation to every line when the block was written less indented. */
function reindent(lines: string[], snipIndent: string, fileIndent: string): string[] {
  if (fileIndent.length <= snipIndent.length || !fileIndent.startsWith(snipIndent)) return lines;
  const extra = fileIndent.slice(snipIndent.length);
  return lines.map((l) => (l.trim() === '' ? l : extra + l));
}

function flatten(symbols: SymbolSpan[], out: { sym: SymbolSpan; siblings: SymbolSpan[] }[] = []) {
  for (const s of symbols) {
    out.push({ sym: s, siblings: symbols });
    if (s.children?.length) flatten(s.children, out);
  }
  return out;
}

function bySymbols(file: string[], starts: number[], snip: string[], lead: number, tail: number, symbols: SymbolSpan[]): LinePlan | undefined {
  const decls = snippetDecls(snip.slice(0, tail + 1));
  if (!decls.length) return undefined;
  // What precedes the first declaration must travel with it (comments, decorators, blank lines).
  if (snip.slice(lead, decls[0].line).some((l) => l.trim() !== '' && !isComment(l.trim()) && !/^@\w/.test(l.trim()))) return undefined;
  const all = flatten(symbols);
  const found: { sym: SymbolSpan; siblings: SymbolSpan[] }[] = [];
  for (const d of decls) {
    let hits = all.filter((h) => h.sym.name === d.name);
    if (hits.length > 1) hits = hits.filter((h) => file[lineOf(starts, h.sym.start)].trim() === snip[d.line].trim());
    if (hits.length === 1 && !found.some((f) => f.sym === hits[0].sym)) found.push(hits[0]);
  }
  if (!found.length) return undefined;
  // Only neighbours in one scope: never swallow a symbol of the file that the block does not mention.
  const siblings = found[0].siblings;
  if (found.some((f) => f.siblings !== siblings)) return undefined;
  const idx = found.map((f) => siblings.indexOf(f.sym)).sort((a, b) => a - b);
  if (idx[idx.length - 1] - idx[0] !== idx.length - 1) return undefined;
  const first = siblings[idx[0]];
  const last = siblings[idx[idx.length - 1]];
  let from = lineOf(starts, first.start);
  let endLine = lineOf(starts, Math.max(last.start, last.end - 1));
  if (last.end > 0 && starts[lineOf(starts, last.end)] === last.end && lineOf(starts, last.end) > from) endLine = lineOf(starts, last.end) - 1;
  // The block brings its own doc comment: it replaces the file's.
  if (decls[0].line > lead) from -= leadingTrivia(file, from);
  const declLine = snip[decls[0].line];
  const fileDecl = file[lineOf(starts, first.start)];
  const lines = reindent(snip.slice(lead, tail + 1), declLine.slice(0, indentOf(declLine)), fileDecl.slice(0, indentOf(fileDecl)));
  return { from, to: endLine + 1, lines, how: 'symbol', symbols: found.map((f) => f.sym.name) };
}

function byAnchors(file: string[], snip: string[], lead: number, tail: number): LinePlan | undefined {
  const lines = snip.slice(lead, tail + 1);
  const pre = prefixAnchor(file, snip, lead, tail);
  if (pre) {
    if (pre.len === lines.length) return { from: pre.at, to: pre.at + pre.len, lines, how: 'span' };
    const close = closingLine(file, snip, tail, pre.at + pre.len);
    if (close !== undefined) return { from: pre.at, to: close + 1, lines, how: 'span' };
    return { from: pre.at, to: pre.at + pre.len, lines, how: 'after-anchor' };
  }
  const suf = suffixAnchor(file, snip, lead, tail);
  if (suf) return { from: suf.at, to: suf.at + suf.len, lines, how: 'before-anchor' };
  return undefined;
}

function isWholeFile(file: string[], snip: string[], lead: number, tail: number, symbols: SymbolSpan[]): boolean {
  const fb = bounds(file);
  if (!fb) return true;
  const same = (a: string, b: string) => a.trim() === b.trim();
  if (same(file[fb.lead], snip[lead]) && same(file[fb.tail], snip[tail]) && tail - lead + 1 >= (fb.tail - fb.lead + 1) / 2) return true;
  if (symbols.length < 2) return false;
  const declared = new Set(snippetDecls(snip).map((d) => d.name));
  return symbols.every((s) => declared.has(s.name));
}

export function planApply(original: string, code: string, ctx: ApplyContext = {}): ApplyPlan {
  const { selection } = ctx;
  const block = code.endsWith('\n') || original === '' ? code : `${code}\n`;
  if (selection && selection.end > selection.start) {
    return { start: selection.start, end: selection.end, text: original.slice(selection.start, selection.end).endsWith('\n') ? block : code, how: 'selection' };
  }
  const file = original.split('\n');
  const snip = code.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const b = bounds(snip);
  const symbols = ctx.symbols ?? [];
  if (!b || isWholeFile(file, snip, b.lead, b.tail, symbols)) return { start: 0, end: original.length, text: block, how: 'whole-file' };
  const starts = lineStarts(original);
  const plan = bySymbols(file, starts, snip, b.lead, b.tail, symbols) ?? byAnchors(file, snip, b.lead, b.tail);
  if (plan) {
    const start = starts[plan.from];
    const end = plan.to < starts.length ? starts[plan.to] : original.length;
    const body = plan.lines.join('\n');
    const text = end === original.length && !original.endsWith('\n') ? body : `${body}\n`;
    return { start, end, text, how: plan.how, ...(plan.symbols ? { symbols: plan.symbols } : {}) };
  }
  const body = `${snip.slice(b.lead, b.tail + 1).join('\n')}\n`;
  if (ctx.cursor !== undefined && ctx.cursor <= original.length) {
    // At the cursor's line when it is blank or the cursor is at its start; else after that line.
    const line = lineOf(starts, ctx.cursor);
    const at = file[line].trim() === '' || ctx.cursor === starts[line] ? starts[line] : (line + 1 < starts.length ? starts[line + 1] : original.length);
    const needsBreak = at === original.length && original !== '' && !original.endsWith('\n');
    return { start: at, end: at, text: needsBreak ? `\n${body}` : body, how: 'cursor' };
  }
  const sep = original === '' || original.endsWith('\n\n') ? '' : original.endsWith('\n') ? '\n' : '\n\n';
  return { start: original.length, end: original.length, text: `${sep}${body}`, how: 'end' };
}

/** The file after the plan is applied. */
export function applied(original: string, plan: ApplyPlan): string {
  return original.slice(0, plan.start) + plan.text + original.slice(plan.end);
}

/** One sentence for the confirmation: what the change replaces or where it goes (1-based lines). */
export function describePlan(original: string, plan: ApplyPlan): string {
  const starts = lineStarts(original);
  const a = lineOf(starts, plan.start) + 1;
  const z = Math.max(a, lineOf(starts, Math.max(plan.start, plan.end - 1)) + 1);
  const lines = a === z ? `line ${a}` : `lines ${a}–${z}`;
  const n = plan.text.replace(/\n$/, '').split('\n').length;
  const added = `${n} line${n === 1 ? '' : 's'}`;
  switch (plan.how) {
    case 'selection': return `It replaces the selection (${lines}).`;
    case 'whole-file': return original === '' ? 'It writes the file.' : 'It replaces the whole file.';
    case 'symbol': return `It replaces ${plan.symbols!.map((s) => `\`${s}\``).join(', ')} (${lines}).`;
    case 'span': return `It replaces ${lines}, found by the lines the code shares with the file.`;
    case 'after-anchor': return `It adds code after ${lines}, which the code starts with.`;
    case 'before-anchor': return `It adds code before ${lines}, which the code ends with.`;
    case 'cursor': return `It inserts ${added} at line ${a} (the cursor).`;
    case 'end': return `It adds ${added} at the end of the file.`;
  }
}
