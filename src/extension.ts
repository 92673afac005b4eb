// activate(): builds the services and registers the adapters. Thin, and loads no model: the
// local engine starts lazily with the first completion.
import * as vscode from 'vscode';
import { KeyStore } from './core/keys';
import { ChatViewProvider } from './vscode/chatView';
import { registerApiKeyCommand } from './vscode/commands/apiKey';
import { registerNotYetCommands } from './vscode/commands/later';
import { registerTierCommands } from './vscode/commands/tier';
import { createOutputLogger } from './vscode/output';
import { secretStore } from './vscode/secrets';
import { SettingsAdapter } from './vscode/settings';
import { StatusBar } from './vscode/statusBar';

/** What activate() returns: read by the extension-host tests, and by nothing else. */
export interface TieredApi {
  activationMs: number;
  statusText(): string;
  chatVisible(): boolean;
}

export function activate(context: vscode.ExtensionContext): TieredApi {
  const started = performance.now();
  const keys = new KeyStore(secretStore(context.secrets));
  const { logger: log, channel } = createOutputLogger(() => keys.knownSecrets());
  const settings = new SettingsAdapter(log);
  const status = new StatusBar({
    tier: settings.value.tier,
    completionsEnabled: settings.value['completions.enabled'],
    local: settings.value['local.modelPath'] || settings.value['local.endpoint'] ? { kind: 'off' } : { kind: 'no-model' },
  });
  const chat = new ChatViewProvider(context.extensionUri, () => ({
    tier: settings.value.tier,
    localModel: settings.value['local.endpoint'] || settings.value['local.modelPath'] || 'none chosen',
    completionsEnabled: settings.value['completions.enabled'],
  }), (command) => void vscode.commands.executeCommand(command));

  context.subscriptions.push(
    channel, settings, status, chat,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat),
    settings.onDidChange((s) => {
      status.update({ tier: s.tier, completionsEnabled: s['completions.enabled'] });
      chat.refresh();
    }),
    ...registerTierCommands(settings),
    registerApiKeyCommand(keys, settings, log),
    vscode.commands.registerCommand('tiered.openChat', async () => {
      await vscode.commands.executeCommand('workbench.view.extension.tiered');
      await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    }),
    ...registerNotYetCommands(new Set()),
  );

  const activationMs = performance.now() - started;
  log.info(`Tiered activated in ${activationMs.toFixed(1)} ms (tier: ${settings.value.tier}).`);
  return { activationMs, statusText: () => status.text, chatVisible: () => chat.visible };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
