// The chat lives in the secondary side bar (package.json `viewsContainers.secondarySidebar`), on
// the right, where it leaves the Explorer alone. The first time Tiered runs in a workspace it
// shows the chat there once, without taking the keyboard focus; after that the workbench
// remembers whether the user keeps it open, and Tiered never opens it again by itself.
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';

export const CHAT_REVEALED_KEY = 'tiered.chat.revealedOnce';

/** Shows the chat view without focusing it, once per workspace (workspaceState). */
export async function revealChatOnce(state: vscode.Memento, log: Logger): Promise<void> {
  if (state.get<boolean>(CHAT_REVEALED_KEY)) return;
  await state.update(CHAT_REVEALED_KEY, true);
  try {
    // `<view id>.open` is the workbench's "Show view" command; preserveFocus keeps the keyboard where it is.
    await vscode.commands.executeCommand('tiered.chat.open', { preserveFocus: true });
  } catch (e) {
    log.warn(`Could not show the Tiered chat: ${(e as Error).message}`);
  }
}
