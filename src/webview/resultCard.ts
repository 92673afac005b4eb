// Agent steps and the result card under an answer. Steps: one collapsible line each (tool,
// arguments, result size, cost so far). Card: the root cause and explanation as prose, the
// evidence as file:line links grouped by file, one diff per file, Apply, the refused edits with
// their reasons. Built from text nodes only (no HTML parsing), like the rest of the panel.
import type { AgentStepView, ResultCard } from '../shared/protocol';
import { post } from './api';
import { button, h, icon, present } from './dom';

function usd(v: number | null): string {
  if (v === null) return 'cost unknown';
  return `$${v.toFixed(v < 0.01 ? 4 : 2)}`;
}

function size(chars: number | undefined): string | undefined {
  if (chars === undefined) return undefined;
  return chars >= 1000 ? `${(chars / 1000).toFixed(1)}k chars` : `${chars} chars`;
}

export function renderStep(step: AgentStepView): HTMLElement {
  const title = step.kind === 'model' ? `Model turn: ${step.summary}` : `${step.tool ?? 'tool'}${step.args ? ` ${step.args}` : ''}`;
  const facts = [step.kind === 'tool' ? step.summary : undefined, size(step.resultChars), `${usd(step.usdSoFar)} so far`].filter(Boolean).join(' · ');
  const summary = h('summary', {}, icon(step.kind === 'model' ? 'sparkle' : step.isError ? 'warning' : 'tools'), ` ${step.index}. `, h('span', { class: 'step-title' }, title.length > 120 ? `${title.slice(0, 120)}…` : title), h('span', { class: 'meta' }, ` — ${facts}`));
  return h('details', { class: `agent-step${step.isError ? ' agent-step-error' : ''}` }, summary, ...present(
    step.args ? h('pre', { class: 'step-args' }, step.args) : undefined,
    h('p', { class: 'meta' }, `${step.summary} · ${step.tokensSoFar.toLocaleString('en-US')} tokens so far`),
    step.worker ? h('p', { class: 'meta step-worker' }, icon('vm'), ` Local worker: ${step.worker}`) : undefined,
  ));
}

function fileLink(path: string, line?: number, label?: string): HTMLElement {
  const a = h('a', { class: 'link', href: '#', role: 'link', tabindex: '0' }, label ?? (line ? `${path}:${line}` : path));
  a.dataset.path = path;
  if (line) a.dataset.line = String(line);
  return a;
}

export function renderCard(answerId: string, card: ResultCard): HTMLElement {
  const evidence = card.evidence.length ? h('section', { class: 'card-evidence' }, h('h4', {}, 'Evidence'), ...card.evidence.map((g) => h('div', { class: 'evidence-file' },
    g.known ? fileLink(g.path, undefined) : h('span', { class: 'unknown-file', title: 'No such file in the workspace' }, icon('warning'), ` ${g.path}`),
    h('ul', {}, ...g.refs.map((r) => h('li', {},
      g.known ? fileLink(g.path, r.line, `line ${r.line}${r.endLine ? `-${r.endLine}` : ''}`) : `line ${r.line}`,
      ` — ${r.note}`)))))) : undefined;
  const diffs = card.diffs.length ? h('section', { class: 'card-diffs' }, h('h4', {}, card.diffs.length === 1 ? 'Fix' : `Fix (${card.diffs.length} files)`),
    ...card.diffs.map((d) => h('div', { class: 'card-diff' }, fileLink(d.path), h('pre', { class: 'diff' }, ...d.diff.split('\n').map((l) => h('span', { class: l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : 'ctx' }, `${l}\n`)))))) : undefined;
  const refused = card.refused.length ? h('section', { class: 'card-refused' }, h('h4', {}, 'Not applied'),
    h('ul', {}, ...card.refused.map((r) => h('li', {}, icon('circle-slash'), ` ${r.path}: ${r.reason}`)))) : undefined;
  const verify = card.verify.length ? h('section', { class: 'card-verify' }, h('h4', {}, 'How to verify'), h('ul', {}, ...card.verify.map((v) => h('li', {}, v)))) : undefined;
  const actions = h('div', { class: 'card-actions' }, ...present(
    card.canApply ? button({ label: 'Apply fix (preview first)', icon: 'check', text: 'Apply', className: 'primary action-apply-result' }, (e) => {
      (e.currentTarget as HTMLButtonElement).disabled = true;
      post('applyResult', { answerId });
    }) : undefined,
    card.applied ? h('span', { class: 'meta card-applied', role: 'status' }, card.applied) : undefined,
  ));
  return h('section', { class: 'result-card', 'aria-label': card.kind === 'debug' ? 'Deep Debug result' : 'Refactor result' }, ...present(
    h('h3', {}, card.kind === 'debug' ? 'Root cause' : 'Change', card.confidence ? h('span', { class: 'meta' }, ` (confidence: ${card.confidence})`) : undefined),
    h('p', { class: 'card-headline' }, card.headline),
    card.explanation && card.explanation !== card.headline ? h('p', {}, card.explanation) : undefined,
    card.note ? h('p', { class: 'answer-status', role: 'note' }, icon('warning'), ` ${card.note}`) : undefined,
    evidence, diffs, refused, verify, actions,
  ));
}
