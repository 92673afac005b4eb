// What the user wants changed, and where: the instruction (input box unless given), the scope
// (the selection, the current file, or files picked in a multi-select quick pick).
import * as vscode from 'vscode';
import type { RefactorArgs } from '../../core/refactor/args';
import type { RefactorScope } from './gather';
import { relativePathOf, uriOfRelative } from './workspaceText';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/.out-*/**}';

export async function askInstruction(): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Tiered: Refactor Across Files',
    prompt: 'What should change? (e.g. "add a currency parameter to formatPrice and update every caller")',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Describe the change' : undefined),
  });
  return text?.trim() || undefined;
}

/** Files named in the arguments, as URIs inside the workspace; the rest are reported. */
export function urisOfArgs(files: readonly string[]): { uris: vscode.Uri[]; unknown: string[] } {
  const uris: vscode.Uri[] = [];
  const unknown: string[] = [];
  for (const f of files) {
    const uri = /^[a-z][a-z0-9+.-]+:\/\//i.test(f) ? vscode.Uri.parse(f) : uriOfRelative(f);
    if (uri && relativePathOf(uri) !== undefined) uris.push(uri);
    else unknown.push(f);
  }
  return { uris, unknown };
}

async function pickFiles(preselect?: vscode.Uri): Promise<vscode.Uri[] | undefined> {
  const found = await vscode.workspace.findFiles('**/*', EXCLUDE, 3000);
  const items = found
    .map((uri) => ({ uri, label: relativePathOf(uri) ?? uri.fsPath }))
    .sort((a, b) => a.label.localeCompare(b.label))
    .map((i) => ({ ...i, picked: preselect?.toString() === i.uri.toString() }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Tiered: files to refactor', placeHolder: 'Pick the files the change starts from (their references, importers and imports are added)', canPickMany: true, ignoreFocusOut: true,
  });
  return chosen && chosen.length ? chosen.map((c) => c.uri) : undefined;
}

/** The scope: arguments' files, else the selection, else the current file or picked files (asked). */
export async function chooseScope(args: RefactorArgs, interactive: boolean): Promise<RefactorScope | { error: string } | undefined> {
  if (args.files?.length) {
    const { uris, unknown } = urisOfArgs(args.files);
    if (unknown.length) return { error: `Not a file in this workspace: ${unknown.join(', ')}` };
    return { kind: 'picked', uris };
  }
  const editor = vscode.window.activeTextEditor;
  const current = editor && relativePathOf(editor.document.uri) !== undefined ? editor : undefined;
  if (current && !current.selection.isEmpty) return { kind: 'selection', uri: current.document.uri, range: current.selection };
  if (!interactive) return current ? { kind: 'file', uri: current.document.uri } : { error: 'Open a file or name files to refactor.' };
  if (!current) {
    const uris = await pickFiles();
    return uris ? { kind: 'picked', uris } : undefined;
  }
  const path = relativePathOf(current.document.uri);
  const choice = await vscode.window.showQuickPick([
    { label: `$(file) Current file`, description: path, scope: 'file' as const },
    { label: '$(files) Choose files…', description: 'a multi-select list of the workspace files', scope: 'pick' as const },
  ], { title: 'Tiered: refactor scope', placeHolder: 'Where does the change start? (select code first to start from a symbol)', ignoreFocusOut: true });
  if (!choice) return undefined;
  if (choice.scope === 'file') return { kind: 'file', uri: current.document.uri };
  const uris = await pickFiles(current.document.uri);
  return uris ? { kind: 'picked', uris } : undefined;
}
