import * as vscode from 'vscode';
import type { WorkflowDeps } from '../workflowDeps';
import { UsagePanel } from './panel';

/** "Tiered: Show Usage": opens (or reveals) the usage report panel. */
export function registerUsage(deps: WorkflowDeps): vscode.Disposable[] {
  let panel: UsagePanel | undefined;
  return [
    vscode.commands.registerCommand('tiered.showUsage', async () => {
      if (panel) { panel.reveal(); return; }
      const opened = new UsagePanel(deps.context.extensionUri, deps.log, () => { if (panel === opened) panel = undefined; }, deps.settings);
      panel = opened;
      await opened.attach(deps.services());
    }),
    { dispose: () => panel?.dispose() },
  ];
}
