// Per-answer figures for the badge: tokens, cost (dollars, unknown, or local and free), time to
// first token, total time and how the answer ended. Pure.
import type { AnswerCost, AnswerStats } from '../../shared/protocol';
import type { ChatResult, TierId } from '../providers/types';

export function answerCost(tier: TierId, usd: number | null): AnswerCost {
  if (tier === 'local') return { kind: 'localFree' };
  return usd === null ? { kind: 'unknown' } : { kind: 'usd', usd };
}

export function statsFromResult(tier: TierId, result: ChatResult, usd: number | null): AnswerStats {
  const u = result.usage;
  const stats: AnswerStats = {
    usage: {
      inputTokens: u.inputTokens,
      outputTokens: u.outputTokens,
      ...(u.reasoningTokens ? { reasoningTokens: u.reasoningTokens } : {}),
      ...(u.cacheReadTokens ? { cacheReadTokens: u.cacheReadTokens } : {}),
    },
    cost: answerCost(tier, usd),
    totalMs: Math.round(result.totalMs),
    finishReason: result.finishReason,
    incomplete: result.incomplete || result.finishReason !== 'stop',
  };
  if (result.timeToFirstTokenMs !== undefined) stats.ttftMs = Math.round(result.timeToFirstTokenMs);
  if (result.finishReason === 'error') stats.error = result.errorMessage ?? 'The answer stopped because of an error.';
  return stats;
}

/** An answer that failed before the provider produced a result (no key, network down...): nothing was charged. */
export function failedStats(tier: TierId, message: string, startedAt: number, now: number): AnswerStats {
  return { cost: answerCost(tier, 0), totalMs: Math.max(0, Math.round(now - startedAt)), finishReason: 'error', incomplete: true, error: message };
}

/** Only web links open outside VS Code. */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
