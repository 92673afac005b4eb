// "Tiered: Deep Debug": registered by activate() through registerDeepDebug(workflow).
//   tiered.deepDebug   the command (palette, editor title); takes { trace?, problem? } from other
//                      callers; resolves with a DeepDebugReport. The cost prompt and the fix's
//                      preview are always shown.
// The extension-host tests reach the scripted options (confirm, apply, preview) and a panel
// follow-up through testHooks.ts, which an installed extension never has.
import * as vscode from 'vscode';
import { userMessage } from '../../core/errors';
import { ReadOnlyDocs } from '../edits';
import { publicArgs, type TestHooks } from '../testHooks';
import type { WorkflowDeps } from '../workflowDeps';
import { runDeepDebug, type DeepDebugOptions, type DeepDebugReport } from './run';
import { applyStoredFix } from './storedFix';

export type { DeepDebugOptions, DeepDebugReport } from './run';

export function registerDeepDebug(deps: WorkflowDeps, hooks?: TestHooks): vscode.Disposable[] {
  const docs = new ReadOnlyDocs('tiered-debug');
  let running: AbortController | undefined;
  const run = async (opts: DeepDebugOptions): Promise<DeepDebugReport | undefined> => {
    running?.abort();
    const abort = new AbortController();
    running = abort;
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
  };
  if (hooks) {
    hooks.deepDebug = (options) => run(options as DeepDebugOptions);
    hooks.followUp = async (text) => {
      const id = `dd-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      return deps.chat.controller.receive({ type: 'send', payload: { id, text, tier: deps.chat.controller.state().tier ?? 'auto', chipIds: [] } });
    };
    hooks.panel = (message) => deps.chat.controller.receive(message);
  }
  // Apply on a card shown again after a reload: the kept fix, validated again against the files now.
  deps.chat.cards.restoreWith('debug', (fix) => applyStoredFix(fix, { docs, log: deps.log }));
  const command = vscode.commands.registerCommand('tiered.deepDebug', (options?: unknown) => run((publicArgs(options, ['trace', 'problem']) ?? {}) as DeepDebugOptions));
  return [docs, command, { dispose: () => running?.abort() }];
}
