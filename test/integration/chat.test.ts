// The chat panel in a real extension host: the view resolves and shows, and the history API
// answers. (Streaming, stop, escalate and apply are driven through the UI by the e2e tests.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TieredApi } from '../../src/extension';
import { activated, waitFor } from './host';

/** What registerChat's api adds to TieredApi (wired by activate()). */
type ChatApi = TieredApi & { chatConversations?: () => unknown };

describe('chat panel (extension host)', () => {
  it('tiered.openChat shows the tiered.chat view in the secondary side bar: closing that bar hides it, the Explorer\'s does not', async () => {
    const api = await activated<ChatApi>();
    await vscode.commands.executeCommand('tiered.openChat');
    await waitFor(() => api.chatVisible(), 'the chat view is visible', 15_000);
    // The chat lives on the right: closing the primary side bar (the Explorer's) leaves it shown.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(api.chatVisible(), 'closing the primary side bar left the chat visible');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await waitFor(() => !api.chatVisible(), 'the chat view is hidden');
  });

  it('exposes the workspace chat history (a list, a current id, the shown conversation)', async () => {
    const api = await activated<ChatApi>();
    assert.equal(typeof api.chatConversations, 'function', 'activate() returns chatConversations (registerChat api.conversations)');
    const history = api.chatConversations!() as { currentId: unknown; list: unknown[]; shown: { id: string; turns: unknown[] } };
    assert.ok(Array.isArray(history.list));
    assert.ok(history.currentId === null || typeof history.currentId === 'string');
    assert.equal(typeof history.shown.id, 'string');
    assert.ok(Array.isArray(history.shown.turns));
  });
});
