import type * as vscode from 'vscode';
import type { WorkflowDeps } from '../workflowDeps';

/** Command ids this module registers; commands not listed say "not available yet" (commands/later.ts). */
export const COMMANDS: string[] = [];

/** Registers tiered.showUsage once it is built (not yet: see COMMANDS). */
export function registerUsage(_deps: WorkflowDeps): vscode.Disposable[] {
  return [];
}
