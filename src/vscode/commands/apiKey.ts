import * as vscode from 'vscode';
import { REASONING_PROVIDERS, type ReasoningProviderId } from '../../core/config';
import { ENV_KEY_NAMES, PROVIDER_LABEL, validateKeyShape, type KeyStore } from '../../core/keys';
import type { Logger } from '../../core/log';
import { reasoningReachable } from '../../core/tiers/reachable';
import type { SettingsAdapter } from '../settings';

/** Whether the configured reasoning provider has a key (stored or from the environment; a local OpenAI-compatible server needs none). */
export async function hasReasoningKey(keys: KeyStore, settings: SettingsAdapter): Promise<boolean> {
  const p = settings.value['reasoning.provider'];
  return reasoningReachable(p, settings.value['reasoning.baseUrl'], Boolean((await keys.get(p)).key));
}

interface ProviderPick extends vscode.QuickPickItem { provider: ReasoningProviderId }
interface ActionPick extends vscode.QuickPickItem { action: 'set' | 'remove' }

/** "Tiered: Set API Key": masked input, stored in SecretStorage, with a "remove" choice. */
export function registerApiKeyCommand(keys: KeyStore, settings: SettingsAdapter, log: Logger): vscode.Disposable {
  return vscode.commands.registerCommand('tiered.setApiKey', async (providerArg?: ReasoningProviderId) => {
    let provider = providerArg && REASONING_PROVIDERS.includes(providerArg) ? providerArg : undefined;
    if (!provider) {
      const items: ProviderPick[] = await Promise.all(REASONING_PROVIDERS.map(async (p) => {
        const { source } = await keys.get(p);
        const state = source === 'stored' ? 'key stored' : source === 'environment' ? `using ${ENV_KEY_NAMES[p]} from the environment` : 'no key';
        return { label: PROVIDER_LABEL[p], description: state, provider: p, picked: p === settings.value['reasoning.provider'] };
      }));
      const pick = await vscode.window.showQuickPick(items, { title: 'Tiered: Set API Key', placeHolder: 'Which provider?' });
      if (!pick) return;
      provider = pick.provider;
    }
    const { source } = await keys.get(provider);
    let action: ActionPick['action'] = 'set';
    if (source === 'stored') {
      const pick = await vscode.window.showQuickPick<ActionPick>([
        { label: '$(key) Replace the stored key', action: 'set' },
        { label: '$(trash) Remove the stored key', action: 'remove', detail: `Afterwards ${ENV_KEY_NAMES[provider]} from the environment is used, if set.` },
      ], { title: `Tiered: ${PROVIDER_LABEL[provider]} API key` });
      if (!pick) return;
      action = pick.action;
    }
    if (action === 'remove') {
      await keys.remove(provider);
      log.info(`API key for ${provider} removed from secret storage.`);
      vscode.window.showInformationMessage(`Tiered: the ${PROVIDER_LABEL[provider]} API key was removed.`);
      return;
    }
    const key = await vscode.window.showInputBox({
      title: `Tiered: ${PROVIDER_LABEL[provider]} API key`,
      prompt: 'Stored in VS Code\'s secret storage, never in settings or logs.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? validateKeyShape(v.trim()) : undefined),
    });
    if (!key?.trim()) return;
    await keys.set(provider, key);
    log.info(`API key for ${provider} stored in secret storage.`);
    vscode.window.showInformationMessage(`Tiered: the ${PROVIDER_LABEL[provider]} API key is stored.`);
  });
}
