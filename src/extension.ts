// activate(): builds the services and registers the adapters. Thin, and loads no model: the
// local engine starts lazily with the first completion.
import * as vscode from 'vscode';
import { KeyStore } from './core/keys';
import { registerChat } from './vscode/chat';
import type { WorkflowDeps } from './vscode/workflowDeps';
import { COMMANDS as DEBUG_COMMANDS, registerDeepDebug } from './vscode/debug';
import { COMMANDS as REFACTOR_COMMANDS, registerRefactor } from './vscode/refactor';
import { COMMANDS as USAGE_COMMANDS, registerUsage } from './vscode/usage';
import { registerCompletions } from './vscode/completions';
import { createServices, type Services } from './vscode/services';
import { entryFromFimResult } from './core/cost/ledger';
import type { FimResult } from './core/providers/types';
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
  chatConversations(): unknown;
  /** Inline-completion figures (requests, served, cache hits...) for tests and the benchmark. */
  completionStats(): unknown;
  localState(): unknown;
  services: Promise<Services>;
  /** The latest local FIM generations (tokens, special tokens seen, text). */
  recentFims(): readonly FimResult[];
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
  context.subscriptions.push(
    channel, settings, status,
    settings.onDidChange((s) => {
      status.update({ tier: s.tier, completionsEnabled: s['completions.enabled'] });
    }),
    ...registerTierCommands(settings),
    registerApiKeyCommand(keys, settings, log),
    vscode.commands.registerCommand('tiered.openChat', async () => {
      await vscode.commands.executeCommand('workbench.view.extension.tiered');
      await vscode.commands.executeCommand('tiered.chat.focus');
    }),
  );

  const completions = registerCompletions(context, settings, status, log);
  context.subscriptions.push(...completions.disposables);
  // The reasoning tier, ledger and budget load in the background: activation never waits on disk.
  const services: Promise<Services> = createServices({
    storageDir: context.globalStorageUri.fsPath, settings, keys, log, status,
    local: () => completions.local.chatProvider(), localContextTokens: () => settings.value['local.contextSize'],
    localCapabilities: () => completions.local.capabilities(),
  });
  services.catch((e) => log.error('Tiered services failed to start', e));
  // Every generation the local model ran goes to the ledger (rolled up per minute there), also
  // one whose request was superseded and whose text a later keystroke reused; the latency the
  // user saw goes to the status bar's local figures.
  // The latest local generations, for tests that check how the model was driven.
  const recentFims: FimResult[] = [];
  context.subscriptions.push(
    completions.onFim((r) => { recentFims.push(r); if (recentFims.length > 50) recentFims.shift(); }),
    completions.onFim((r) => void services.then(({ ledger }) => {
      const st = completions.local.state;
      ledger.record(entryFromFimResult(r, 'model' in st ? st.model : 'local', completions.local.usesEndpoint ? 'local-endpoint' : 'local'));
    }, () => undefined)),
    completions.onServed((s) => void services.then(({ latency }) => latency.add('local', s.timings.totalMs), () => undefined)),
  );
  context.subscriptions.push({ dispose: () => void services.then((s) => s.dispose(), () => undefined) });
  const localLabel = () => {
    const st = completions.local.state;
    if (st.kind === 'ready') return { label: st.model, demo: st.demo };
    if (st.kind === 'no-model') return { label: 'none chosen', demo: false };
    if (st.kind === 'error') return { label: 'error', demo: false };
    return { label: st.model, demo: false };
  };
  const chat = registerChat(context, {
    services: () => services, settings, log, localLabel,
    reasoningModel: () => settings.value['reasoning.model'] || (settings.value['reasoning.provider'] === 'anthropic' ? 'Anthropic (default model)' : 'OpenAI (default model)'),
  });
  context.subscriptions.push(...chat.disposables, completions.local.onState(() => chat.refresh()) as vscode.Disposable);
  const workflow: WorkflowDeps = { context, services: () => services, settings, keys, log, chat, local: completions.local };
  context.subscriptions.push(...registerDeepDebug(workflow), ...registerRefactor(workflow), ...registerUsage(workflow),
    ...registerNotYetCommands(new Set(['tiered.chooseLocalModel', ...DEBUG_COMMANDS, ...REFACTOR_COMMANDS, ...USAGE_COMMANDS])));

  const activationMs = performance.now() - started;
  log.info(`Tiered activated in ${activationMs.toFixed(1)} ms (tier: ${settings.value.tier}).`);
  return {
    activationMs, statusText: () => status.text, chatVisible: () => chat.api.visible(), chatConversations: () => chat.api.conversations(),
    completionStats: () => completions.scheduler.stats, localState: () => completions.local.state, services,
    recentFims: (): readonly FimResult[] => recentFims,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
