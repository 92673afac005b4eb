// "Tiered: Refactor Across Files" (tiered.refactor). Interactive from the command palette; also a
// programmatic API: executeCommand('tiered.refactor', { instruction, files?, confirm?, preview?,
// budgetTokens? }) resolves with a RefactorOutcome (status, sent, omitted, applied, refused...).
// `confirm: false` skips the instruction/scope/file-list prompts (the Dispatcher still asks above
// tiered.budget.confirmAboveUsd or past the budget); `preview: false` applies without VS Code's
// refactor preview (still one undoable edit).
import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import { ReadOnlyDocs } from '../edits';
import type { WorkflowDeps } from '../workflowDeps';
import { runRefactor, type RefactorOutcome } from './run';

export type { RefactorOutcome, RefactorStatus } from './run';
export type { RefactorArgs } from '../../core/refactor/args';

/** Command ids this module registers; commands not listed say "not available yet" (commands/later.ts). */
export const COMMANDS: string[] = ['tiered.refactor'];

export function registerRefactor(deps: WorkflowDeps): vscode.Disposable[] {
  const docs = new ReadOnlyDocs('tiered-refactor');
  const command = vscode.commands.registerCommand('tiered.refactor', async (arg?: unknown): Promise<RefactorOutcome> => {
    try {
      return await runRefactor(deps, docs, arg);
    } catch (e) {
      deps.log.error('Refactor failed', e);
      const message = e instanceof UserFacingError ? e.message : 'The refactor failed; see the Tiered output for details.';
      void vscode.window.showErrorMessage(`Tiered: ${message}`);
      return { status: 'failed', message, sent: [], omitted: [], notices: [], applied: [], refused: [] };
    }
  });
  return [docs, command];
}
