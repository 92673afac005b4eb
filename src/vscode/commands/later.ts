import * as vscode from 'vscode';

/**
 * Commands of the public contract whose feature is not built yet. Each says so plainly when
 * run, instead of pretending to work. Remove an entry when its feature lands.
 */
const NOT_YET: Record<string, string> = {
  'tiered.deepDebug': 'Deep Debug',
  'tiered.refactor': 'Refactor Across Files',
  'tiered.chooseLocalModel': 'Choosing a local model',
  'tiered.showUsage': 'The usage report',
};

export function registerNotYetCommands(skip: ReadonlySet<string>): vscode.Disposable[] {
  return Object.entries(NOT_YET)
    .filter(([id]) => !skip.has(id))
    .map(([id, feature]) => vscode.commands.registerCommand(id, () =>
      vscode.window.showInformationMessage(`Tiered: ${feature} is not available in this version yet.`)));
}
