// After a refactor is applied: once the language servers settle, the errors and warnings that
// are new in the touched files, with "Ask the model to fix these" (a new refactor over those
// files whose instruction lists the problems; it is listed and estimated like any other).
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { fixDiagnosticsInstruction } from '../../core/refactor/args';
import { diagnosticsSettled, newDiagnostics } from '../edits';
import { relativePathOf } from './workspaceText';

export const FIX_ACTION = 'Ask the model to fix these';

/** Runs in the background; never throws. */
export function followUpDiagnostics(uris: readonly vscode.Uri[], before: Map<string, Set<string>>, instruction: string, log: Logger): void {
  void (async () => {
    await diagnosticsSettled(uris);
    const fresh = newDiagnostics(uris, before);
    if (fresh.length === 0) return;
    const files = [...new Set(fresh.map((d) => relativePathOf(d.uri)).filter((p): p is string => p !== undefined))];
    log.info(`Refactor: ${fresh.length} new problem(s) after the change: ${fresh.slice(0, 10).map((d) => `${d.path}:${d.line} ${d.message}`).join('; ')}`);
    const errors = fresh.filter((d) => d.severity === 'error').length;
    const what = errors ? `${errors} new error${errors === 1 ? '' : 's'}` : `${fresh.length} new warning${fresh.length === 1 ? '' : 's'}`;
    const choice = await vscode.window.showWarningMessage(
      `Tiered: the refactor left ${what} in ${files.join(', ')} (e.g. ${fresh[0].path}:${fresh[0].line}: ${fresh[0].message}).`,
      FIX_ACTION, 'Show Problems',
    );
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice === FIX_ACTION) {
      const all = [...new Set([...uris.map(relativePathOf).filter((p): p is string => p !== undefined), ...files])];
      await vscode.commands.executeCommand('tiered.refactor', { instruction: fixDiagnosticsInstruction(instruction, fresh), files: all });
    }
  })().catch((e) => log.error('Refactor: checking diagnostics failed', e));
}
