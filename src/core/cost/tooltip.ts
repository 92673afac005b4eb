// The status bar tooltip's usage lines, as a pure function of the figures: per-tier median and
// p95 latency, tokens, cost for session / today / month, budget left and the saving. The lines
// go into `StatusInput.details` (src/core/status.ts).
import type { TierId } from '../providers/types';
import { formatMs, formatUsd } from '../status';
import type { BudgetState } from './budget';
import type { LatencyStats } from './latency';
import type { Summary } from './totals';

export interface TooltipInput {
  latency: Record<TierId, LatencyStats>;
  session: Summary;
  today: Summary;
  month: Summary;
  budget?: BudgetState;
  /** The model the saving is priced on. */
  savingsModel?: string;
}

const TIER_NAME: Record<TierId, string> = { local: 'Local', reasoning: 'Reasoning' };

function latencyLine(tier: TierId, s: LatencyStats): string {
  if (!s.count || s.medianMs === undefined) return `${TIER_NAME[tier]}: no answers yet`;
  const parts = [`median ${formatMs(s.medianMs)}`, `p95 ${formatMs(s.p95Ms ?? s.medianMs)}`];
  if (s.ttftMedianMs !== undefined) parts.push(`first token ${formatMs(s.ttftMedianMs)}`);
  return `${TIER_NAME[tier]}: ${parts.join(' · ')} (last ${s.count})`;
}

function tokensOf(s: Summary, tier: TierId): number {
  const t = s.tiers[tier].tokens;
  return t.input + t.output + t.cacheRead + t.cacheWrite;
}

/** "$0.42", or "$0.42 + 2 unpriced" when some requests have an unknown cost. */
export function formatSpend(s: Summary): string {
  return s.unknownCost ? `${formatUsd(s.usd)} + ${s.unknownCost} unpriced` : formatUsd(s.usd);
}

export function formatTooltip(input: TooltipInput): string[] {
  const { session, today, month, budget } = input;
  const lines = [latencyLine('local', input.latency.local), latencyLine('reasoning', input.latency.reasoning)];
  const n = (x: number) => x.toLocaleString('en-US');
  lines.push(`Tokens today: ${n(tokensOf(today, 'local'))} local · ${n(tokensOf(today, 'reasoning'))} reasoning (${n(today.tiers.local.requests)} local, ${n(today.tiers.reasoning.requests)} reasoning requests)`);
  lines.push(`Cost: session ${formatSpend(session)} · today ${formatSpend(today)} · month ${formatSpend(month)}`);
  if (budget) {
    if (budget.exhausted) {
      const what = budget.exhausted.period === 'daily' ? 'Daily' : 'Monthly';
      lines.push(`Budget: ${what.toLowerCase()} budget spent (${formatUsd(budget.exhausted.spentUsd)} of ${formatUsd(budget.exhausted.limitUsd)}) — automatic routing stays local`);
    } else {
      const parts: string[] = [];
      if (budget.dailyLeftUsd !== undefined) parts.push(`${formatUsd(budget.dailyLeftUsd)} today`);
      if (budget.monthlyLeftUsd !== undefined) parts.push(`${formatUsd(budget.monthlyLeftUsd)} this month`);
      lines.push(parts.length ? `Budget left: ${parts.join(' · ')}` : 'Budget: no cap set');
    }
  }
  const on = input.savingsModel ? `, priced on ${input.savingsModel}` : '';
  const unpriced = today.savedUnknown || month.savedUnknown ? ' (some answers unpriced)' : '';
  // Only finished local chat / Deep Debug / refactor answers count (totals.ts savingOf), never completions.
  lines.push(`Saved by local answers (chat, Deep Debug, refactor${on}): ${formatUsd(today.savedUsd)} today · ${formatUsd(month.savedUsd)} this month${unpriced}`);
  return lines;
}
