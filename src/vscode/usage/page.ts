// The usage report page: static HTML (no script at all) with the charts inline as SVG, a data
// table fallback in <details>, and a CSP that allows only the extension's stylesheet. Pure:
// the panel passes in the report and the webview's URIs.
import type { BudgetBar } from '../../core/cost/budgetProgress';
import { dailyCharts, latencyChart, savingChart, type UsageReport } from '../../core/cost/report';
import { formatSpend } from '../../core/cost/tooltip';
import type { Summary } from '../../core/cost/totals';
import { formatMs, formatUsd } from '../../core/status';
import { chartSvg, esc } from './svg';

export interface PageAssets {
  /** webview.cspSource */
  cspSource: string;
  /** media/usage.css as a webview URI. */
  styleUri: string;
}

const count = (n: number) => n.toLocaleString('en-US');

function kpi(key: string, label: string, s: Summary): string {
  const req = `${count(s.tiers.local.requests)} local · ${count(s.tiers.reasoning.requests)} reasoning`;
  return `<div class="kpi" data-kpi="${key}"><div class="kpi-label">${esc(label)}</div><div class="kpi-value">${esc(formatSpend(s))}</div><div class="kpi-note">${esc(req)}</div></div>`;
}

function legend(items: [cls: string, text: string][]): string {
  return `<ul class="legend" aria-hidden="true">${items.map(([c, t]) => `<li><span class="swatch ${c}"></span>${esc(t)}</li>`).join('')}</ul>`;
}

function savingSection(r: UsageReport, routing?: string): string {
  const t = r.totals;
  const model = r.savingsModel ?? 'the reasoning model';
  const n = t.savedAnswers;
  const sentence = !n
    ? `No local chat, Deep Debug or refactor answers in the last ${r.days.length} days: nothing saved yet.`
    : `${t.savedPercent !== undefined ? `${Math.round(t.savedPercent)}% less than` : 'Compared with'} sending ${n === 1 ? 'that local answer' : `those ${count(n)} local answers`} to ${model} as well.`;
  const unpriced = t.savedUnknown ? `<p class="note">${count(t.savedUnknown)} local answers could not be priced on ${esc(model)} and are not counted.</p>` : '';
  const how = `<p class="note how" data-figure="saving-method"><strong>How this is computed:</strong> each local chat, Deep Debug and refactor answer that finished is priced at ${esc(model)}'s rates for the same input and output tokens — what asking the cloud for it would have cost. Inline completions are not counted (nobody would send every keystroke to a reasoning model), nor are answers that failed or were stopped.</p>`;
  return `<section class="saving" aria-labelledby="h-saving"><h2 id="h-saving">Saved by answering locally</h2>
<div class="big" data-figure="saved">${esc(formatUsd(t.savedUsd))}</div>
<p class="sub">${esc(sentence)}</p>
${chartSvg(savingChart(t, r.savingsModel))}${unpriced}${how}${routing ? `<p class="note" data-figure="routing">${esc(routing)}</p>` : ''}</section>`;
}

const BAR_W = 720, BAR_H = 14;

/** One budget bar: an SVG track with the spent share (no inline styles under the CSP). */
function budgetBar(b: BudgetBar): string {
  const fill = b.percent === undefined ? '' : `<rect class="fill ${b.state}" x="0" y="0" width="${Math.round((b.percent / 100) * BAR_W * 10) / 10}" height="${BAR_H}" rx="3"/>`;
  const svg = b.limitUsd === undefined ? '' : `<svg class="budget-bar" viewBox="0 0 ${BAR_W} ${BAR_H}" preserveAspectRatio="none" role="img" aria-label="${esc(`${b.label}: ${b.text}`)}"><rect class="track" x="0" y="0" width="${BAR_W}" height="${BAR_H}" rx="3"/>${fill}</svg>`;
  return `<div class="budget" data-budget="${b.period}" data-state="${b.state}"${b.percent === undefined ? '' : ` data-percent="${Math.round(b.percent)}"`}><div class="budget-label"><span>${esc(b.label)}</span><span class="budget-text">${esc(b.text)}</span></div>${svg}</div>`;
}

function budgetSection(r: UsageReport): string {
  const none = r.budget.every((b) => b.limitUsd === undefined);
  const hint = none ? '<p class="note">No budget is set: tiered.budget.dailyUsd and tiered.budget.monthlyUsd in your user settings.</p>'
    : '<p class="note">Budgets: tiered.budget.dailyUsd and tiered.budget.monthlyUsd. When one is reached, automatic routing stays local and escalations ask first.</p>';
  return `<section class="budgets" aria-labelledby="h-budget"><h2 id="h-budget">Budget</h2>${r.budget.map(budgetBar).join('')}${hint}</section>`;
}

function featureSection(r: UsageReport): string {
  const rows = r.features.map((f) => `<tr data-feature="${esc(f.feature)}"><th scope="row">${esc(f.label)}</th><td>${count(f.local)}</td><td>${count(f.reasoning)}</td><td>${esc(formatUsd(f.usd))}${f.unknownCost ? esc(` + ${f.unknownCost} unpriced`) : ''}${f.spendPercent !== undefined && f.usd > 0 ? ` <span class="muted">(${Math.round(f.spendPercent)}%)</span>` : ''}</td><td>${f.feature === 'completion' ? '<span class="muted">not counted</span>' : esc(formatUsd(f.savedUsd))}</td></tr>`);
  return `<section aria-labelledby="h-features"><h2 id="h-features">By feature, last ${r.days.length} days</h2>
<table class="features"><thead><tr><th scope="col">Feature</th><th scope="col">Local</th><th scope="col">Cloud</th><th scope="col">Spend</th><th scope="col">Saved</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></section>`;
}

function tables(r: UsageReport): string {
  const rows = r.days.filter((d) => d.local || d.reasoning || d.usd || d.unknownCost).reverse().map((d) =>
    `<tr><th scope="row">${esc(d.day)}</th><td>${count(d.local)}</td><td>${count(d.reasoning)}</td><td>${esc(formatUsd(d.usd))}${d.unknownCost ? esc(` + ${d.unknownCost} unpriced`) : ''}</td><td>${esc(formatUsd(d.savedUsd))}</td></tr>`);
  const lat = r.latency.map((l) =>
    `<tr><th scope="row">${esc(`${l.tier === 'local' ? 'Local' : 'Reasoning'} · ${l.period}`)}</th><td>${count(l.requests)}</td><td>${l.medianMs === undefined ? '—' : esc(formatMs(l.medianMs))}</td><td>${l.p95Ms === undefined ? '—' : esc(formatMs(l.p95Ms))}</td></tr>`);
  return `<details><summary>Data as tables</summary>
<table><caption>Per day (days with requests)</caption><thead><tr><th scope="col">Day</th><th scope="col">Local requests</th><th scope="col">Reasoning requests</th><th scope="col">Spend</th><th scope="col">Saved</th></tr></thead>
<tbody>${rows.join('') || '<tr><td colspan="5">No requests in this period.</td></tr>'}</tbody></table>
<table><caption>Latency (successful answers)</caption><thead><tr><th scope="col">Tier · period</th><th scope="col">Requests</th><th scope="col">Median</th><th scope="col">p95</th></tr></thead>
<tbody>${lat.join('')}</tbody></table></details>`;
}

function body(r: UsageReport, routing?: string): string {
  if (r.empty) {
    return `<section class="empty" data-state="empty"><h2>No requests yet</h2>
<p>Every chat answer, Deep Debug, refactoring and inline completion is recorded here: spend per day, requests per tier, latency and what answering locally saved.</p></section>`;
  }
  const { spend, requests } = dailyCharts(r);
  return `<section class="kpis" aria-label="Spend">${kpi('today', 'Today', r.today)}${kpi('month', 'This month', r.month)}${kpi('session', 'This session', r.session)}</section>
${budgetSection(r)}
${featureSection(r)}
${savingSection(r, routing)}
<section aria-labelledby="h-spend"><h2 id="h-spend">Spend per day</h2>${chartSvg(spend)}</section>
<section aria-labelledby="h-req"><h2 id="h-req">Requests per tier</h2>${legend([['local', `Local (${count(r.totals.local)})`], ['reasoning', `Reasoning (${count(r.totals.reasoning)})`]])}${chartSvg(requests)}</section>
<section aria-labelledby="h-lat"><h2 id="h-lat">Latency per tier</h2>${legend([['median', 'median'], ['range', 'median to p95 (log scale)']])}${chartSvg(latencyChart(r.latency))}</section>
${tables(r)}`;
}

/** `routing`: the router's saving and overrides line (services.routingLine()). */
export function usagePage(r: UsageReport, a: PageAssets, routing?: string): string {
  const csp = `default-src 'none'; style-src ${a.cspSource}; img-src ${a.cspSource}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(a.styleUri)}">
<title>Tiered Usage</title></head>
<body><main class="report"><header><h1>Tiered usage</h1><p class="sub">Last ${r.days.length} days · cloud spend, requests per tier, latency and saving</p></header>
${body(r, routing)}</main></body></html>`;
}
