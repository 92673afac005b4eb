// Definitions and references of the identifiers on the failing lines, through VS Code's own
// language providers; bounded in count and in time (a slow language server never holds the run).
import * as vscode from 'vscode';
import { identifiersOnLine, type SymbolInfo, type SymbolLocation } from '../../core/debug';
import { relativePath } from './workspaceIndex';

export interface SymbolQuery {
  path: string;
  /** 1-based. */
  line: number;
}

export interface SymbolOptions {
  timeLimitMs?: number;
  maxLocations?: number;
  identifiersPerLine?: number;
  maxReferences?: number;
  signal: AbortSignal;
}

type Loc = vscode.Location | vscode.LocationLink;
const uriOf = (l: Loc) => ('targetUri' in l ? l.targetUri : l.uri);
const rangeOf = (l: Loc) => ('targetUri' in l ? l.targetSelectionRange ?? l.targetRange : l.range);

async function toLocations(folder: vscode.WorkspaceFolder, list: Loc[] | undefined, max: number): Promise<SymbolLocation[]> {
  const out: SymbolLocation[] = [];
  for (const l of list ?? []) {
    if (out.length >= max) break;
    const path = relativePath(folder, uriOf(l));
    if (!path || /(^|\/)node_modules\//.test(path)) continue;
    const line = rangeOf(l).start.line;
    let text: string | undefined;
    try {
      const doc = await vscode.workspace.openTextDocument(uriOf(l));
      text = line < doc.lineCount ? doc.lineAt(line).text.trim().slice(0, 300) : undefined;
    } catch {
      text = undefined;
    }
    out.push({ path, line: line + 1, ...(text ? { text } : {}) });
  }
  return out;
}

async function one(folder: vscode.WorkspaceFolder, doc: vscode.TextDocument, q: SymbolQuery, name: string, column: number, maxRefs: number): Promise<SymbolInfo | undefined> {
  const pos = new vscode.Position(q.line - 1, column - 1);
  const [defs, refs] = await Promise.all([
    vscode.commands.executeCommand<Loc[]>('vscode.executeDefinitionProvider', doc.uri, pos).then((r) => r, () => undefined),
    vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, pos).then((r) => r, () => undefined),
  ]);
  const definitions = await toLocations(folder, defs, 3);
  const references = await toLocations(folder, refs?.filter((r) => !(relativePath(folder, r.uri) === q.path && r.range.start.line === q.line - 1)), maxRefs);
  if (!definitions.length && !references.length) return undefined;
  return { name, at: { path: q.path, line: q.line }, definitions, references };
}

/**
 * Symbols at the failing lines: for each location, the identifiers on its line, asked in order.
 * Whatever has answered when the time limit passes (or the signal aborts) is returned.
 */
export async function symbolsAt(folder: vscode.WorkspaceFolder, queries: readonly SymbolQuery[], options: SymbolOptions): Promise<SymbolInfo[]> {
  const found: SymbolInfo[] = [];
  const work = (async () => {
    for (const q of queries.slice(0, options.maxLocations ?? 3)) {
      if (options.signal.aborted) return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, q.path));
      if (q.line < 1 || q.line > doc.lineCount) continue;
      const ids = identifiersOnLine(doc.lineAt(q.line - 1).text, options.identifiersPerLine ?? 4);
      const results = await Promise.all(ids.map((id) => one(folder, doc, q, id.name, id.column, options.maxReferences ?? 8)));
      if (options.signal.aborted) return;
      for (const r of results) if (r) found.push(r);
    }
  })().catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, options.timeLimitMs ?? 5000);
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.race([work, limit]);
  clearTimeout(timer);
  return [...found];
}
