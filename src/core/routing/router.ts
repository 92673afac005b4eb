// Which tier answers a request, and the one-line reason the user sees. A pure function.
//
// Rules, in order (the first that applies decides):
//  1. Inline completions always run locally ("Inline completions always run locally.").
//  2. tiered.tier = local is a kill switch: local, whatever the request or the conversation asks
//     (an escalation says why it stayed here).
//  3. An explicit choice for this request (escalate / retry locally) is honoured:
//     - local: local.
//     - reasoning: reasoning, unless it cannot run (no API key, offline), then local and say
//       why. A spent budget does not block it: the decision carries confirm: 'budget' and the
//       adapter asks first.
//  4. A pinned tier (tiered.tier): reasoning → reasoning unless unavailable
//     (no key, offline, budget spent → local, say so).
//  5. Deep Debug and refactoring → reasoning unless unavailable (→ local, say so).
//  6. Chat in auto routes by difficulty (./difficulty.ts): stack traces, several files, large
//     attached context, hard words (why, root cause, refactor, design, architecture, race,
//     deadlock, prove, multi-step), long text, lots of code, a conversation already on the
//     reasoning model each add weight; a short or simple lookup subtracts. A score ≥ 3, a
//     context too large for the local model, or no local model → reasoning (if available;
//     otherwise local and say why). Anything else → local.
//     With the learned part (state.learned, ./learned.ts) the score is replaced by its
//     classifier (shipped pretrained, personalized by the user's escalations and retries); the
//     guards above (explicit choice, pins, availability, budget, context size, no local model)
//     still decide first, and the reason names the learned part.
// Reasoning unavailable means, in this order: no API key, offline, budget spent.
// When the chosen tier is reasoning and the estimate is above the confirmation threshold
// (state.confirmNeeded), confirm: 'cost' asks before sending.
import type { Tier } from '../config';
import type { TierId } from '../providers/types';
import { formatUsd } from '../status';
import { REASONING_THRESHOLD, chatDifficulty, joinLabels } from './difficulty';
import type { Assessment, LearnedRouter } from './learned';

export type RequestKind = 'inline' | 'chat' | 'deep-debug' | 'refactor';

export interface RouteRequest {
  kind: RequestKind;
  text: string;
  attachedContextTokens?: number;
  fileCount?: number;
  hasStackTrace?: boolean;
  /** Diagnostics / errors attached. */
  hasErrors?: boolean;
  conversation?: { turns: number; lastTier?: TierId };
  /**
   * The user's own words (with any code they pasted), without the attached files: what the
   * learned part reads (attached context counts through attachedContextTokens and fileCount).
   */
  question?: string;
  /** Language id of the attached code ('typescript'), a feature of the learned part. */
  language?: string;
  /** The user chose the tier for this request ("escalate", "retry locally"). */
  explicitTier?: TierId;
}

export interface RouteState {
  pinned: Tier;
  /** From BudgetGuard.state().exhausted (true when the figures are not at hand). */
  budgetExhausted?: boolean | { period: 'daily' | 'monthly'; limitUsd: number };
  /** The estimate is above tiered.budget.confirmAboveUsd. */
  confirmNeeded?: boolean;
  hasReasoningKey: boolean;
  online: boolean;
  localAvailable: boolean;
  /** The local model's context size; a larger request goes to the reasoning model. */
  localContextTokens?: number;
  /** The learned part; without it chat in auto routes by the difficulty score alone. */
  learned?: Pick<LearnedRouter, 'assess'>;
}

export interface RouteDecision {
  tier: TierId;
  /** One line for the user: "Reasoning: stack trace and 3 files attached". */
  reason: string;
  /** Set when the preferred tier could not be used: what would have happened, and why not. */
  fallback?: string;
  /** Ask before sending: the budget is spent ('budget') or the estimate is high ('cost'). */
  confirm?: 'budget' | 'cost';
  /** Set when the learned part decided (chat in auto): what a signal about this answer updates. */
  learned?: Pick<Assessment, 'x' | 'bucket' | 'p' | 'tier'> & { reasoningUsd?: number };
}

function budgetText(b: RouteState['budgetExhausted']): string {
  if (!b) return '';
  if (b === true) return 'budget spent';
  return `${b.period} budget spent (${formatUsd(b.limitUsd)})`;
}

/** Why the reasoning tier cannot run now (undefined when it can). */
function reasoningBlocked(s: RouteState, ignoreBudget = false): string | undefined {
  if (!s.hasReasoningKey) return 'no API key for the reasoning model (run "Tiered: Set API Key")';
  if (!s.online) return 'offline';
  if (!ignoreBudget && s.budgetExhausted) return budgetText(s.budgetExhausted);
  return undefined;
}

const reasoning = (s: RouteState, reason: string): RouteDecision =>
  (s.confirmNeeded ? { tier: 'reasoning', reason, confirm: 'cost' } : { tier: 'reasoning', reason });

export function route(req: RouteRequest, s: RouteState): RouteDecision {
  if (req.kind === 'inline') return { tier: 'local', reason: 'Inline completions always run locally.' };

  if (s.pinned === 'local') {
    return req.explicitTier === 'reasoning'
      ? { tier: 'local', reason: 'Local: pinned to the local tier', fallback: 'You asked for the reasoning model, but tiered.tier is "local": nothing leaves this machine. Choose another tier to escalate.' }
      : { tier: 'local', reason: 'Local: pinned to the local tier' };
  }
  if (req.explicitTier === 'local') return { tier: 'local', reason: 'Local: you asked for the local model' };
  if (req.explicitTier === 'reasoning') {
    const blocked = reasoningBlocked(s, true);
    if (blocked) return { tier: 'local', reason: `Local: ${blocked}`, fallback: `You asked for the reasoning model; it cannot run: ${blocked}.` };
    if (s.budgetExhausted) return { tier: 'reasoning', reason: `Reasoning: you asked for it (${budgetText(s.budgetExhausted)}; confirm first)`, confirm: 'budget' };
    return reasoning(s, 'Reasoning: you asked for the reasoning model');
  }

  const blocked = reasoningBlocked(s);
  if (s.pinned === 'reasoning') {
    if (blocked) return { tier: 'local', reason: `Local: ${blocked}`, fallback: `Pinned to reasoning, but ${blocked}.` };
    return reasoning(s, 'Reasoning: pinned to the reasoning tier');
  }

  if (req.kind === 'deep-debug' || req.kind === 'refactor') {
    const what = req.kind === 'deep-debug' ? 'Deep Debug' : 'Refactoring across files';
    if (blocked) return { tier: 'local', reason: `Local: ${blocked}`, fallback: `${what} would use the reasoning model, but ${blocked}.` };
    return reasoning(s, `Reasoning: ${what} uses the reasoning model`);
  }

  // Chat in auto.
  const tokens = req.attachedContextTokens ?? 0;
  const tooBig = s.localContextTokens !== undefined && tokens > s.localContextTokens * 0.8;
  if (s.learned) return learnedRoute(req, s, s.learned.assess({ ...req, text: req.question ?? req.text }), tooBig, blocked);
  const d = chatDifficulty(req);
  const labels = d.hard.slice(0, 3).map((h) => h.label);
  let why: string | undefined;
  if (tooBig) why = `context too large for the local model (${tokens.toLocaleString('en-US')} tokens)`;
  else if (d.score >= REASONING_THRESHOLD) why = joinLabels(labels);
  else if (!s.localAvailable) why = 'no local model loaded';
  if (why) {
    if (blocked) return { tier: 'local', reason: `Local: ${blocked}`, fallback: `Would use the reasoning model (${why}), but ${blocked}.` };
    return reasoning(s, `Reasoning: ${why}`);
  }
  const easy = d.easy.length ? d.easy.join(', ') : 'nothing that needs the reasoning model';
  const light = labels.length ? ` (light signals: ${joinLabels(labels)})` : '';
  return { tier: 'local', reason: `Local: ${easy}${light}` };
}

/** Chat in auto with the learned part: the guards first, then the classifier. */
function learnedRoute(req: RouteRequest, s: RouteState, a: Assessment, tooBig: boolean, blocked: string | undefined): RouteDecision {
  const learned = { x: a.x, bucket: a.bucket, p: a.p, tier: a.tier };
  const tokens = req.attachedContextTokens ?? 0;
  let why: string | undefined;
  if (tooBig) why = `context too large for the local model (${tokens.toLocaleString('en-US')} tokens)`;
  else if (!s.localAvailable) why = 'no local model loaded';
  else if (a.tier === 'reasoning') why = a.why;
  if (why) {
    // Guard decisions carry no learned part: a signal about them says nothing about the classifier.
    const mine = !tooBig && s.localAvailable ? { learned } : {};
    if (blocked) return { tier: 'local', reason: `Local: ${blocked}`, fallback: `Would use the reasoning model (${why}), but ${blocked}.` };
    return { ...reasoning(s, `Reasoning: ${why}`), ...mine };
  }
  return { tier: 'local', reason: `Local: ${a.why}`, learned };
}

/** The tier "Retry on the other tier" uses. */
export function otherTier(decision: Pick<RouteDecision, 'tier'>): TierId {
  return decision.tier === 'local' ? 'reasoning' : 'local';
}

/** The button text for retrying on the other tier. */
export function retryLabel(decision: Pick<RouteDecision, 'tier'>): string {
  return decision.tier === 'local' ? 'Escalate to reasoning' : 'Retry locally';
}

/** The same request, sent to the other tier (an explicit choice, so rule 2 applies). */
export function retryOnOtherTier(req: RouteRequest, decision: Pick<RouteDecision, 'tier'>): RouteRequest {
  return { ...req, explicitTier: otherTier(decision) };
}
