// "Apply to file": places the code block in the file (core/chat/applyPlan: the symbol it
// redefines, the lines it shares with the file, else the cursor), shows the proposed file next to
// the current one (vscode.diff against a read-only virtual document), then asks Apply / Discard in
// a modal that says what the change replaces. Applying is one
// WorkspaceEdit, so one undo reverts it; the file is not touched when the user discards or when
// it changed while the preview was open.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sensitiveReason } from '../../core/edits/sensitive';
import { UserFacingError } from '../../core/errors';
import type { Logger } from '../../core/log';
import { applied, describePlan, planApply } from '../../core/chat/applyPlan';
import { documentSymbols } from './documentSymbols';
import { lastTextEditor } from './contextSource';
import { exists, resolveWorkspacePath } from './workspaceFiles';

export const PROPOSED_SCHEME = 'tiered-proposed';

/** Read-only documents holding proposed file contents, by URI. */
export class ProposedContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private next = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }

  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${++this.next}/${name}` });
    this.docs.set(uri.toString(), text);
    return uri;
  }

  delete(uri: vscode.Uri): void {
    this.docs.delete(uri.toString());
  }

  dispose(): void {
    this.docs.clear();
  }
}

async function closeDiff(proposed: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) =>
    t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposed.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}

/** The file a code block applies to: its path hint inside the workspace, else the last editor. */
async function target(pathHint: string | undefined): Promise<{ uri: vscode.Uri; editor?: vscode.TextEditor; isNew: boolean }> {
  if (pathHint) {
    const uri = await resolveWorkspacePath(pathHint, false);
    if (uri) {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      return { uri, editor, isNew: !(await exists(uri)) };
    }
  }
  const editor = lastTextEditor();
  if (!editor) throw new UserFacingError('Open the file to apply the code to, then click Apply again.');
  return { uri: editor.document.uri, editor, isNew: false };
}

export async function applyWithPreview(proposedDocs: ProposedContent, log: Logger, code: string, pathHint?: string): Promise<boolean> {
  const t = await target(pathHint);
  const doc = t.isNew ? undefined : await vscode.workspace.openTextDocument(t.uri);
  const original = doc?.getText() ?? '';
  const version = doc?.version;
  const sel = t.editor && doc && t.editor.document === doc && !t.editor.selection.isEmpty
    ? { start: doc.offsetAt(t.editor.selection.start), end: doc.offsetAt(t.editor.selection.end) }
    : undefined;
  const inEditor = t.editor && doc && t.editor.document === doc;
  const plan = planApply(original, code, {
    selection: sel,
    cursor: inEditor ? doc.offsetAt(t.editor!.selection.active) : undefined,
    symbols: doc ? await documentSymbols(doc) : [],
  });
  const name = path.basename(t.uri.path);
  const rel = vscode.workspace.asRelativePath(t.uri, false);
  const proposed = proposedDocs.add(name, applied(original, plan));
  const left = t.isNew ? proposedDocs.add(`${name} (new file)`, '') : t.uri;
  try {
    await vscode.commands.executeCommand('vscode.diff', left, proposed, `${name}: current ↔ proposed by Tiered`, { preview: true });
    const how = t.isNew ? 'It creates the file.' : describePlan(original, plan);
    // A file that can run code (core/edits/sensitive.ts) gets a warning and a button that says so.
    const risky = sensitiveReason(rel, t.isNew ? undefined : original, applied(original, plan));
    const choice = risky
      ? await vscode.window.showWarningMessage(`${rel} can run code: ${risky}. Apply the proposed change anyway?`, { modal: true, detail: `${how} Read the diff first: text in a repository can steer a model. One undo reverts it.` }, 'Apply to a File That Runs Code')
      : await vscode.window.showInformationMessage(`Apply the proposed change to ${rel}?`, { modal: true, detail: `${how} One undo reverts it.` }, 'Apply');
    if (choice !== 'Apply' && choice !== 'Apply to a File That Runs Code') return false;
    if (doc && doc.version !== version) throw new UserFacingError(`${rel} changed while the preview was open; nothing was applied. Click Apply again to see a fresh preview.`);
    const edit = new vscode.WorkspaceEdit();
    if (t.isNew) {
      edit.createFile(t.uri, { ignoreIfExists: false });
      edit.insert(t.uri, new vscode.Position(0, 0), plan.text);
    } else {
      edit.replace(t.uri, new vscode.Range(doc!.positionAt(plan.start), doc!.positionAt(plan.end)), plan.text);
    }
    if (!(await vscode.workspace.applyEdit(edit))) throw new UserFacingError(`VS Code refused the change to ${rel}; nothing was applied.`);
    log.info(`Chat: applied a code block to ${rel} (${t.isNew ? 'new file' : plan.how}).`);
    const shown = await vscode.window.showTextDocument(t.uri, { preview: false });
    const start = shown.document.positionAt(plan.start);
    const end = shown.document.positionAt(plan.start + plan.text.length);
    shown.selection = new vscode.Selection(start, start);
    shown.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  } finally {
    await closeDiff(proposed).then(undefined, () => undefined);
    proposedDocs.delete(proposed);
    if (t.isNew) proposedDocs.delete(left);
  }
}
