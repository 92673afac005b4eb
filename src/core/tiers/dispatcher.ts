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
import type { LearnedRouter } from '../routing/learned';
import { entriesFor, type EgressContext, type EgressEntry } from '../egress/entry';
import { withEgressScope, type EgressScope } from '../egress/wireTap';
import { isLocalBaseUrl } from '../providers/sdkSupport';
import { route, type RouteDecision, type RouteRequest } from '../routing/router';
import { completionOnlyReason, guardLocalChat, type ChatCapability } from './localChatGuard';
import type { ChatMessage, ChatProvider, ChatRequest, ChatResult, Purpose, StreamEvent, TierId, ToolSpec } from '../providers/types';

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
  /** The learned part of the router (undefined: rules only). */
  learned?: () => Pick<LearnedRouter, 'assess'> | undefined;
  /** What the local model can do: a completion-only model never gets chat. */
  localCapabilities?: () => Promise<ChatCapability | undefined>;
  /** Asks the user (modal); resolves true to go ahead. */
  confirm: (message: string) => Promise<boolean>;
  /** The egress record: every wire request a provider makes during a dispatch, with why and what. */
  egress?: { record(entries: EgressEntry[]): void };
}

/** A cost question of one request: above the confirm threshold ('cost'), or past a budget ('budget'). */
export interface CostQuestion {
  kind: 'cost' | 'budget';
  /** The sentence to ask ("Daily budget reached … Send anyway? Estimated …"). */
  message: string;
  estimate: CostEstimate;
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
  /** For the egress record: the files and ranges sent, what was withheld or redacted. */
  egress?: EgressContext;
  /** Tools the model may call (the agent loop); sent to the reasoning tier only. */
  tools?: ToolSpec[];
  /**
   * Asks this request's cost question in place of the default (modal) one: the chat supplies a
   * card for requests started in the chat (../chat/costConfirm.ts). Resolves true to go ahead.
   */
  confirm?: (question: CostQuestion) => Promise<boolean>;
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
      learned: d.learned?.(),
    });
    const guarded = guardLocalChat(routed, localCaps);
    if (!guarded.ok) return { kind: 'declined', decision: routed, message: guarded.message };
    const decision = guarded.decision;
    // tiered.tier = local is a kill switch, whatever a caller or the router says.
    if (decision.tier === 'reasoning' && d.pinned() === 'local') throw new UserFacingError('Not sent: tiered.tier is "local", so nothing leaves this machine.', [], 'pinned-local');
    if (decision.learned) decision.learned.reasoningUsd = estimate.usd; // what routing locally saves
    let reservation: Reservation | undefined;
    let provider: ChatProvider;
    if (decision.tier === 'reasoning') {
      provider = d.reasoning();
      let force = false;
      const preApproved = req.preApprovedUsd !== undefined && estimate.usd !== undefined && estimate.usd <= req.preApprovedUsd * 1.05;
      const confirm = (kind: CostQuestion['kind'], message: string) => (req.confirm ? req.confirm({ kind, message, estimate }) : d.confirm(message));
      if (decision.confirm === 'budget' || (needs.confirm && !preApproved)) {
        const message = decision.confirm === 'budget'
          ? `${decision.reason}. Send anyway? Estimated ${describe(estimate)}.`
          : needs.message ?? `Send to ${estimate.model}? Estimated ${describe(estimate)}.`;
        if (!(await confirm(decision.confirm === 'budget' ? 'budget' : 'cost', message))) {
          return { kind: 'declined', decision, message: req.signal?.aborted ? 'Not sent: stopped before it was sent.' : 'Not sent: you declined the estimated cost.' };
        }
        // Agreeing to a cost is not agreeing to pass a cap: only the budget question forces.
        force = decision.confirm === 'budget';
      }
      const tokens = estimate.inputTokens + estimate.outputTokens;
      const reserved = d.budget.reserve(estimate.usd, { force, tokens });
      if (!reserved.ok) {
        if (!(await confirm('budget', `${reserved.message} Send anyway?`))) return { kind: 'declined', decision, message: reserved.message };
        const again = d.budget.reserve(estimate.usd, { force: true, tokens });
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
    const scope: EgressScope = { wire: [] };
    const recordEgress = (usd: number | null, outcome: string) => {
      // A local tier served by a server on this machine sent nothing off it; a remote endpoint did.
      const wire = decision.tier === 'local' ? scope.wire.filter((w) => !isLocalBaseUrl(w.url)) : scope.wire;
      if (wire.length) d.egress?.record(entriesFor(wire, { workflow: req.purpose, reason: decision.reason, provider: provider.id, model: dispatched.model, usd, outcome, ...req.egress }));
    };
    try {
      result = await withEgressScope(scope, () => provider.chat({
        messages: req.messages, purpose: req.purpose, reasoning: req.reasoning, maxOutputTokens: req.maxOutputTokens, signal: req.signal,
        ...(req.tools?.length && decision.tier === 'reasoning' ? { tools: req.tools } : {}),
      }, req.onEvent));
    } catch (error) {
      if (reservation) d.budget.release(reservation);
      recordEgress(0, req.signal?.aborted ? 'aborted' : 'error');
      throw error;
    }
    // Latency first: recording in the ledger notifies the status bar, which reads both.
    if (result.finishReason === 'stop' || result.finishReason === 'length') d.latency.add(decision.tier, result.totalMs, result.timeToFirstTokenMs);
    const line = d.ledger.record(entryFromChatResult(result, req.purpose, decision.tier));
    const usd = decision.tier === 'local' ? 0 : line.usd;
    // On disk before the reservation goes, so other windows never see neither.
    if (reservation) await d.ledger.flush().catch(() => undefined);
    if (reservation) d.budget.settle(reservation, usd ?? undefined);
    recordEgress(usd, result.finishReason === 'stop' || result.finishReason === 'length' ? 'ok' : result.finishReason);
    return { ...dispatched, model: result.model || dispatched.model, kind: 'answered', result, usd };
  }
}

function describe(e: CostEstimate): string {
  const usd = e.usd === undefined ? 'unknown cost (model not in the price table)' : `$${e.usd.toFixed(e.usd < 0.01 ? 4 : 2)}`;
  return `${usd} — ~${e.inputTokens.toLocaleString('en-US')} input + ~${e.outputTokens.toLocaleString('en-US')} output tokens on ${e.model}`;
}
