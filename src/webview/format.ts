// Formats the per-answer badge: latency, tokens, cost. Pure: no DOM.
import type { AnswerCost, AnswerStats, AnswerTier, TokenUsage } from '../shared/protocol';

export const TIER_LABEL: Record<AnswerTier, string> = { local: 'Local', reasoning: 'Reasoning' };

export function formatMs(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return undefined;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatCost(cost: AnswerCost): string {
  switch (cost.kind) {
    case 'localFree': return 'local, free';
    case 'unknown': return 'cost unknown';
    case 'usd': {
      const usd = Number.isFinite(cost.usd) && cost.usd > 0 ? cost.usd : 0;
      if (usd === 0) return '$0.00';
      if (usd < 0.0001) return '< $0.0001';
      if (usd < 0.1) return `$${usd.toFixed(4)}`;
      if (usd < 1) return `$${usd.toFixed(3)}`;
      return `$${usd.toFixed(2)}`;
    }
  }
}

const count = (n: number) => Math.max(0, Math.round(n)).toLocaleString('en-US');

export function formatTokens(usage: TokenUsage | undefined): string | undefined {
  if (!usage) return undefined;
  const thinking = usage.reasoningTokens ? ` (${count(usage.reasoningTokens)} thinking)` : '';
  const cached = usage.cacheReadTokens ? `, ${count(usage.cacheReadTokens)} cached` : '';
  return `${count(usage.inputTokens)} in${cached} · ${count(usage.outputTokens)} out${thinking}`;
}

/** The badge's stats line, e.g. "first token 320 ms · total 4.2 s · 1,200 in · 300 out · $0.0123". */
export function formatStats(stats: AnswerStats): string {
  const parts: string[] = [];
  const ttft = formatMs(stats.ttftMs);
  const total = formatMs(stats.totalMs);
  if (ttft) parts.push(`first token ${ttft}`);
  if (total) parts.push(`total ${total}`);
  const tokens = formatTokens(stats.usage);
  if (tokens) parts.push(tokens);
  parts.push(formatCost(stats.cost));
  return parts.join(' · ');
}

/** Why an answer is marked, or undefined when it finished normally. */
export function incompleteLabel(stats: AnswerStats): string | undefined {
  if (stats.finishReason === 'error') return stats.error ? `Error: ${stats.error}` : 'Error: the answer failed';
  if (stats.finishReason === 'aborted') return 'Stopped: the answer is incomplete';
  if (stats.finishReason === 'length') return 'Cut at the length limit: the answer is incomplete';
  if (stats.incomplete) return 'Incomplete: the stream was cut';
  return undefined;
}
