// Follows the editor for the chat's implicit chip: the current file, or its selection when there
// is one, re-read (debounced) when the editor, the selection or the text changes.
import * as vscode from 'vscode';
import type { ContextItem } from '../../core/chat/types';
import type { EditorContextSource } from './contextSource';
import { lastTextEditor } from './contextSource';

const SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

export function watchEditorContext(source: EditorContextSource, onChange: (item: ContextItem | undefined) => void, delayMs = 250): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;
  const read = async () => {
    const editor = lastTextEditor();
    if (!editor || !SCHEMES.has(editor.document.uri.scheme)) return undefined;
    try {
      return await source.get(editor.selection.isEmpty ? 'file' : 'selection');
    } catch {
      return undefined;
    }
  };
  const update = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void read().then((item) => { if (!disposed) onChange(item); }), delayMs);
  };
  const subs = [
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeVisibleTextEditors(update),
    vscode.window.onDidChangeTextEditorSelection((e) => { if (SCHEMES.has(e.textEditor.document.uri.scheme)) update(); }),
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === lastTextEditor()?.document) update(); }),
  ];
  update();
  return { dispose: () => { disposed = true; clearTimeout(timer); for (const s of subs) s.dispose(); } };
}
