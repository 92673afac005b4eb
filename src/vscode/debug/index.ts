// "Tiered: Deep Debug": registered by activate() through registerDeepDebug(workflow).
//   tiered.deepDebug            the command (palette, editor title); optional DeepDebugOptions
//                               argument for scripted runs and tests; resolves with a DeepDebugReport
//   tiered.deepDebug.followUp   internal: asks a follow-up in the current panel conversation
//                               (as typing in the panel does); used by the extension-host tests
import * as vscode from 'vscode';
import { userMessage } from '../../core/errors';
import { ReadOnlyDocs } from '../edits';
import type { WorkflowDeps } from '../workflowDeps';
import { runDeepDebug, type DeepDebugOptions, type DeepDebugReport } from './run';

export type { DeepDebugOptions, DeepDebugReport } from './run';

/** Command ids this module registers; commands not listed say "not available yet" (commands/later.ts). */
export const COMMANDS: string[] = ['tiered.deepDebug'];

export function registerDeepDebug(deps: WorkflowDeps): vscode.Disposable[] {
  const docs = new ReadOnlyDocs('tiered-debug');
  let running: AbortController | undefined;
  const command = vscode.commands.registerCommand('tiered.deepDebug', async (options?: DeepDebugOptions): Promise<DeepDebugReport | undefined> => {
    running?.abort();
    const abort = new AbortController();
    running = abort;
    const opts = options && typeof options === 'object' && !(options instanceof vscode.Uri) ? options : {};
    try {
      const report = await runDeepDebug(deps, docs, opts, abort.signal);
      if (report.status === 'no-workspace' || report.status === 'failed' || report.status === 'declined') {
        if (report.message) void vscode.window.showWarningMessage(`Deep Debug: ${report.message}`);
      }
      return report;
    } catch (e) {
      deps.log.error('Deep Debug failed', e);
      void vscode.window.showErrorMessage(`Deep Debug: ${userMessage(e)}`);
      return { status: 'failed', message: userMessage(e) };
    } finally {
      if (running === abort) running = undefined;
    }
  });
  const followUp = vscode.commands.registerCommand('tiered.deepDebug.followUp', (text: string) => {
    const id = `dd-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    return deps.chat.controller.receive({ type: 'send', payload: { id, text, tier: deps.chat.controller.state().tier ?? 'auto', chipIds: [] } });
  });
  return [docs, command, followUp, { dispose: () => running?.abort() }];
}
