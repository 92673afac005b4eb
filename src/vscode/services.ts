import * as vscode from 'vscode';
import { BudgetGuard } from '../core/cost/budget';
import { RollingLatency, formatTooltip } from '../core/cost/latency';
import { Ledger } from '../core/cost/ledger';
import { PriceBook } from '../core/cost/prices';
import type { KeyStore } from '../core/keys';
import type { Logger } from '../core/log';
import { AnthropicProvider } from '../core/providers/anthropic';
import { OpenAIProvider } from '../core/providers/openai';
import { isLocalBaseUrl } from '../core/providers/sdkSupport';
import type { ChatProvider } from '../core/providers/types';
import { Dispatcher } from '../core/tiers/dispatcher';
import type { SettingsAdapter } from './settings';
import type { StatusBar } from './statusBar';

export interface Services {
  ledger: Ledger;
  budget: BudgetGuard;
  latency: RollingLatency;
  dispatcher: Dispatcher;
  prices(): PriceBook;
  reasoning(): ChatProvider;
  dispose(): Promise<void>;
}

/**
 * The reasoning tier, prices, ledger, budget and latency, built after activation (the ledger is
 * read from disk) so activate() stays fast. The status bar renders the ledger as it changes.
 */
export async function createServices(opts: {
  storageDir: string; settings: SettingsAdapter; keys: KeyStore; log: Logger; status: StatusBar; local: () => ChatProvider | undefined;
  localContextTokens: () => number;
  localCapabilities?: () => Promise<{ name: string; chat: boolean } | undefined>;
}): Promise<Services> {
  const { settings, keys, log, status } = opts;
  const base = new PriceBook();
  let prices = base;
  let reasoning: ChatProvider | undefined;
  let reasoningKey = '';
  const applySettings = () => {
    const { book, problems } = base.withOverrides(settings.value['reasoning.prices']);
    prices = book;
    for (const p of problems) log.warn(`tiered.reasoning.prices: ${p}`);
    const key = JSON.stringify([settings.value['reasoning.provider'], settings.value['reasoning.model'], settings.value['reasoning.baseUrl']]);
    if (key !== reasoningKey) { reasoningKey = key; reasoning = undefined; }
  };
  applySettings();
  const buildReasoning = (): ChatProvider => {
    const s = settings.value;
    const provider = s['reasoning.provider'];
    const baseUrl = s['reasoning.baseUrl'] || undefined;
    const priced = provider === 'anthropic' ? 'anthropic' : baseUrl && !/api\.openai\.com/.test(baseUrl) ? 'openai-compatible' : 'openai';
    const defaultModel = s['reasoning.model'] || prices.defaultModel(priced) || (provider === 'anthropic' ? 'claude-sonnet-4-5' : 'o4-mini');
    const apiKey = async () => (await keys.get(provider)).key;
    return provider === 'anthropic'
      ? new AnthropicProvider({ apiKey, baseUrl, defaultModel, logger: log })
      : new OpenAIProvider({ apiKey, baseUrl, defaultModel, logger: log });
  };
  const reasoningProvider = () => (reasoning ??= buildReasoning());
  const ledger = await Ledger.open({ dir: opts.storageDir, logger: log, prices: () => prices, savingsModel: () => reasoningProvider().defaultModel() });
  const budget = new BudgetGuard(() => ({
    dailyUsd: settings.value['budget.dailyUsd'], monthlyUsd: settings.value['budget.monthlyUsd'], confirmAboveUsd: settings.value['budget.confirmAboveUsd'],
  }), ledger);
  const latency = new RollingLatency(50);
  const dispatcher = new Dispatcher({
    local: opts.local,
    reasoning: reasoningProvider,
    hasReasoningKey: async () => {
      const p = settings.value['reasoning.provider'];
      if ((await keys.get(p)).key) return true;
      return p === 'openai' && isLocalBaseUrl(settings.value['reasoning.baseUrl'] || undefined);
    },
    prices: () => prices,
    ledger, budget, latency,
    pinned: () => settings.value.tier,
    localContextTokens: opts.localContextTokens,
    localCapabilities: opts.localCapabilities,
    confirm: async (message) => (await vscode.window.showWarningMessage(`Tiered: ${message}`, { modal: true }, 'Send')) === 'Send',
  });

  const render = () => {
    const last = latency.last();
    status.update({
      lastLatencyMs: last?.ms,
      todayUsd: ledger.day().usd,
      details: formatTooltip({ latency: { local: latency.stats('local'), reasoning: latency.stats('reasoning') }, session: ledger.session(), today: ledger.day(), month: ledger.month(), budget: budget.state(), savingsModel: reasoningProvider().defaultModel() }),
    });
  };
  const off = ledger.onChange(render);
  const sub = settings.onDidChange(() => { applySettings(); render(); });
  render();
  return {
    ledger, budget, latency, dispatcher,
    prices: () => prices,
    reasoning: reasoningProvider,
    async dispose() { off(); sub.dispose(); await ledger.dispose(); },
  };
}
