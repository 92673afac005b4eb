// What the status bar says, as a pure function of the state: tier, local model state, the
// latest latency and today's spend. The VS Code adapter only renders the result.
import type { Tier } from './config';

export type LocalState =
  | { kind: 'off' }
  | { kind: 'no-model' }
  | { kind: 'loading'; model: string }
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

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function localLine(local: LocalState): string {
  switch (local.kind) {
    case 'off': return 'Local model: not started (starts with the first completion)';
    case 'no-model': return 'Local model: none chosen — run "Tiered: Choose Local Model"';
    case 'loading': return `Local model: loading ${local.model}`;
    case 'ready': return `Local model: ${local.model}${local.demo ? ' (demo model: predicts letters, not code)' : ''}`;
    case 'error': return `Local model: error — ${local.message}`;
  }
}

export function renderStatus(s: StatusInput): StatusView {
  const icon = s.local.kind === 'loading' ? '$(loading~spin)' : s.local.kind === 'error' ? '$(warning)' : '$(layers)';
  const parts = [`${icon} ${TIER_LABEL[s.tier]}`];
  if (s.lastLatencyMs !== undefined) parts.push(formatMs(s.lastLatencyMs));
  if (s.todayUsd !== undefined) parts.push(formatUsd(s.todayUsd));
  const tooltip = [
    `Tiered — tier: ${TIER_LABEL[s.tier]}${s.tier === 'auto' ? ' (the router picks per request)' : ' (pinned)'}`,
    `Inline completions: ${s.completionsEnabled ? 'on (always local)' : 'off'}`,
    localLine(s.local),
    ...(s.details ?? []),
    '',
    'Click to choose the tier.',
  ].join('\n');
  return { text: parts.join(' · '), tooltip, warning: s.local.kind === 'error' };
}
