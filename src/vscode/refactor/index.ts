// "Tiered: Refactor Across Files" (tiered.refactor). Interactive from the command palette; also
// executeCommand('tiered.refactor', { instruction?, files? }) (the chat panel, the diagnostics
// follow-up) resolves with a RefactorOutcome (status, sent, omitted, applied, refused...): the file
// list and the preview are always shown. The tests' hook (testHooks.ts, never in an installed
// extension) also takes `confirm: false` (no instruction/scope/file-list prompts; the Dispatcher
// still asks above tiered.budget.confirmAboveUsd) and `preview: false` (no preview; files that can
// run code are still held back).
import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import { ReadOnlyDocs } from '../edits';
import { publicArgs, type TestHooks } from '../testHooks';
import type { WorkflowDeps } from '../workflowDeps';
import { runRefactor, type RefactorOutcome } from './run';

export type { RefactorOutcome, RefactorStatus } from './run';
export type { RefactorArgs } from '../../core/refactor/args';

export function registerRefactor(deps: WorkflowDeps, hooks?: TestHooks): vscode.Disposable[] {
  const docs = new ReadOnlyDocs('tiered-refactor');
  const run = async (arg: unknown): Promise<RefactorOutcome> => {
    try {
      return await runRefactor(deps, docs, arg);
    } catch (e) {
      deps.log.error('Refactor failed', e);
      const message = e instanceof UserFacingError ? e.message : 'The refactor failed; see the Tiered output for details.';
      void vscode.window.showErrorMessage(`Tiered: ${message}`);
      return { status: 'failed', message, sent: [], omitted: [], notices: [], applied: [], refused: [] };
    }
  };
  if (hooks) hooks.refactor = run;
  const command = vscode.commands.registerCommand('tiered.refactor', (arg?: unknown) => run(publicArgs(arg, ['instruction', 'files'])));
  return [docs, command];
}
