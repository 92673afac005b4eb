import * as vscode from 'vscode';
import { BudgetGuard } from '../core/cost/budget';
import { SharedReservations } from '../core/cost/sharedReservations';
import { RollingLatency, formatTooltip } from '../core/cost/latency';
import { Ledger } from '../core/cost/ledger';
import { PriceBook } from '../core/cost/prices';
import type { UsageSession } from '../core/cost/usageSession';
import { EgressRecorder } from '../core/egress/recorder';
import { EgressStore } from '../core/egress/store';

/** The egress record (store + the tapped fetch for each client). Cheap: nothing is read until it is shown. */
export function createEgress(storageDir: string, log: Logger): { store: EgressStore; recorder: EgressRecorder } {
  const store = new EgressStore(storageDir);
  return { store, recorder: new EgressRecorder(store, log) };
}
import type { KeyStore } from '../core/keys';
import type { Logger } from '../core/log';
import { AnthropicProvider } from '../core/providers/anthropic';
import { OpenAIProvider } from '../core/providers/openai';
import { hasReasoningKey } from './commands/apiKey';
import type { ChatProvider } from '../core/providers/types';
import { Dispatcher } from '../core/tiers/dispatcher';
import { RoutingStore, savingsLine } from '../core/routing/routingStore';
import { RoutingSignals } from '../core/routing/signals';
import { shippedWeights } from '../core/routing/shipped';
import { formatUsd } from '../core/status';
import type { SettingsAdapter } from './settings';
import type { StatusBar } from './statusBar';

export interface Services {
  ledger: Ledger;
  budget: BudgetGuard;
  latency: RollingLatency;
  dispatcher: Dispatcher;
  /** The learned router's state and savings (undefined when the shipped weights do not fit). */
  routing?: RoutingStore;
  /** Escalate / retry / re-ask / copy signals for the learned router. */
  signals?: RoutingSignals;
  /** "Routing: saved ~$… vs always-reasoning … · N overrides" (status bar tooltip, Show Usage). */
  routingLine(): string | undefined;
  /** What left this machine (tiered.showEgress), and the fetch each client must use. */
  egress: { store: EgressStore; recorder: EgressRecorder };
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
  /** "This session": survives reloads (src/vscode/usage/session.ts). */
  usageSession?: UsageSession;
  localContextTokens: () => number;
  egress: { store: EgressStore; recorder: EgressRecorder };
  localCapabilities?: () => Promise<{ name: string; chat: boolean } | undefined>;
}): Promise<Services> {
  const { settings, keys, log, status } = opts;
  const { store: egressStore, recorder } = opts.egress;
  const reasoningFetch = recorder.fetchFor('reasoning');
  const base = new PriceBook();
  let prices = base;
  let reasoning: ChatProvider | undefined;
  let reasoningKey = '';
  const applySettings = () => {
    const { book, problems } = base.withOverrides(settings.value['reasoning.prices']);
    prices = book;
    for (const p of problems) log.warn(`tiered.reasoning.prices: ${p}`);
    const key = JSON.stringify([settings.value['reasoning.provider'], settings.value['reasoning.model'], settings.value['reasoning.baseUrl'], settings.value['reasoning.openaiApi']]);
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
      ? new AnthropicProvider({ apiKey, baseUrl, defaultModel, logger: log, fetch: reasoningFetch })
      : new OpenAIProvider({ apiKey, baseUrl, defaultModel, logger: log, fetch: reasoningFetch, api: s['reasoning.openaiApi'] });
  };
  const reasoningProvider = () => (reasoning ??= buildReasoning());
  const ledger = await Ledger.open({ dir: opts.storageDir, logger: log, prices: () => prices, savingsModel: () => reasoningProvider().defaultModel(), session: opts.usageSession });
  const budget = new BudgetGuard(() => ({
    dailyUsd: settings.value['budget.dailyUsd'], monthlyUsd: settings.value['budget.monthlyUsd'], confirmAboveUsd: settings.value['budget.confirmAboveUsd'],
    dailyUnpricedTokens: settings.value['budget.dailyUnpricedTokens'],
  }), ledger, Date.now, new SharedReservations(opts.storageDir, ledger.windowId));
  const latency = new RollingLatency(50);
  const shipped = shippedWeights();
  if (!shipped) log.warn('Routing: the shipped routing classifier does not fit this build; chat routes by the rules alone.');
  const routing = shipped ? await RoutingStore.open(opts.storageDir, shipped, log) : undefined;
  const signals = routing ? new RoutingSignals(() => routing.learner, routing) : undefined;
  const routingLine = () => (routing ? savingsLine(routing.savings, routing.learner.overrides, formatUsd) : undefined);
  const dispatcher = new Dispatcher({
    local: opts.local,
    reasoning: reasoningProvider,
    hasReasoningKey: () => hasReasoningKey(keys, settings),
    prices: () => prices,
    ledger, budget, latency,
    pinned: () => settings.value.tier,
    localContextTokens: opts.localContextTokens,
    learned: () => routing?.learner,
    localCapabilities: opts.localCapabilities,
    confirm: async (message) => (await vscode.window.showWarningMessage(`Tiered: ${message}`, { modal: true }, 'Send')) === 'Send',
    egress: recorder,
  });

  const render = () => {
    const last = latency.last();
    status.update({
      lastLatencyMs: last?.ms,
      todayUsd: ledger.day().usd,
      details: [...formatTooltip({ latency: { local: latency.stats('local'), reasoning: latency.stats('reasoning') }, session: ledger.session(), today: ledger.day(), month: ledger.month(), budget: budget.state(), savingsModel: reasoningProvider().defaultModel() }), ...(routing ? [routingLine()!] : [])],
    });
  };
  const off = ledger.onChange(render);
  const offRouting = routing?.onChange(render);
  const sub = settings.onDidChange(() => { applySettings(); render(); });
  render();
  return {
    ledger, budget, latency, dispatcher, routing, signals, routingLine, egress: { store: egressStore, recorder },
    prices: () => prices,
    reasoning: reasoningProvider,
    async dispose() { off(); offRouting?.(); sub.dispose(); await Promise.all([ledger.dispose(), routing?.flush()]); },
  };
}
