import type * as vscode from 'vscode';
import type { WorkflowDeps } from '../workflowDeps';

/** Command ids this module registers; commands not listed say "not available yet" (commands/later.ts). */
export const COMMANDS: string[] = [];

/** Registers tiered.deepDebug once it is built (not yet: see COMMANDS). */
export function registerDeepDebug(_deps: WorkflowDeps): vscode.Disposable[] {
  return [];
}
