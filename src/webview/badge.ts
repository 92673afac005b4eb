// The per-answer badge: tier and model, the router's reason, latency, tokens and cost.
import type { AnswerHeader, AnswerStats } from '../shared/protocol';
import { h, icon } from './dom';
import { formatStats, TIER_LABEL } from './format';

const TIER_ICON = { local: 'vm', reasoning: 'sparkle' } as const;

export function renderBadge(header: AnswerHeader, stats: AnswerStats | undefined): HTMLElement {
  const tier = TIER_LABEL[header.tier] ?? String(header.tier);
  return h('div', { class: `badge badge-${header.tier}` },
    h('span', { class: 'badge-tier', title: `Answered by the ${tier} tier` }, icon(TIER_ICON[header.tier] ?? 'circle'), ` ${tier}`),
    h('span', { class: 'badge-model', title: 'Model' }, header.model),
    header.reason ? h('span', { class: 'badge-reason', title: 'Why this tier' }, header.reason) : undefined,
    h('span', { class: 'badge-stats' }, stats ? formatStats(stats) : 'streaming…'),
  );
}
