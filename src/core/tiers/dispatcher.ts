// Every chat-like request (chat, Deep Debug, refactor) goes through here: estimate what the
// reasoning tier would cost, route (auto or pinned), confirm above the threshold or past the
// budget, reserve the estimate, stream from the chosen provider, then record the outcome in the
// ledger, settle the reservation and note the latency. One place, so nothing is double-counted
// and no cloud call escapes the budget.
import { UserFacingError } from '../errors';
import type { BudgetGuard, Reservation } from '../cost/budget';
import { estimateCost, type CostEstimate } from '../cost/estimate';
import type { RollingLatency } from '../cost/latency';
import { entryFromChatResult, type Ledger } from '../cost/ledger';
import type { PriceBook } from '../cost/prices';
import type { Tier } from '../config';
import { route, type RouteDecision, type RouteRequest } from '../routing/router';
import { completionOnlyReason, guardLocalChat, type ChatCapability } from './localChatGuard';
import type { ChatMessage, ChatProvider, ChatRequest, ChatResult, Purpose, StreamEvent, TierId } from '../providers/types';

export interface DispatcherDeps {
  local: () => ChatProvider | undefined;
  reasoning: () => ChatProvider;
  hasReasoningKey: () => Promise<boolean>;
  prices: () => PriceBook;
  ledger: Ledger;
  budget: BudgetGuard;
  latency: RollingLatency;
  pinned: () => Tier;
  online?: () => boolean;
  localContextTokens?: () => number | undefined;
  /** What the local model can do: a completion-only model never gets chat. */
  localCapabilities?: () => Promise<ChatCapability | undefined>;
  /** Asks the user (modal); resolves true to go ahead. */
  confirm: (message: string) => Promise<boolean>;
}

export interface DispatchRequest {
  purpose: Purpose;
  messages: ChatMessage[];
  route: Omit<RouteRequest, 'text'> & { text?: string };
  reasoning?: ChatRequest['reasoning'];
  maxOutputTokens?: number;
  signal?: AbortSignal;
  /** The user already accepted an estimate up to this much (a workflow's own cost prompt). */
  preApprovedUsd?: number;
  /** Called once the tier is chosen, before anything streams. */
  onDecision?: (d: Dispatched) => void;
  onEvent?: (e: StreamEvent) => void;
}

export interface Dispatched {
  decision: RouteDecision;
  tier: TierId;
  provider: ChatProvider;
  model: string;
  estimate?: CostEstimate;
}

export type DispatchOutcome =
  | (Dispatched & { kind: 'answered'; result: ChatResult; usd: number | null })
  | { kind: 'declined'; decision: RouteDecision; message: string };

const textOf = (messages: ChatMessage[]) => messages.map((m) => m.content).join('\n\n');

export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  /** The estimate of sending these messages to the reasoning model. */
  estimate(purpose: Purpose, messages: ChatMessage[], maxOutputTokens?: number, reasoning?: ChatRequest['reasoning']): CostEstimate {
    const provider = this.deps.reasoning();
    // Anthropic thinks only when asked; OpenAI reasoning models always do.
    const thinking = !(provider.id === 'anthropic' && (reasoning === undefined || reasoning === 'none'));
    return estimateCost(this.deps.prices(), { model: provider.defaultModel(), purpose, prompt: textOf(messages), maxOutputTokens, thinking });
  }

  async dispatch(req: DispatchRequest): Promise<DispatchOutcome> {
    const d = this.deps;
    const estimate = this.estimate(req.purpose, req.messages, req.maxOutputTokens, req.reasoning);
    const budget = d.budget.state();
    const needs = d.budget.needsConfirmation(estimate);
    const localCaps = await d.localCapabilities?.();
    const routed = route({ ...req.route, text: req.route.text ?? req.messages.at(-1)?.content ?? '', attachedContextTokens: req.route.attachedContextTokens ?? estimate.inputTokens }, {
      pinned: d.pinned(),
      budgetExhausted: budget.exhausted ? { period: budget.exhausted.period, limitUsd: budget.exhausted.limitUsd } : false,
      confirmNeeded: needs.confirm,
      hasReasoningKey: await d.hasReasoningKey(),
      online: d.online?.() ?? true,
      localAvailable: d.local() !== undefined && !completionOnlyReason(localCaps),
      localContextTokens: d.localContextTokens?.(),
    });
    const guarded = guardLocalChat(routed, localCaps);
    if (!guarded.ok) return { kind: 'declined', decision: routed, message: guarded.message };
    const decision = guarded.decision;
    let reservation: Reservation | undefined;
    let provider: ChatProvider;
    if (decision.tier === 'reasoning') {
      provider = d.reasoning();
      let force = false;
      const preApproved = req.preApprovedUsd !== undefined && estimate.usd !== undefined && estimate.usd <= req.preApprovedUsd * 1.05;
      if (decision.confirm === 'budget' || (needs.confirm && !preApproved)) {
        const message = decision.confirm === 'budget'
          ? `${decision.reason}. Send anyway? Estimated ${describe(estimate)}.`
          : needs.message ?? `Send to ${estimate.model}? Estimated ${describe(estimate)}.`;
        if (!(await d.confirm(message))) return { kind: 'declined', decision, message: 'Not sent: you declined the estimated cost.' };
        force = true;
      }
      const reserved = d.budget.reserve(estimate.usd, { force });
      if (!reserved.ok) {
        if (!(await d.confirm(`${reserved.message} Send anyway?`))) return { kind: 'declined', decision, message: reserved.message };
        const again = d.budget.reserve(estimate.usd, { force: true });
        reservation = again.ok ? again.reservation : undefined;
      } else {
        reservation = reserved.reservation;
      }
    } else {
      const local = d.local();
      if (!local) throw new UserFacingError("No local model for this request — run 'Tiered: Choose Local Model', or set an API key for the reasoning tier.", [{ title: 'Choose Local Model', command: 'tiered.chooseLocalModel' }], 'no-model');
      provider = local;
    }
    const dispatched: Dispatched = { decision, tier: decision.tier, provider, model: provider.defaultModel(), estimate: decision.tier === 'reasoning' ? estimate : undefined };
    req.onDecision?.(dispatched);
    let result: ChatResult;
    try {
      result = await provider.chat({ messages: req.messages, purpose: req.purpose, reasoning: req.reasoning, maxOutputTokens: req.maxOutputTokens, signal: req.signal }, req.onEvent);
    } catch (error) {
      if (reservation) d.budget.release(reservation);
      throw error;
    }
    // Latency first: recording in the ledger notifies the status bar, which reads both.
    if (result.finishReason === 'stop' || result.finishReason === 'length') d.latency.add(decision.tier, result.totalMs, result.timeToFirstTokenMs);
    const line = d.ledger.record(entryFromChatResult(result, req.purpose, decision.tier));
    const usd = decision.tier === 'local' ? 0 : line.usd;
    if (reservation) d.budget.settle(reservation, usd ?? undefined);
    return { ...dispatched, model: result.model || dispatched.model, kind: 'answered', result, usd };
  }
}

function describe(e: CostEstimate): string {
  const usd = e.usd === undefined ? 'unknown cost (model not in the price table)' : `$${e.usd.toFixed(e.usd < 0.01 ? 4 : 2)}`;
  return `${usd} — ~${e.inputTokens.toLocaleString('en-US')} input + ~${e.outputTokens.toLocaleString('en-US')} output tokens on ${e.model}`;
}
