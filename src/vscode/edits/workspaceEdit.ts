// Validated plans (src/core/edits FilePlan) as ONE vscode.WorkspaceEdit: applied together, undone
// together. Each entry can carry `needsConfirmation` metadata, so applyEdit(edit, { isRefactoring:
// true }) opens VS Code's refactor preview (checkboxes per file, Apply / Discard).
import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import type { FilePlan } from '../../core/edits/types';
import { uriOf } from './workspaceFs';

export interface BuildOptions {
  /** Shown in the refactor preview and as the undo label, e.g. "Deep Debug fix". */
  label: string;
  /** Shown beside each entry in the refactor preview. */
  description?: string;
  /** Adds needsConfirmation metadata (VS Code's refactor preview; such entries start unchecked). */
  needsConfirmation?: boolean;
  /** Per plan: why it needs its own confirmation (sensitive files). Marks only those entries, with the reason as their category. */
  confirmReason?: (plan: FilePlan) => string | undefined;
}

export interface BuiltEdit {
  edit: vscode.WorkspaceEdit;
  /** The files the edit touches, in plan order. */
  uris: vscode.Uri[];
}

/**
 * Builds the WorkspaceEdit. Modify plans are placed on the open document (offsets are UTF-16, as
 * positionAt expects); a document whose text is no longer the text the plan was validated
 * against makes the whole build fail (validate again), so nothing is half-applied.
 */
export async function buildWorkspaceEdit(plans: readonly FilePlan[], options: BuildOptions): Promise<BuiltEdit> {
  const edit = new vscode.WorkspaceEdit();
  const uris: vscode.Uri[] = [];
  const meta = (plan: FilePlan): vscode.WorkspaceEditEntryMetadata => {
    const reason = options.confirmReason?.(plan);
    return {
      label: reason ? `⚠ Can run code: check to include (${reason})` : options.label,
      description: options.description ?? plan.path,
      needsConfirmation: options.needsConfirmation === true || reason !== undefined,
    };
  };
  for (const plan of plans) {
    const uri = uriOf(plan.absPath);
    uris.push(uri);
    if (plan.kind === 'create') {
      edit.createFile(uri, { ignoreIfExists: false, overwrite: false }, meta(plan));
      if (plan.content) edit.insert(uri, new vscode.Position(0, 0), plan.content, meta(plan));
      continue;
    }
    if (plan.kind === 'delete') {
      edit.deleteFile(uri, { ignoreIfNotExists: false, recursive: false }, meta(plan));
      continue;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.getText() !== plan.original) {
      throw new UserFacingError(`${plan.path} changed after the fix was checked; nothing was applied. Run the command again to get a fix for the current text.`);
    }
    for (const r of plan.replacements) {
      edit.replace(uri, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), r.text, meta(plan));
    }
  }
  return { edit, uris };
}

/** Text versions of the open documents among `uris`, to notice a change while a preview is open. */
export function versionsOf(uris: readonly vscode.Uri[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const doc of vscode.workspace.textDocuments) {
    if (uris.some((u) => u.toString() === doc.uri.toString())) out.set(doc.uri.toString(), doc.version);
  }
  return out;
}
