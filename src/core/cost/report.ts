// The usage report's data, as pure functions of the ledger's figures: the last 30 days (spend,
// requests per tier, saving), latency per tier, and the geometry of its charts (scales, bars,
// labels) as plain shapes. The VS Code adapter (src/vscode/usage/) only serialises the shapes
// to SVG and escapes the text.
import type { TierId } from '../providers/types';
import { formatMs, formatUsd } from '../status';
import { type BudgetBar, budgetProgress } from './budgetProgress';
import { type FeatureRow, type FeatureTable, type SpendFigures, featureBreakdown } from './featureBreakdown';
import { dayKey } from './ledgerRecord';
import type { Summary } from './totals';

export interface ReportInput {
  now: number;
  /** `ledger.dailySeries()`: every loaded day, any order. */
  days: readonly { day: string; summary: Summary }[];
  today: Summary;
  month: Summary;
  session: Summary;
  /** The model the saving is priced on (the default reasoning model). */
  savingsModel?: string;
  /** Days in the window, today included. Default 30. */
  windowDays?: number;
  /** `ledger.featureSeries()`: per-feature totals of every loaded day. */
  features?: readonly { day: string; features: FeatureTable }[];
  /** tiered.budget.dailyUsd / monthlyUsd (0 = none). */
  budget?: { dailyUsd: number; monthlyUsd: number };
}

export interface DayPoint {
  day: string;
  /** "Nov 3" (fixed English month names: the same text on every machine). */
  label: string;
  usd: number;
  unknownCost: number;
  local: number;
  reasoning: number;
  savedUsd: number;
}

export interface LatencyRow {
  tier: TierId;
  period: 'today' | 'this month';
  requests: number;
  medianMs?: number;
  p95Ms?: number;
}

export interface WindowTotals extends SpendFigures {
  /** What the cloud spend plus those local answers, sent to the reasoning model too, would have cost. */
  allReasoningUsd: number;
  /** savedUsd / allReasoningUsd, 0..100; undefined when nothing would have cost anything. */
  savedPercent?: number;
}

export interface UsageReport {
  empty: boolean;
  days: DayPoint[];
  totals: WindowTotals;
  today: Summary;
  month: Summary;
  session: Summary;
  latency: LatencyRow[];
  savingsModel?: string;
  /** Requests, spend and saving per feature over the window. */
  features: FeatureRow[];
  /** Today against the daily budget, this month against the monthly one. */
  budget: BudgetBar[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const nano = (usd: number) => Math.round(usd * 1e9);

/** "2026-11-03" → "Nov 3". */
export function dayLabel(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return `${MONTHS[(m || 1) - 1] ?? '?'} ${d}`;
}

/** The day keys of the window ending today, oldest first (local days, DST-safe). */
export function windowDays(now: number, count: number): string[] {
  const d = new Date(now);
  const keys: string[] = [];
  for (let i = count - 1; i >= 0; i--) keys.push(dayKey(new Date(d.getFullYear(), d.getMonth(), d.getDate() - i, 12).getTime()));
  return keys;
}

export function buildUsageReport(input: ReportInput): UsageReport {
  const byDay = new Map(input.days.map((d) => [d.day, d.summary]));
  const days: DayPoint[] = windowDays(input.now, input.windowDays ?? 30).map((day) => {
    const s = byDay.get(day);
    return {
      day, label: dayLabel(day), usd: s?.usd ?? 0, unknownCost: s?.unknownCost ?? 0,
      local: s?.tiers.local.requests ?? 0, reasoning: s?.tiers.reasoning.requests ?? 0, savedUsd: s?.savedUsd ?? 0,
    };
  });
  let usdN = 0, savedN = 0, unknownCost = 0, savedUnknown = 0, local = 0, reasoning = 0;
  for (const p of days) {
    usdN += nano(p.usd); savedN += nano(p.savedUsd); unknownCost += p.unknownCost; local += p.local; reasoning += p.reasoning;
    savedUnknown += byDay.get(p.day)?.savedUnknown ?? 0;
  }
  const allN = usdN + savedN;
  const inWindow = new Set(days.map((d) => d.day));
  const features = featureBreakdown((input.features ?? []).filter((f) => inWindow.has(f.day)).map((f) => f.features));
  const savedAnswers = features.reduce((a, f) => a + f.savedAnswers, 0);
  const totals: WindowTotals = {
    requests: local + reasoning, local, reasoning, usd: usdN / 1e9, unknownCost, savedUsd: savedN / 1e9, savedUnknown, savedAnswers,
    allReasoningUsd: allN / 1e9, savedPercent: allN > 0 ? (savedN / allN) * 100 : undefined,
  };
  const latency: LatencyRow[] = [];
  for (const tier of ['local', 'reasoning'] as const) {
    for (const [period, s] of [['today', input.today], ['this month', input.month]] as const) {
      const t = s.tiers[tier];
      latency.push({ tier, period, requests: t.requests, medianMs: t.latency.medianMs, p95Ms: t.latency.p95Ms });
    }
  }
  return {
    empty: totals.requests === 0 && input.session.requests === 0 && input.month.requests === 0,
    days, totals, today: input.today, month: input.month, session: input.session, latency, savingsModel: input.savingsModel,
    features,
    budget: budgetProgress({ today: input.today, month: input.month, dailyUsd: input.budget?.dailyUsd ?? 0, monthlyUsd: input.budget?.monthlyUsd ?? 0 }),
  };
}

// ---- Scales -------------------------------------------------------------------------------

export interface LinearScale {
  /** The axis top (≥ the largest value, a multiple of step). */
  max: number;
  step: number;
  ticks: number[];
}

const tidy = (v: number) => Number(v.toPrecision(12));

/** A 0-based linear scale with "nice" steps (1, 2, 2.5, 5 × 10^n; whole numbers for counts). */
export function niceScale(maxValue: number, opts: { targetTicks?: number; integer?: boolean } = {}): LinearScale {
  const target = opts.targetTicks ?? 4;
  const top = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : opts.integer ? target : 1;
  const rough = top / target;
  const mag = Math.pow(10, Math.floor(Math.log10(rough)));
  const steps = opts.integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = tidy((steps.find((s) => s * mag >= rough - 1e-12) ?? 10) * mag);
  if (opts.integer) step = Math.max(1, Math.round(step));
  const max = tidy(Math.ceil(top / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(tidy(v));
  return { max, step, ticks };
}

/** Decade ticks (1 ms, 10 ms, 100 ms, 1 s, ...) covering [min, max]; at least two. */
export function logTicks(minMs: number, maxMs: number): number[] {
  const lo = Math.pow(10, Math.floor(Math.log10(Math.max(1, minMs))));
  let hi = Math.pow(10, Math.ceil(Math.log10(Math.max(1, maxMs))));
  if (hi <= lo) hi = lo * 10;
  const ticks: number[] = [];
  for (let v = lo; v <= hi * 1.0001; v *= 10) ticks.push(Math.round(v));
  return ticks;
}

/** An axis label for a latency tick: "100 ms", "1 s", "10 s". */
export function formatMsTick(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toPrecision(6))} s`;
}

/** An axis label for a money tick: as many decimals as the step needs, at least two. */
export function formatUsdTick(v: number, step: number): string {
  const decimals = Math.max(2, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
  return `$${v.toFixed(decimals)}`;
}

// ---- Chart shapes -------------------------------------------------------------------------

export interface Rect { x: number; y: number; w: number; h: number; cls: string; title?: string }
export interface Text { x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; cls: string }
export interface Line { x1: number; y1: number; x2: number; y2: number; cls: string }
export interface Dot { cx: number; cy: number; r: number; cls: string; title?: string }

/** One chart as plain shapes; `title` and `desc` become the SVG's accessible name and description. */
export interface ChartSpec {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  rects: Rect[];
  texts: Text[];
  lines: Line[];
  dots: Dot[];
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const W = 720;

interface Segment { value: number; cls: string; title: string }

/**
 * Vertical bars, one slot per day, each a stack of segments (bottom first). A segment with a
 * value above zero is at least 2 px tall so it stays visible next to a tall one.
 */
export function barChart(o: {
  id: string; title: string; desc: string; slots: { label: string; segments: Segment[] }[];
  integer?: boolean; tickLabel: (v: number, step: number) => string; height?: number;
}): ChartSpec {
  const height = o.height ?? 200;
  const left = 60, right = 8, top = 10, bottom = 24;
  const plotW = W - left - right, plotH = height - top - bottom;
  const totals = o.slots.map((s) => s.segments.reduce((a, g) => a + Math.max(0, g.value), 0));
  const scale = niceScale(Math.max(0, ...totals), { integer: o.integer });
  const spec: ChartSpec = { id: o.id, title: o.title, desc: o.desc, width: W, height, rects: [], texts: [], lines: [], dots: [] };
  const yOf = (v: number) => top + plotH - (v / scale.max) * plotH;
  for (const t of scale.ticks) {
    const y = r1(yOf(t));
    spec.lines.push({ x1: left, y1: y, x2: W - right, y2: y, cls: t === 0 ? 'axis' : 'grid' });
    spec.texts.push({ x: left - 6, y: r1(y + 4), text: o.tickLabel(t, scale.step), anchor: 'end', cls: 'tick' });
  }
  const n = Math.max(1, o.slots.length);
  const slot = plotW / n, barW = r1(Math.max(1, slot * 0.7));
  o.slots.forEach((s, i) => {
    const x = r1(left + i * slot + (slot - barW) / 2);
    let base = top + plotH;
    for (const g of s.segments) {
      if (!(g.value > 0)) continue;
      const h = Math.max(2, (g.value / scale.max) * plotH);
      base -= h;
      spec.rects.push({ x, y: r1(base), w: barW, h: r1(h), cls: g.cls, title: g.title });
    }
    if ((n - 1 - i) % 7 === 0) spec.texts.push({ x: r1(x + barW / 2), y: height - 6, text: s.label, anchor: 'middle', cls: 'tick' });
  });
  return spec;
}

const TIER_NAME: Record<TierId, string> = { local: 'Local', reasoning: 'Reasoning' };

/** Median (dot) to p95 (end of the bar) per tier and period, on a log scale of milliseconds. */
export function latencyChart(rows: readonly LatencyRow[]): ChartSpec {
  const shown = rows.filter((r) => r.medianMs !== undefined);
  const rowH = 30, top = 8, bottom = 24, left = 150, right = 170;
  const height = top + Math.max(1, rows.length) * rowH + bottom;
  const values = shown.flatMap((r) => [r.medianMs!, r.p95Ms ?? r.medianMs!]);
  const ticks = logTicks(values.length ? Math.min(...values) : 10, values.length ? Math.max(...values) : 1000);
  const lo = Math.log10(ticks[0]), hi = Math.log10(ticks[ticks.length - 1]);
  const plotW = W - left - right;
  const xOf = (ms: number) => r1(left + ((Math.log10(Math.max(ticks[0], ms)) - lo) / (hi - lo)) * plotW);
  const desc = shown.length
    ? shown.map((r) => `${TIER_NAME[r.tier]} ${r.period}: median ${formatMs(r.medianMs!)}, p95 ${formatMs(r.p95Ms ?? r.medianMs!)}`).join('; ')
    : 'No answers yet.';
  const spec: ChartSpec = { id: 'latency', title: 'Latency per tier (median and p95)', desc, width: W, height, rects: [], texts: [], lines: [], dots: [] };
  const axisY = height - bottom;
  for (const t of ticks) {
    spec.lines.push({ x1: xOf(t), y1: top, x2: xOf(t), y2: axisY, cls: 'grid' });
    spec.texts.push({ x: xOf(t), y: height - 6, text: formatMsTick(t), anchor: 'middle', cls: 'tick' });
  }
  spec.lines.push({ x1: left, y1: axisY, x2: W - right, y2: axisY, cls: 'axis' });
  rows.forEach((r, i) => {
    const cy = top + i * rowH + rowH / 2;
    spec.texts.push({ x: left - 10, y: cy + 4, text: `${TIER_NAME[r.tier]} · ${r.period}`, anchor: 'end', cls: 'label' });
    if (r.medianMs === undefined) {
      spec.texts.push({ x: left + 6, y: cy + 4, text: 'no answers', anchor: 'start', cls: 'muted' });
      return;
    }
    const p95 = r.p95Ms ?? r.medianMs;
    const x0 = xOf(r.medianMs), x1 = xOf(p95);
    const what = `${TIER_NAME[r.tier]} ${r.period}: median ${formatMs(r.medianMs)}, p95 ${formatMs(p95)} (${r.requests} requests)`;
    spec.rects.push({ x: left, y: cy - 3, w: r1(Math.max(0, x0 - left)), h: 6, cls: `${r.tier} faint`, title: what });
    spec.rects.push({ x: x0, y: cy - 7, w: r1(Math.max(2, x1 - x0)), h: 14, cls: `${r.tier} range`, title: what });
    spec.dots.push({ cx: x0, cy, r: 5, cls: `${r.tier} median`, title: what });
    spec.texts.push({ x: W - right + 10, y: cy + 4, text: `${formatMs(r.medianMs)} · p95 ${formatMs(p95)}`, anchor: 'start', cls: 'value' });
  });
  return spec;
}

/** Two bars: everything on the reasoning model vs what Tiered actually spent. */
export function savingChart(t: WindowTotals, savingsModel?: string): ChartSpec {
  const left = 250, right = 90, top = 6, rowH = 30;
  const height = top * 2 + rowH * 2;
  const max = Math.max(t.allReasoningUsd, t.usd);
  const plotW = W - left - right;
  const wOf = (usd: number) => (max > 0 ? r1(Math.max(usd > 0 ? 2 : 0, (usd / max) * plotW)) : 0);
  const on = savingsModel ? ` on ${savingsModel.length > 26 ? `${savingsModel.slice(0, 25)}…` : savingsModel}` : '';
  const rows = [
    { label: `Everything${on}`, usd: t.allReasoningUsd, cls: 'would' },
    { label: 'With Tiered', usd: t.usd, cls: 'reasoning' },
  ];
  const spec: ChartSpec = {
    id: 'saving', title: 'Saving versus sending everything to the reasoning model',
    desc: `Everything${on} would have cost ${formatUsd(t.allReasoningUsd)}; Tiered spent ${formatUsd(t.usd)}.`,
    width: W, height, rects: [], texts: [], lines: [], dots: [],
  };
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    spec.texts.push({ x: left - 10, y: y + rowH / 2 + 4, text: r.label, anchor: 'end', cls: 'label' });
    const w = wOf(r.usd);
    if (w > 0) spec.rects.push({ x: left, y: y + 6, w, h: rowH - 12, cls: r.cls, title: `${r.label}: ${formatUsd(r.usd)}` });
    spec.texts.push({ x: left + w + 8, y: y + rowH / 2 + 4, text: formatUsd(r.usd), anchor: 'start', cls: 'value' });
  });
  return spec;
}

/** The two bar charts of the window: spend per day and requests per tier per day. */
export function dailyCharts(report: UsageReport): { spend: ChartSpec; requests: ChartSpec } {
  const { days, totals } = report;
  const unpriced = totals.unknownCost ? ` (${totals.unknownCost} requests unpriced, not included)` : '';
  const spend = barChart({
    id: 'spend', title: `Spend per day, last ${days.length} days`,
    desc: `Cloud spend over ${days.length} days: ${formatUsd(totals.usd)}${unpriced}. Highest day: ${peak(days, (d) => d.usd, formatUsd)}.`,
    tickLabel: formatUsdTick,
    slots: days.map((d) => ({
      label: d.label,
      segments: [{ value: d.usd, cls: 'reasoning', title: `${d.label}: ${formatUsd(d.usd)}${d.unknownCost ? ` + ${d.unknownCost} unpriced` : ''} (${d.reasoning} reasoning requests)` }],
    })),
  });
  const requests = barChart({
    id: 'requests', title: `Requests per tier per day, last ${days.length} days`,
    desc: `${totals.local} local and ${totals.reasoning} reasoning requests over ${days.length} days.`,
    integer: true, tickLabel: (v) => v.toLocaleString('en-US'),
    slots: days.map((d) => ({
      label: d.label,
      segments: [
        { value: d.local, cls: 'local', title: `${d.label}: ${d.local} local` },
        { value: d.reasoning, cls: 'reasoning', title: `${d.label}: ${d.reasoning} reasoning` },
      ],
    })),
  });
  return { spend, requests };
}

function peak(days: readonly DayPoint[], value: (d: DayPoint) => number, fmt: (v: number) => string): string {
  const best = days.reduce<DayPoint | undefined>((b, d) => (value(d) > (b ? value(b) : 0) ? d : b), undefined);
  return best ? `${best.label}, ${fmt(value(best))}` : 'none';
}
