// The agent's tools over VS Code: files through workspace.findFiles and the open documents
// (unsaved edits included), symbols through the language providers, diagnostics from the
// languages API, git as processes in the workspace folder (core/git), approved commands as a
// task in the terminal panel (commandTask.ts). Paths are workspace-relative; the core checks privacy on every result.
import * as vscode from 'vscode';
import { fsWorkspace } from '../../core/agent/fsWorkspace';
import type { AgentWorkspace, SearchHit, SymbolHit } from '../../core/agent/types';
import type { DiagnosticInfo } from '../../core/debug';
import { vscodeDefinitionResolver } from '../debug/definitionResolver';
import { relativePath } from '../debug/workspaceIndex';
import { runCommandAsTask } from './commandTask';

const EXCLUDE = '**/{node_modules,.git,dist,out,build,.venv,venv,__pycache__,target,.next,coverage}/**';
const SEVERITY: Record<vscode.DiagnosticSeverity, DiagnosticInfo['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error', [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info', [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function vscodeAgentWorkspace(folder: vscode.WorkspaceFolder, timeLimitMs = 5000): AgentWorkspace {
  const plain = fsWorkspace(folder.uri.fsPath);
  const resolver = vscodeDefinitionResolver(folder, timeLimitMs);
  const uri = (p: string) => vscode.Uri.joinPath(folder.uri, p);
  const files = async (glob: string | undefined, max: number, signal?: AbortSignal) => {
    const cts = new vscode.CancellationTokenSource();
    signal?.addEventListener('abort', () => cts.cancel(), { once: true });
    try {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob || '**/*'), EXCLUDE, max, cts.token);
      return found.map((u) => relativePath(folder, u)).filter((p): p is string => p !== undefined).sort();
    } finally {
      cts.dispose();
    }
  };
  return {
    listFiles: files,
    readText: resolver.readText,
    async searchText(q, signal) {
      const re = q.regex ? new RegExp(q.pattern) : undefined;
      const hits: SearchHit[] = [];
      for (const f of await files(q.glob, 5000, signal)) {
        if (hits.length >= q.max || signal?.aborted) break;
        const text = await resolver.readText(f);
        if (text === undefined || text.includes('\0') || text.length > 2_000_000) continue;
        text.split('\n').forEach((l, i) => { if (hits.length < q.max && (re ? re.test(l) : l.includes(q.pattern))) hits.push({ path: f, line: i + 1, text: l }); });
      }
      return hits;
    },
    definitions: (p, line, column, signal) => resolver.definitions(p, line, column, signal),
    async references(p, line, column) {
      const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri(p), new vscode.Position(line - 1, column - 1)).then((r) => r ?? [], () => []);
      return refs.map((r) => ({ path: relativePath(folder, r.uri), line: r.range.start.line + 1 })).filter((r): r is { path: string; line: number } => r.path !== undefined);
    },
    async workspaceSymbols(query) {
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query).then((r) => r ?? [], () => []);
      const out: SymbolHit[] = [];
      for (const s of found) {
        const path = relativePath(folder, s.location.uri);
        if (path) out.push({ name: s.name, kind: vscode.SymbolKind[s.kind] ?? 'symbol', path, line: s.location.range.start.line + 1 });
      }
      return out.length ? out : plain.workspaceSymbols(query);
    },
    async diagnostics(p) {
      const out: DiagnosticInfo[] = [];
      for (const [u, list] of vscode.languages.getDiagnostics()) {
        const path = relativePath(folder, u);
        if (!path || (p && path !== p)) continue;
        for (const d of list) {
          out.push({ path, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: SEVERITY[d.severity], message: d.message, ...(d.source ? { source: d.source } : {}) });
        }
      }
      return out;
    },
    git: (op, p, range, signal) => (folder.uri.scheme === 'file' ? plain.git(op, p, range, signal) : Promise.resolve('(git is not available for this workspace)')),
    runCommand: (command, signal) => runCommandAsTask(folder, command, signal),
  };
}
