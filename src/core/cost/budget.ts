// The budget guard: daily and monthly caps on cloud spend and the "ask above $X" threshold.
//
// A request reserves its estimated cost before it is sent; reservations count as spent until
// the request is settled (after its actual cost is in the ledger) or released (not sent). A
// reservation is refused when spent + reserved + this estimate would pass a cap, so requests
// running at the same time cannot together go over it; only an estimate that proves too low
// can overshoot, by that request's error. When the budget is spent, automatic routing stays
// local (`state().exhausted` feeds the router) and explicit escalations ask first: the adapter
// shows `message` and, if the user agrees, reserves again with `force`.
//
// A model with no price is never counted as $0: every request to it asks first, and its tokens
// count against a daily token cap (tiered.budget.dailyUnpricedTokens). Budgets hold across
// windows: spent money comes from the ledger, which reads other windows' records before each
// decision, and reservations are shared through ./sharedReservations.ts.
import { formatUsd } from '../status';
import type { CostEstimate } from './estimate';
import type { SharedReservations } from './sharedReservations';

/** Tokens a day to models with no price, when the setting says nothing. */
export const DEFAULT_UNPRICED_TOKENS = 500_000;

export interface BudgetLimits {
  /** tiered.budget.dailyUsd; 0 = no daily cap. */
  dailyUsd: number;
  /** Monthly cap; 0 = none. */
  monthlyUsd: number;
  /** tiered.budget.confirmAboveUsd: ask before an escalation estimated above this. */
  confirmAboveUsd: number;
  /** tiered.budget.dailyUnpricedTokens: tokens a day to models with no price; 0 = no cap. */
  dailyUnpricedTokens?: number;
}

/** Where spent money comes from (the ledger implements it). */
export interface SpendSource {
  spent(time?: number): { dayUsd: number; monthUsd: number; dayUnpricedTokens?: number };
}

export interface Reservation {
  readonly id: number;
  readonly usd: number;
  /** Tokens reserved against the unpriced-token cap (0 for a priced model). */
  readonly tokens: number;
  /** Reserved past a cap because the user said so. */
  readonly forced: boolean;
}

export type BudgetPeriod = 'daily' | 'monthly';

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; reason: BudgetPeriod; message: string; spentUsd: number; limitUsd: number };

export interface BudgetState {
  dayUsd: number;
  monthUsd: number;
  reservedUsd: number;
  /** Set when a cap is reached (spent + in flight ≥ cap): automatic routing stays local. */
  exhausted?: { period: BudgetPeriod; limitUsd: number; spentUsd: number };
  dailyLeftUsd?: number;
  monthlyLeftUsd?: number;
}

const PERIOD_WORDS: Record<BudgetPeriod, { label: string; when: string }> = {
  daily: { label: 'Daily budget', when: 'today' },
  monthly: { label: 'Monthly budget', when: 'this month' },
};

export class BudgetGuard {
  private readonly reservations = new Map<number, Reservation>();
  private nextId = 1;

  constructor(private readonly limits: () => BudgetLimits, private readonly source: SpendSource, private readonly now: () => number = Date.now, private readonly shared?: SharedReservations) {}

  /** Reserved by requests in flight, in this window and (with shared reservations) every other. */
  reservedUsd(): number {
    let sum = this.shared?.others().usd ?? 0;
    for (const r of this.reservations.values()) sum += r.usd;
    return sum;
  }

  private reservedTokens(): number {
    let sum = this.shared?.others().tokens ?? 0;
    for (const r of this.reservations.values()) sum += r.tokens;
    return sum;
  }

  state(): BudgetState {
    const { dayUsd, monthUsd } = this.source.spent(this.now());
    const reservedUsd = this.reservedUsd();
    const l = this.limits();
    const s: BudgetState = { dayUsd, monthUsd, reservedUsd };
    if (l.dailyUsd > 0) s.dailyLeftUsd = Math.max(0, l.dailyUsd - dayUsd - reservedUsd);
    if (l.monthlyUsd > 0) s.monthlyLeftUsd = Math.max(0, l.monthlyUsd - monthUsd - reservedUsd);
    if (l.dailyUsd > 0 && dayUsd + reservedUsd >= l.dailyUsd) s.exhausted = { period: 'daily', limitUsd: l.dailyUsd, spentUsd: dayUsd };
    else if (l.monthlyUsd > 0 && monthUsd + reservedUsd >= l.monthlyUsd) s.exhausted = { period: 'monthly', limitUsd: l.monthlyUsd, spentUsd: monthUsd };
    return s;
  }

  /**
   * Reserves a request's estimated cost. `estimateUsd` undefined means the model has no price:
   * no dollars are reserved, but a spent budget still refuses, and `tokens` (the estimate's
   * tokens) count against the daily unpriced-token cap. Synchronous, so two requests started at
   * the same time see each other's reservation; across windows, under the shared lock.
   */
  reserve(estimateUsd: number | undefined, options: { force?: boolean; tokens?: number } = {}): ReserveResult {
    const decide = (): ReserveResult => {
      const usd = estimateUsd !== undefined && Number.isFinite(estimateUsd) && estimateUsd > 0 ? estimateUsd : 0;
      const tokens = estimateUsd === undefined ? Math.max(0, Math.ceil(options.tokens ?? 0)) : 0;
      if (!options.force) {
        const spentNow = this.source.spent(this.now());
        const reserved = this.reservedUsd();
        const l = this.limits();
        const checks: [BudgetPeriod, number, number][] = [['daily', l.dailyUsd, spentNow.dayUsd], ['monthly', l.monthlyUsd, spentNow.monthUsd]];
        for (const [period, limit, spent] of checks) {
          if (!(limit > 0)) continue;
          const full = spent + reserved >= limit;
          if (full || spent + reserved + usd > limit) {
            return { ok: false, reason: period, spentUsd: spent, limitUsd: limit, message: budgetMessage(period, spent, reserved, limit, estimateUsd) };
          }
        }
        const cap = l.dailyUnpricedTokens ?? DEFAULT_UNPRICED_TOKENS;
        if (estimateUsd === undefined && cap > 0) {
          const used = (spentNow.dayUnpricedTokens ?? 0) + this.reservedTokens();
          if (used + tokens > cap) return { ok: false, reason: 'daily', spentUsd: spentNow.dayUsd, limitUsd: l.dailyUsd, message: tokenCapMessage(used, tokens, cap) };
        }
      }
      const reservation: Reservation = { id: this.nextId++, usd, tokens, forced: !!options.force };
      this.reservations.set(reservation.id, reservation);
      this.shared?.hold(String(reservation.id), usd, tokens);
      return { ok: true, reservation };
    };
    return this.shared ? this.shared.locked(decide) : decide();
  }

  /**
   * The request finished: its reservation stops counting. Record the actual cost in the ledger
   * first (the ledger is where spend is counted), then settle. Returns how far the actual
   * exceeded the estimate (0 when it did not), for the log.
   */
  settle(reservation: Reservation, actualUsd?: number): number {
    this.drop(reservation);
    return actualUsd !== undefined && actualUsd > reservation.usd ? actualUsd - reservation.usd : 0;
  }

  /** The request was not sent (the user declined, or it failed before any token was billed). */
  release(reservation: Reservation): void {
    this.drop(reservation);
  }

  private drop(reservation: Reservation): void {
    if (this.reservations.delete(reservation.id)) this.shared?.done(String(reservation.id));
  }

  /** Whether to ask before sending, with the question to ask (figures included). */
  needsConfirmation(estimate: CostEstimate): { confirm: boolean; message?: string } {
    const threshold = this.limits().confirmAboveUsd;
    if (estimate.unknown || estimate.usd === undefined) {
      const tokens = estimate.inputTokens + estimate.outputTokens;
      const cap = this.limits().dailyUnpricedTokens ?? DEFAULT_UNPRICED_TOKENS;
      const used = this.source.spent(this.now()).dayUnpricedTokens ?? 0;
      const capText = cap > 0 ? ` Today's requests to unpriced models used ${used.toLocaleString('en-US')} of the ${cap.toLocaleString('en-US')} tokens allowed (tiered.budget.dailyUnpricedTokens).` : '';
      return {
        confirm: true,
        message: `${estimate.model} has no price in Tiered's price table, so this request's cost is unknown (about ${tokens.toLocaleString('en-US')} tokens). Add its price with tiered.reasoning.prices to have it counted.${capText} Send it?`,
      };
    }
    if (!(estimate.usd > threshold)) return { confirm: false };
    return {
      confirm: true,
      message: `This request to ${estimate.model} is estimated at ${formatUsd(estimate.usd)} (${estimate.inputTokens.toLocaleString('en-US')} tokens in, about ${estimate.outputTokens.toLocaleString('en-US')} out), above your confirmation threshold of ${formatUsd(threshold)}. Send it?`,
    };
  }
}

/** The text shown when a cap refuses a request, e.g. "Daily budget: $4.95 of $5.00 spent today ...". */
export function budgetMessage(period: BudgetPeriod, spentUsd: number, reservedUsd: number, limitUsd: number, estimateUsd: number | undefined): string {
  const w = PERIOD_WORDS[period];
  const inFlight = reservedUsd > 0 ? ` (plus ${formatUsd(reservedUsd)} for requests in progress)` : '';
  const est = estimateUsd === undefined ? 'its cost is unknown' : `it is estimated at ${formatUsd(estimateUsd)}`;
  const state = spentUsd + reservedUsd >= limitUsd ? 'is spent' : 'would be exceeded';
  return `${w.label} ${state}: ${formatUsd(spentUsd)} of ${formatUsd(limitUsd)} used ${w.when}${inFlight}, and ${est}. Send this request to the reasoning model anyway?`;
}

/** The text shown when the daily cap on tokens to unpriced models refuses a request. */
export function tokenCapMessage(usedTokens: number, tokens: number, capTokens: number): string {
  return `Daily cap for models with no price is reached: ${usedTokens.toLocaleString('en-US')} of ${capTokens.toLocaleString('en-US')} tokens used today (tiered.budget.dailyUnpricedTokens), and this request is about ${tokens.toLocaleString('en-US')} more. Send it anyway?`;
}
