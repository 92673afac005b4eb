// The agent's limits per task, from the user's settings (`tiered.agent.maxSteps`, `maxUsd`,
// `maxTokens`: user-only, a workspace cannot raise them — settingsScope.ts), shown before the
// start (the cost preview) and enforced by the loop before every model turn (loop.ts). A caller's
// override (a command argument, a test) can only tighten them.
import type { TieredSettings } from '../config';
import type { AgentLimits } from './types';

export type AgentLimitSettings = Pick<TieredSettings, 'agent.maxSteps' | 'agent.maxUsd' | 'agent.maxTokens'>;

/** The limits the user set. */
export function agentLimitsFromSettings(s: AgentLimitSettings): AgentLimits {
  return { maxSteps: s['agent.maxSteps'], maxUsd: s['agent.maxUsd'], maxTokens: s['agent.maxTokens'] };
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * The limits of one task: the user's, lowered (never raised) by an override's positive numbers.
 * The override may come from anywhere (a command argument), so anything else in it is ignored.
 */
export function taskLimits(s: AgentLimitSettings, override?: Partial<AgentLimits> | false): AgentLimits {
  const user = agentLimitsFromSettings(s);
  if (!override) return user;
  return {
    maxSteps: positive(override.maxSteps) ? Math.max(1, Math.min(user.maxSteps, Math.floor(override.maxSteps))) : user.maxSteps,
    maxUsd: positive(override.maxUsd) ? Math.min(user.maxUsd, override.maxUsd) : user.maxUsd,
    maxTokens: positive(override.maxTokens) ? Math.min(user.maxTokens, Math.floor(override.maxTokens)) : user.maxTokens,
  };
}

const usd = (v: number) => `$${v.toFixed(v < 0.01 ? 4 : 2)}`;

/** "at most 12 steps and $0.50 (400,000 tokens) in all" — what the preview says before the start. */
export function agentLimitsLabel(limits: AgentLimits): string {
  return `at most ${limits.maxSteps} step${limits.maxSteps === 1 ? '' : 's'} and ${usd(limits.maxUsd)} (${limits.maxTokens.toLocaleString('en-US')} tokens) in all`;
}
