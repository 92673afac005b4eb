// What the status bar says, as a pure function of the state: tier, local model state, the
// latest latency and today's spend. The VS Code adapter only renders the result.
import type { Tier } from './config';

export type LocalState =
  | { kind: 'off'; model?: string; demo?: boolean }
  | { kind: 'no-model' }
  | { kind: 'loading'; model: string; demo?: boolean }
  | { kind: 'ready'; model: string; demo?: boolean }
  | { kind: 'error'; message: string };

export interface StatusInput {
  tier: Tier;
  completionsEnabled: boolean;
  local: LocalState;
  /** Latency of the latest answer, ms. */
  lastLatencyMs?: number;
  /** Spend today in USD; undefined when nothing is known. */
  todayUsd?: number;
  /** Extra tooltip lines (per-tier latency, budget), already formatted. */
  details?: string[];
}

export interface StatusView {
  text: string;
  tooltip: string;
  warning: boolean;
}

const TIER_LABEL: Record<Tier, string> = { auto: 'Auto', local: 'Local', reasoning: 'Reasoning' };

export function tierLabel(tier: Tier): string {
  return TIER_LABEL[tier];
}

export function formatUsd(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** A latency; under a millisecond (a cache hit) reads "< 1 ms", never "0 ms". */
export function formatMs(ms: number): string {
  if (ms < 1) return '< 1 ms';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const NO_LOCAL_MODEL = 'no local model';

/**
 * The one label of the local model, used by the status bar, the chat header, its empty state and
 * the inline suggestion toolbar: the model's name, marked when it is the demo model; the state
 * (not started, loading, ready) is said next to it, never instead of it.
 */
export function localModelLabel(local: LocalState): { label: string; demo: boolean } {
  switch (local.kind) {
    case 'no-model': return { label: NO_LOCAL_MODEL, demo: false };
    case 'error': return { label: 'local model error', demo: false };
    case 'off': return { label: local.model ?? 'local model', demo: Boolean(local.demo) };
    default: return { label: local.model, demo: Boolean(local.demo) };
  }
}

/** "NAME (demo model)" for the demo model, else NAME. */
export function labelText(l: { label: string; demo: boolean }): string {
  return `${l.label}${l.demo ? ' (demo model)' : ''}`;
}

function localLine(local: LocalState): string {
  const l = localModelLabel(local);
  const demo = l.demo ? ' (demo model: predicts letters, not code)' : '';
  switch (local.kind) {
    case 'off': return `Local model: ${l.label}${demo} — starts with the first completion`;
    case 'no-model': return `Local model: none — run "Tiered: Choose Local Model"`;
    case 'loading': return `Local model: ${l.label}${demo} — loading`;
    case 'ready': return `Local model: ${l.label}${demo} — ready`;
    case 'error': return `Local model: error — ${local.message}`;
  }
}

export function renderStatus(s: StatusInput): StatusView {
  const icon = s.local.kind === 'loading' ? '$(loading~spin)' : s.local.kind === 'error' ? '$(warning)' : '$(layers)';
  const parts = [`${icon} ${TIER_LABEL[s.tier]}`];
  if (!s.completionsEnabled) parts.push('$(circle-slash) completions off');
  else if (localModelLabel(s.local).demo) parts.push('demo model');
  if (s.lastLatencyMs !== undefined) parts.push(formatMs(s.lastLatencyMs));
  if (s.todayUsd !== undefined) parts.push(formatUsd(s.todayUsd));
  const tooltip = [
    `Tiered — tier: ${TIER_LABEL[s.tier]}${s.tier === 'auto' ? ' (the router picks per request)' : ' (pinned)'}`,
    `Inline completions: ${s.completionsEnabled ? 'on (always local)' : 'off — "Tiered: Toggle Inline Completions" turns them on'}`,
    localLine(s.local),
    ...(s.details ?? []),
    '',
    'Click to choose the tier.',
  ].join('\n');
  return { text: parts.join(' · '), tooltip, warning: s.local.kind === 'error' };
}
