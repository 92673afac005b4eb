// "Tiered: Show Usage" in a real extension host: the command opens the report as an editor
// panel (a webview tab), a second run reveals the same panel, and closing it works.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, waitFor } from './host';

/** Open tabs showing the usage report (a webview panel of view type tiered.usage). */
function usageTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) =>
    t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('tiered.usage'));
}

describe('usage report (extension host)', () => {
  it('tiered.showUsage opens one "Tiered Usage" panel, reveals it when run again, and closes', async () => {
    const api = await activated();
    await api.services;
    await vscode.commands.executeCommand('tiered.showUsage');
    await waitFor(() => usageTabs().length === 1, 'a Tiered Usage tab is open');
    const [tab] = usageTabs();
    assert.equal(tab.label, 'Tiered Usage');
    assert.ok(tab.isActive, 'the report is the active tab');

    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await waitFor(() => !usageTabs()[0]?.isActive, 'another editor took focus');
    await vscode.commands.executeCommand('tiered.showUsage');
    await waitFor(() => usageTabs()[0]?.isActive === true, 'the same report is revealed');
    assert.equal(usageTabs().length, 1, 'running the command again does not open a second panel');

    await vscode.window.tabGroups.close(usageTabs());
    await waitFor(() => usageTabs().length === 0, 'the report is closed');
    // After closing, the command opens a fresh panel.
    await vscode.commands.executeCommand('tiered.showUsage');
    await waitFor(() => usageTabs().length === 1, 'the report opens again');
    await vscode.window.tabGroups.close(usageTabs());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
