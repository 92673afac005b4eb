// The files a refactor needs, found with VS Code's own providers: the scope (selection, current
// file, picked files), definitions and references of the selected symbol (or of the scope's
// top-level symbols), workspace symbols named in the instruction, the scope's imports and the
// files importing it. Everything is bounded (symbols, locations, files scanned); selectFiles
// then fits the candidates into the token budget.
import * as vscode from 'vscode';
import type { CandidateFile, FileRole } from '../../core/refactor/selectFiles';
import { identifiersIn } from '../../core/refactor/instructionWords';
import { importTargets, importsFile, isCodePath, mayImport, relativeSpecifiers } from '../../core/refactor/imports';
import { currentText, exists, relativePathOf, uriOfRelative } from './workspaceText';

export type RefactorScope =
  | { kind: 'selection'; uri: vscode.Uri; range: vscode.Range }
  | { kind: 'file'; uri: vscode.Uri }
  | { kind: 'picked'; uris: vscode.Uri[] };

export interface GatherLimits {
  /** Files read while looking for importers. */
  importerScan: number;
  /** Locations taken from each provider call. */
  locations: number;
  /** Top-level symbols of a scoped file whose references are looked up. */
  symbolsPerFile: number;
}

export const DEFAULT_LIMITS: GatherLimits = { importerScan: 400, locations: 60, symbolsPerFile: 6 };

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/build/**,**/.out-*/**}';

class Collector {
  readonly files: CandidateFile[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly signal: AbortSignal) {}

  async add(uri: vscode.Uri, reason: FileRole, detail?: string, focus?: vscode.Range): Promise<void> {
    if (this.signal.aborted) return;
    const path = relativePathOf(uri);
    if (path === undefined || this.seen.has(path)) return;
    this.seen.add(path);
    const content = await currentText(uri);
    if (content === undefined) return;
    let at: CandidateFile['focus'];
    if (focus) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc) at = { start: doc.offsetAt(focus.start), end: doc.offsetAt(focus.end) };
    }
    this.files.push({ path, content, reason, detail, focus: at });
  }

  has(uri: vscode.Uri): boolean {
    const p = relativePathOf(uri);
    return p !== undefined && this.seen.has(p);
  }
}

type Loc = vscode.Location | vscode.LocationLink;
const uriOf = (l: Loc) => ('targetUri' in l ? l.targetUri : l.uri);

async function locations(command: string, uri: vscode.Uri, pos: vscode.Position, max: number): Promise<vscode.Uri[]> {
  try {
    const found = (await vscode.commands.executeCommand<Loc[] | undefined>(command, uri, pos)) ?? [];
    const uris = new Map<string, vscode.Uri>();
    for (const l of found.slice(0, max)) uris.set(uriOf(l).toString(), uriOf(l));
    return [...uris.values()];
  } catch {
    return []; // no provider for this language
  }
}

/** Definitions and references of the symbol at `pos`. */
async function symbolNeighbours(c: Collector, uri: vscode.Uri, pos: vscode.Position, name: string, limits: GatherLimits): Promise<void> {
  for (const u of await locations('vscode.executeDefinitionProvider', uri, pos, limits.locations)) await c.add(u, 'definition', `defines ${name}`);
  for (const u of await locations('vscode.executeReferenceProvider', uri, pos, limits.locations)) await c.add(u, 'reference', `uses ${name}`);
}

async function topLevelSymbols(uri: vscode.Uri, max: number): Promise<vscode.DocumentSymbol[]> {
  try {
    const found = (await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    return found.filter((s): s is vscode.DocumentSymbol => 'selectionRange' in s).slice(0, max);
  } catch {
    return [];
  }
}

async function instructionSymbols(c: Collector, instruction: string, limits: GatherLimits, signal: AbortSignal): Promise<void> {
  for (const word of identifiersIn(instruction)) {
    if (signal.aborted) return;
    let found: vscode.SymbolInformation[] = [];
    try {
      found = (await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', word)) ?? [];
    } catch {
      continue;
    }
    const exact = found.filter((s) => s.name === word && s.location.uri.scheme === 'file').slice(0, 3);
    for (const s of exact) {
      await c.add(s.location.uri, 'symbol', `defines ${word}`);
      await symbolNeighbours(c, s.location.uri, s.location.range.start, word, limits);
    }
  }
}

async function importsOf(c: Collector, uri: vscode.Uri): Promise<void> {
  const path = relativePathOf(uri);
  const text = await currentText(uri);
  if (path === undefined || text === undefined) return;
  for (const spec of relativeSpecifiers(text)) {
    for (const target of importTargets(path, spec)) {
      const u = uriOfRelative(target);
      if (u && isCodePath(target) && (await exists(u))) {
        await c.add(u, 'import', `imported by ${path}`);
        break;
      }
    }
  }
}

async function importersOf(c: Collector, targets: readonly vscode.Uri[], limits: GatherLimits, signal: AbortSignal): Promise<void> {
  const paths = targets.map(relativePathOf).filter((p): p is string => p !== undefined && isCodePath(p));
  if (paths.length === 0) return;
  const files = await vscode.workspace.findFiles('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', EXCLUDE, limits.importerScan);
  for (const u of files) {
    if (signal.aborted) return;
    if (c.has(u)) continue;
    const p = relativePathOf(u);
    const text = p === undefined ? undefined : await currentText(u, 300_000);
    if (p === undefined || text === undefined) continue;
    const imported = paths.find((t) => t !== p && mayImport(text, t) && importsFile(p, text, t));
    if (imported) await c.add(u, 'importer', `imports ${imported}`);
  }
}

/** Candidate files for `instruction` within `scope`, highest priority first (selectFiles sorts again). */
export async function gatherCandidates(scope: RefactorScope, instruction: string, signal: AbortSignal, limits: GatherLimits = DEFAULT_LIMITS): Promise<CandidateFile[]> {
  const c = new Collector(signal);
  const scoped = scope.kind === 'picked' ? scope.uris : [scope.uri];
  if (scope.kind === 'selection') {
    await c.add(scope.uri, 'selection', 'the selection', scope.range);
    const doc = await vscode.workspace.openTextDocument(scope.uri);
    const word = doc.getWordRangeAtPosition(scope.range.start) ?? doc.getWordRangeAtPosition(scope.range.end);
    if (word) await symbolNeighbours(c, scope.uri, word.start, doc.getText(word), limits);
  } else {
    for (const u of scoped) await c.add(u, scope.kind === 'file' ? 'current' : 'picked');
    for (const u of scoped.slice(0, 5)) {
      for (const s of await topLevelSymbols(u, limits.symbolsPerFile)) await symbolNeighbours(c, u, s.selectionRange.start, s.name, limits);
    }
  }
  await instructionSymbols(c, instruction, limits, signal);
  await importersOf(c, scoped, limits, signal);
  for (const u of scoped) await importsOf(c, u);
  return c.files;
}
