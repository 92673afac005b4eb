// Turns what the VS Code adapter gathered (plain data: file texts, diagnostics, symbol locations,
// diffs, the trace text) into evidence items. The trace decides which files and lines matter.
import { parseStackTrace } from './stackTrace';
import { failingLocations, mapFrames, type WorkspaceIndex } from './workspaceMap';
import type { DefinitionBody } from './definitions';
import type { EvidenceItem, LineRange, MappedFrame, ParsedTrace } from './types';

export interface SourceFile {
  /** Workspace-relative path. */
  path: string;
  text: string;
  /** Fence language (ts, py...); guessed from the extension when absent. */
  language?: string;
}

export interface DiagnosticInfo {
  path: string;
  /** 1-based. */
  line: number;
  column?: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
  code?: string | number;
}

export interface SymbolLocation {
  path: string;
  /** 1-based. */
  line: number;
  /** The line(s) of code there (a definition's signature, a reference's line). */
  text?: string;
}

/** Definitions and references of one symbol at a failing line (from VS Code's providers). */
export interface SymbolInfo {
  name: string;
  at: { path: string; line: number };
  definitions: SymbolLocation[];
  references: SymbolLocation[];
}

export interface DebugInput {
  /** Stack trace or error output (clipboard, terminal selection, input box). */
  traceText?: string;
  /** The editor: its file, and the selection (or cursor line) in it. 1-based lines. */
  active?: SourceFile & { selection?: LineRange; cursorLine?: number };
  /** Texts of the files the trace names (see `involvedFiles`) and of other related files. */
  files?: SourceFile[];
  diagnostics?: DiagnosticInfo[];
  symbols?: SymbolInfo[];
  /** Whole bodies of the functions called on the failing lines (followDefinitions). */
  definitions?: DefinitionBody[];
  /** Uncommitted changes: one unified diff, or one per file. */
  diff?: string | { path: string; text: string }[];
}

export interface CollectOptions {
  index: WorkspaceIndex;
  /** Lines kept around the cursor when nothing is selected. */
  cursorContext?: number;
  /** References listed per symbol. */
  maxReferences?: number;
  /** Workspace frames of the trace whose files are shown. */
  maxFailingFrames?: number;
  /** Definitions/references in these files are dropped (other items are filtered by path later). */
  isNeverSend?: (path: string) => boolean;
}

export interface Collected {
  items: EvidenceItem[];
  trace?: ParsedTrace;
  frames: MappedFrame[];
  /** Workspace files the trace names, innermost first: read these and pass them as `files`. */
  involved: string[];
}

const LANGUAGE_BY_EXT: Record<string, string> = {
  ts: 'ts', tsx: 'tsx', js: 'js', jsx: 'jsx', mjs: 'js', cjs: 'js', py: 'python', java: 'java', kt: 'kotlin',
  go: 'go', rs: 'rust', cs: 'csharp', c: 'c', h: 'c', cpp: 'cpp', hpp: 'cpp', rb: 'ruby', php: 'php', swift: 'swift',
  json: 'json', yml: 'yaml', yaml: 'yaml', sh: 'bash', css: 'css', html: 'html', vue: 'vue', svelte: 'svelte',
};

export function languageOf(path: string): string | undefined {
  return LANGUAGE_BY_EXT[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
}

/**
 * Step 1 of a Deep Debug run: which workspace files (and lines) the trace names, so the adapter
 * knows what to read and where to ask for definitions and references.
 */
export function analyzeTrace(traceText: string | undefined, index: WorkspaceIndex, maxFailingFrames = 4) {
  if (!traceText?.trim()) return { frames: [] as MappedFrame[], locations: [] as ReturnType<typeof failingLocations>, involved: [] as string[] };
  const trace = parseStackTrace(traceText);
  const frames = mapFrames(trace.frames, index);
  const locations = failingLocations(frames, maxFailingFrames);
  const involved = [...new Set(locations.map((l) => l.path))];
  return { trace, frames, locations, involved };
}

function symbolText(s: SymbolInfo, maxRefs: number): string {
  const loc = (l: SymbolLocation) => `${l.path}:${l.line}${l.text ? `\n${l.text.replace(/\s+$/, '').split('\n').map((t) => `    ${t}`).join('\n')}` : ''}`;
  const lines = [`${s.name} (used at ${s.at.path}:${s.at.line})`];
  if (s.definitions.length) lines.push('Definition:', ...s.definitions.map((d) => `  ${loc(d)}`));
  const refs = s.references.slice(0, maxRefs);
  if (refs.length) lines.push(`References (${refs.length}${s.references.length > refs.length ? ` of ${s.references.length}` : ''}):`, ...refs.map((r) => `  ${loc(r)}`));
  return lines.join('\n');
}

function diagnosticsText(list: DiagnosticInfo[]): string {
  return list
    .sort((a, b) => a.line - b.line)
    .map((d) => `${d.path}:${d.line}${d.column ? `:${d.column}` : ''} ${d.severity}${d.code !== undefined ? ` ${d.source ?? ''}${d.source ? ' ' : ''}${d.code}` : d.source ? ` ${d.source}` : ''}: ${d.message}`)
    .join('\n');
}

/** Evidence items from everything gathered, with the trace deciding the failing lines. */
export function collectEvidence(input: DebugInput, options: CollectOptions): Collected {
  const { index } = options;
  const items: EvidenceItem[] = [];
  const analysis = analyzeTrace(input.traceText, index, options.maxFailingFrames ?? 4);
  const files = new Map<string, SourceFile>();
  for (const f of input.files ?? []) files.set(f.path, f);
  if (input.active && !files.has(input.active.path)) files.set(input.active.path, input.active);

  if (input.traceText?.trim()) {
    items.push({ kind: 'error', title: analysis.trace?.errorType ? `${analysis.trace.errorType}${analysis.trace.message ? `: ${analysis.trace.message}` : ''}`.slice(0, 160) : 'error output', text: input.traceText.trim(), language: 'text' });
  }

  // The files the trace names, each with its failing lines as the focus (innermost frame first).
  const shown = new Set<string>();
  for (const path of analysis.involved) {
    const file = files.get(path);
    if (!file) continue;
    const lines = analysis.locations.filter((l) => l.path === path);
    const where = lines.map((l) => `${l.line}${l.function ? ` in ${l.function}` : ''}`).join(', ');
    items.push({
      kind: 'failing-lines', title: `${path}: line ${where}`, path, text: file.text, startLine: 1,
      focus: lines.map((l) => ({ start: l.line, end: l.line })), language: file.language ?? languageOf(path),
    });
    shown.add(path);
  }

  const active = input.active;
  const activeShown = active ? items.find((i) => i.kind === 'failing-lines' && i.path === active.path) : undefined;
  if (active && activeShown) {
    // The whole file is already there: the selection (or cursor) joins its focus instead.
    const sel = active.selection ?? (active.cursorLine !== undefined ? { start: active.cursorLine, end: active.cursorLine } : undefined);
    if (sel) activeShown.focus = [...(activeShown.focus ?? []), sel];
    if (active.selection) activeShown.title += ` (selection: lines ${active.selection.start}-${active.selection.end})`;
  } else if (active) {
    const total = active.text.split('\n').length;
    const around = options.cursorContext ?? 20;
    const sel = active.selection && active.selection.end >= active.selection.start ? active.selection : undefined;
    const range = sel ?? { start: Math.max(1, (active.cursorLine ?? 1) - around), end: Math.min(total, (active.cursorLine ?? 1) + around) };
    const text = active.text.split('\n').slice(range.start - 1, range.end).join('\n');
    if (text.trim()) {
      items.push({
        kind: 'selection', title: `${active.path} lines ${range.start}-${range.end}${sel ? ' (selection)' : ' (around the cursor)'}`,
        path: active.path, text, startLine: range.start, language: active.language ?? languageOf(active.path),
        ...(active.cursorLine !== undefined && !sel ? { focus: [{ start: active.cursorLine, end: active.cursorLine }] } : {}),
      });
    }
  }

  // Diagnostics: one item per file, the active and failing files first.
  const byFile = new Map<string, DiagnosticInfo[]>();
  for (const d of input.diagnostics ?? []) {
    if (d.severity === 'hint') continue;
    byFile.set(d.path, [...(byFile.get(d.path) ?? []), d]);
  }
  const rank = (p: string) => (p === active?.path ? 0 : shown.has(p) ? 1 : 2);
  for (const [path, list] of [...byFile.entries()].sort((a, b) => rank(a[0]) - rank(b[0]))) {
    items.push({ kind: 'diagnostics', title: `${path} (${list.length})`, path, text: diagnosticsText(list), priority: 70 - rank(path) });
  }

  // Bodies of what the failing lines call, unless their whole file is already shown.
  const wholeFile = new Set([...shown, ...(active && activeShown ? [active.path] : [])]);
  for (const d of input.definitions ?? []) {
    if (wholeFile.has(d.path) || options.isNeverSend?.(d.path)) continue;
    items.push({
      kind: 'definition', title: `${d.name} (called at ${d.at.path}:${d.at.line}): ${d.path} lines ${d.startLine}-${d.endLine}`,
      path: d.path, text: d.text, startLine: d.startLine, language: languageOf(d.path),
    });
  }

  const allowed = (l: SymbolLocation) => !options.isNeverSend?.(l.path);
  for (const sym of input.symbols ?? []) {
    const s = { ...sym, definitions: sym.definitions.filter(allowed), references: sym.references.filter(allowed) };
    items.push({ kind: 'symbols', title: `${s.name} at ${s.at.path}:${s.at.line}`, text: symbolText(s, options.maxReferences ?? 8) });
  }

  const diffs = typeof input.diff === 'string' ? [{ path: undefined, text: input.diff }] : (input.diff ?? []);
  for (const d of diffs) {
    if (!d.text.trim()) continue;
    items.push({ kind: 'diff', title: d.path ? `changes to ${d.path}` : 'uncommitted changes', text: d.text, language: 'diff', ...(d.path ? { path: d.path } : {}) });
  }

  for (const f of input.files ?? []) {
    if (shown.has(f.path) || f.path === active?.path) continue;
    items.push({ kind: 'related-file', title: f.path, path: f.path, text: f.text, startLine: 1, language: f.language ?? languageOf(f.path) });
  }

  return { items, ...(analysis.trace ? { trace: analysis.trace } : {}), frames: analysis.frames, involved: analysis.involved };
}
