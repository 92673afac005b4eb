// Everything Deep Debug looks at, gathered from VS Code as plain data for the core: the editor's
// selection (or the code around the cursor), the files the trace names, diagnostics, symbols at
// the failing lines, the uncommitted diff. File texts come from the open documents (unsaved
// edits included) and are kept so the fix can be checked against what was sent.
import * as vscode from 'vscode';
import { analyzeTrace, followDefinitions, type DebugInput, type DiagnosticInfo, type SourceFile, type WorkspaceIndex } from '../../core/debug';
import type { Logger } from '../../core/log';
import { vscodeDefinitionResolver } from './definitionResolver';
import { uncommittedDiffs } from './gitDiff';
import { symbolsAt } from './symbols';
import { relativePath } from './workspaceIndex';

export interface Gathered {
  input: DebugInput;
  /** Text of every workspace file gathered, by relative path (for the sent-version hashes). */
  texts: Map<string, string>;
  /** Files the trace names, innermost first. */
  involved: string[];
}

export interface GatherOptions {
  folder: vscode.WorkspaceFolder;
  index: WorkspaceIndex;
  traceText?: string;
  signal: AbortSignal;
  log: Logger;
  symbolTimeLimitMs?: number;
  /** Paths never read for definitions (tiered.privacy.neverSend). */
  isNeverSend?: (path: string) => boolean;
  /** Other workspace files whose errors are listed. */
  maxOtherDiagnosticFiles?: number;
}

const SEVERITY: Record<vscode.DiagnosticSeverity, DiagnosticInfo['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error', [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info', [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function diagnosticsFor(folder: vscode.WorkspaceFolder, primary: ReadonlySet<string>, maxOther: number): DiagnosticInfo[] {
  const out: DiagnosticInfo[] = [];
  let others = 0;
  for (const [uri, list] of vscode.languages.getDiagnostics()) {
    const path = relativePath(folder, uri);
    if (!path || list.length === 0) continue;
    const isPrimary = primary.has(path);
    // Other files: errors only, a few files.
    const kept = isPrimary ? list : list.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    if (!kept.length || (!isPrimary && ++others > maxOther)) continue;
    for (const d of kept.slice(0, 50)) {
      out.push({
        path, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: SEVERITY[d.severity], message: d.message,
        ...(d.source ? { source: d.source } : {}),
        ...(d.code !== undefined ? { code: typeof d.code === 'object' ? d.code.value : d.code } : {}),
      });
    }
  }
  return out;
}

async function readFile(folder: vscode.WorkspaceFolder, path: string): Promise<SourceFile | undefined> {
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, path));
    return { path, text: doc.getText() };
  } catch {
    return undefined;
  }
}

/** The active editor as a SourceFile with its selection or cursor line (workspace files only). */
function activeFile(folder: vscode.WorkspaceFolder): (SourceFile & { selection?: { start: number; end: number }; cursorLine?: number }) | undefined {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) return undefined;
  const path = relativePath(folder, editor.document.uri);
  if (!path) return undefined;
  const sel = editor.selection;
  const selection = sel.isEmpty ? undefined : { start: sel.start.line + 1, end: sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1 };
  return { path, text: editor.document.getText(), ...(selection ? { selection } : { cursorLine: sel.active.line + 1 }) };
}

export async function gatherEvidence(options: GatherOptions): Promise<Gathered> {
  const { folder, index, signal } = options;
  const analysis = analyzeTrace(options.traceText, index);
  const active = activeFile(folder);
  const files: SourceFile[] = [];
  for (const p of analysis.involved.slice(0, 6)) {
    const f = p === active?.path ? { path: p, text: active.text } : await readFile(folder, p);
    if (f) files.push(f);
  }
  const texts = new Map<string, string>(files.map((f) => [f.path, f.text]));
  if (active) texts.set(active.path, active.text);

  const queries = analysis.locations.map((l) => ({ path: l.path, line: l.line }));
  if (!queries.length && active) {
    const line = active.selection?.start ?? active.cursorLine;
    if (line) queries.push({ path: active.path, line });
  }
  const involvedPaths = [...new Set([...(active ? [active.path] : []), ...analysis.involved])];
  // The calls on the failing lines, followed into their definitions (whole bodies), and the
  // uncommitted changes of those files too: the bug is often in a helper the trace never names.
  const [symbols, followed] = await Promise.all([
    symbolsAt(folder, queries, { signal, timeLimitMs: options.symbolTimeLimitMs ?? 5000 }),
    followDefinitions(queries.slice(0, 4), vscodeDefinitionResolver(folder, options.symbolTimeLimitMs ?? 5000), { signal, ...(options.isNeverSend ? { isNeverSend: options.isNeverSend } : {}) }),
  ]);
  for (const [p, t] of followed.texts) if (!texts.has(p)) texts.set(p, t);
  const diffPaths = [...new Set([...involvedPaths, ...followed.definitions.map((d) => d.path)])].filter((p) => !options.isNeverSend?.(p));
  const diff = await uncommittedDiffs(folder, diffPaths, signal, options.log).catch(() => []);
  const diagnostics = diagnosticsFor(folder, new Set(involvedPaths), options.maxOtherDiagnosticFiles ?? 8);
  return {
    input: {
      ...(options.traceText?.trim() ? { traceText: options.traceText } : {}),
      ...(active ? { active } : {}),
      files, diagnostics, symbols, diff, definitions: followed.definitions,
    },
    texts,
    involved: analysis.involved,
  };
}
