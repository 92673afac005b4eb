import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type { Services } from '../services';

/** "Tiered: Reset Routing": the learned router forgets this user's signals (asks first). */
export function registerRoutingCommands(services: () => Promise<Services>, log: Logger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tiered.resetRouting', async () => {
      let routing: Services['routing'];
      try {
        routing = (await services()).routing;
      } catch {
        routing = undefined;
      }
      if (!routing) {
        void vscode.window.showInformationMessage('Tiered: the router has nothing learned to reset (it routes by its rules alone in this build).');
        return;
      }
      const n = routing.learner.overrides;
      const detail = `The router forgets what it learned from your escalations, retries and copies (${n} override${n === 1 ? '' : 's'}) and the routing saving figures, and starts again from the classifier shipped with Tiered. Your chats and usage history are kept.`;
      if ((await vscode.window.showWarningMessage('Tiered: Reset Routing?', { modal: true, detail }, 'Reset')) !== 'Reset') return;
      await routing.reset();
      log.info('Routing: reset to the shipped classifier.');
      void vscode.window.showInformationMessage('Tiered: routing reset — the router starts again from the shipped classifier.');
    }),
  ];
}
