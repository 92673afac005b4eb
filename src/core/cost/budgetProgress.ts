// The budget bars of the usage report: today's and this month's cloud spend against the user's
// tiered.budget.dailyUsd / monthlyUsd (0 = no budget: the bar says so instead of a fill). Pure.
import { formatUsd } from '../status';

export type BudgetBarState = 'ok' | 'near' | 'over' | 'unset';

export interface BudgetBar {
  period: 'day' | 'month';
  label: string;
  spentUsd: number;
  /** Undefined when there is no budget for the period. */
  limitUsd?: number;
  /** Spent as a share of the budget, 0..100 (capped; `state` says when it is over). */
  percent?: number;
  state: BudgetBarState;
  /** "$1.20 of $5.00 (24%)", "$0.40 · no monthly budget set". */
  text: string;
  /** Requests whose cost is unknown (unpriced model): not in spentUsd. */
  unknownCost: number;
}

/** From this share of a budget on, the bar warns. */
export const NEAR_PERCENT = 80;

export interface BudgetProgressInput {
  today: { usd: number; unknownCost: number };
  month: { usd: number; unknownCost: number };
  dailyUsd: number;
  monthlyUsd: number;
}

function bar(period: 'day' | 'month', label: string, s: { usd: number; unknownCost: number }, limit: number): BudgetBar {
  const unknown = s.unknownCost ? ` + ${s.unknownCost} unpriced` : '';
  if (!(limit > 0)) {
    return { period, label, spentUsd: s.usd, state: 'unset', unknownCost: s.unknownCost, text: `${formatUsd(s.usd)}${unknown} · no ${period === 'day' ? 'daily' : 'monthly'} budget set` };
  }
  const raw = (s.usd / limit) * 100;
  const state: BudgetBarState = s.usd >= limit ? 'over' : raw >= NEAR_PERCENT ? 'near' : 'ok';
  const shown = raw > 0 && raw < 1 ? '<1' : String(Math.floor(raw));
  return {
    period, label, spentUsd: s.usd, limitUsd: limit, percent: Math.min(100, Math.max(0, raw)), state, unknownCost: s.unknownCost,
    text: `${formatUsd(s.usd)}${unknown} of ${formatUsd(limit)} (${shown}%)${state === 'over' ? ' · budget reached' : ''}`,
  };
}

/** One bar for today against the daily budget, one for this month against the monthly one. */
export function budgetProgress(i: BudgetProgressInput): BudgetBar[] {
  return [bar('day', 'Today', i.today, i.dailyUsd), bar('month', 'This month', i.month, i.monthlyUsd)];
}
