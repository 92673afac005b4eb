// The editor's context for the chat's chips: the selection, the whole file, and the problems
// VS Code reports for the file. Paths are workspace-relative where the file is in the workspace
// (absolute otherwise), so tiered.privacy.neverSend globs apply to them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import type { ContextItem, ContextSource } from '../../core/chat/types';

const MAX_CHARS = 100_000;
const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** The text editor the user last worked in (the chat panel has focus while they click). */
export function lastTextEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== 'output');
}

export function chipPath(uri: vscode.Uri): string | undefined {
  if (vscode.workspace.getWorkspaceFolder(uri)) return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
  return uri.scheme === 'file' ? uri.fsPath.replace(/\\/g, '/') : undefined;
}

function cap(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n[… cut: the file is longer than ${MAX_CHARS.toLocaleString('en-US')} characters]` : text;
}

export class EditorContextSource implements ContextSource {
  async get(kind: ContextItem['kind']): Promise<ContextItem> {
    const editor = lastTextEditor();
    if (!editor) throw new UserFacingError('Open a file in the editor first, then attach it.');
    const doc = editor.document;
    const name = path.basename(doc.uri.path) || doc.uri.path;
    const where = chipPath(doc.uri);
    const base = { ...(where ? { path: where } : {}), language: doc.languageId };
    if (kind === 'selection') {
      const sel = editor.selection;
      if (sel.isEmpty) throw new UserFacingError('Select some code in the editor first, then attach the selection.');
      return { kind, label: `${name}:${sel.start.line + 1}-${sel.end.line + 1}`, content: cap(doc.getText(sel)), ...base };
    }
    if (kind === 'file') return { kind, label: name, content: cap(doc.getText()), ...base };
    const diagnostics = vscode.languages.getDiagnostics(doc.uri);
    if (diagnostics.length === 0) throw new UserFacingError(`VS Code reports no problems in ${name}.`);
    const lines = diagnostics.map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      const source = [d.source, code].filter((x) => x !== undefined && x !== '').join(' ');
      return `${name}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity] ?? 'problem'}${source ? ` (${source})` : ''}: ${d.message}`;
    });
    return { kind, label: `Problems in ${name} (${diagnostics.length})`, content: cap(lines.join('\n')), ...(where ? { path: where } : {}) };
  }
}
