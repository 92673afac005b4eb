import type { Suggestion } from '../completion/types';
import type { LocalTierState } from '../providers/local/localTier';
import type { LedgerEntry } from './ledger';

/** A served inline completion as a ledger entry: local, free, with the tokens it evaluated. */
export function entryFromSuggestion(s: Suggestion, state: LocalTierState): LedgerEntry {
  return {
    tier: 'local',
    provider: 'local',
    model: state.kind === 'ready' || state.kind === 'loading' || state.kind === 'off' ? state.model : 'local',
    purpose: 'completion',
    usage: { inputTokens: s.tokens?.evaluated ?? 0, outputTokens: s.tokens?.generated ?? 0 },
    totalMs: s.timings.totalMs,
    outcome: 'ok',
    usd: 0,
  };
}
