// What the refactor preview really applied: the user may uncheck files or hunks (edits marked
// needsConfirmation start unchecked), and applyEdit resolves true either way. A modify plan
// counts as applied when the document no longer has the text it was validated against.
import * as vscode from 'vscode';
import type { FilePlan } from '../../core/edits/types';
import { uriOf } from '../edits';
import { exists } from './workspaceText';

export async function appliedPlans(plans: readonly FilePlan[]): Promise<FilePlan[]> {
  const out: FilePlan[] = [];
  for (const p of plans) {
    const uri = uriOf(p.absPath);
    if (p.kind === 'modify') {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (doc.getText() !== p.original) out.push(p);
    } else if ((await exists(uri)) === (p.kind === 'create')) {
      out.push(p);
    }
  }
  return out;
}
