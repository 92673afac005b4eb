// activate(): builds the services and registers the adapters. Thin, and loads no model: the
// local engine starts lazily with the first completion.
import * as vscode from 'vscode';
import { KeyStore } from './core/keys';
import { registerChat } from './vscode/chat';
import { revealChatOnce } from './vscode/chat/reveal';
import { usageSession } from './vscode/usage/session';
import type { WorkflowDeps } from './vscode/workflowDeps';
import { registerDeepDebug } from './vscode/debug';
import { registerRefactor } from './vscode/refactor';
import { registerUsage } from './vscode/usage';
import { registerEgress } from './vscode/egress';
import { registerCompletions } from './vscode/completions';
import { createEgress, createServices, type Services } from './vscode/services';
import { entryFromFimResult } from './core/cost/ledger';
import type { FimResult } from './core/providers/types';
import { hasReasoningKey, registerApiKeyCommand } from './vscode/commands/apiKey';
import { registerTierCommands } from './vscode/commands/tier';
import { registerRoutingCommands } from './vscode/commands/routing';
import { createOutputLogger } from './vscode/output';
import { secretStore } from './vscode/secrets';
import { SettingsAdapter } from './vscode/settings';
import { StatusBar } from './vscode/statusBar';
import { testHooksFor, type TestHooks } from './vscode/testHooks';
import { localModelLabel } from './core/status';

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
  /** Only in Test/Development mode (extension-host tests); undefined in an installed extension. */
  testHooks?: TestHooks;
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

  const egress = createEgress(context.globalStorageUri.fsPath, log);
  const completions = registerCompletions(context, settings, status, log, egress.recorder);
  context.subscriptions.push(...completions.disposables);
  // The reasoning tier, ledger and budget load in the background: activation never waits on disk.
  const services: Promise<Services> = createServices({
    storageDir: context.globalStorageUri.fsPath, settings, keys, log, status, usageSession: usageSession(context.globalState),
    local: () => completions.local.chatProvider(), localContextTokens: () => settings.value['local.contextSize'], egress,
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
  context.subscriptions.push(...registerRoutingCommands(() => services, log));
  const localLabel = () => localModelLabel(completions.local.state);
  const chat = registerChat(context, {
    services: () => services, settings, log, localLabel, hasReasoningKey: () => hasReasoningKey(keys, settings),
    reasoningModel: () => settings.value['reasoning.model'] || (settings.value['reasoning.provider'] === 'anthropic' ? 'Anthropic (default model)' : 'OpenAI (default model)'),
  });
  context.subscriptions.push(...chat.disposables, completions.local.onState(() => chat.refresh()) as vscode.Disposable);
  void revealChatOnce(context.workspaceState, log);
  const workflow: WorkflowDeps = { context, services: () => services, settings, keys, log, chat, local: completions.local };
  const testHooks = testHooksFor(context);
  if (testHooks) testHooks.settings = () => settings.value;
  context.subscriptions.push(...registerDeepDebug(workflow, testHooks), ...registerRefactor(workflow, testHooks), ...registerUsage(workflow), ...registerEgress(workflow));

  const activationMs = performance.now() - started;
  log.info(`Tiered activated in ${activationMs.toFixed(1)} ms (tier: ${settings.value.tier}).`);
  return {
    activationMs, statusText: () => status.text, chatVisible: () => chat.api.visible(), chatConversations: () => chat.api.conversations(),
    completionStats: () => completions.scheduler.stats, localState: () => completions.local.state, services, testHooks,
    recentFims: (): readonly FimResult[] => recentFims,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
