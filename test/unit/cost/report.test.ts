import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ledger, type LedgerEntry } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import {
  barChart, buildUsageReport, dailyCharts, dayLabel, formatMsTick, formatUsdTick, latencyChart, logTicks, niceScale, savingChart, windowDays,
  type ChartSpec, type UsageReport,
} from '../../../src/core/cost/report';
import { MemoryLogger } from '../../../src/core/log';
import { usagePage } from '../../../src/vscode/usage/page';
import { chartSvg, esc } from '../../../src/vscode/usage/svg';

// Prices from models/prices.json: claude-sonnet-5-5 is $2 in / $10 out per million tokens.
const book = new PriceBook();
const SAVINGS_MODEL = 'claude-sonnet-5-5';
const at = (y: number, mo: number, d: number, h = 12) => new Date(y, mo - 1, d, h).getTime();
const NOW = at(2026, 11, 27, 15);

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-report-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const cloud = (time: number, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  time, tier: 'reasoning', provider: 'anthropic', model: SAVINGS_MODEL, purpose: 'chat',
  usage: { inputTokens: 10_000, outputTokens: 2_000 }, ttftMs: 800, totalMs: 4_000, outcome: 'ok', ...over,
});
const local = (time: number, totalMs = 120): LedgerEntry => ({
  time, tier: 'local', provider: 'local', model: 'tiny', purpose: 'chat', usage: { inputTokens: 100_000, outputTokens: 10_000 }, totalMs, outcome: 'ok',
});

async function reportOf(entries: LedgerEntry[], now = NOW, budget = { dailyUsd: 0, monthlyUsd: 0 }): Promise<UsageReport> {
  const ledger = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => book, savingsModel: () => SAVINGS_MODEL, now: () => now, timer: () => ({ cancel() {} }) });
  for (const e of entries) ledger.record(e);
  const r = buildUsageReport({ now, days: ledger.dailySeries(), today: ledger.day(), month: ledger.month(), session: ledger.session(), savingsModel: SAVINGS_MODEL, features: ledger.featureSeries(), budget });
  await ledger.dispose();
  return r;
}

const heights = (c: ChartSpec, cls: string) => c.rects.filter((r) => r.cls === cls).map((r) => r.h);

describe('usage report: data', () => {
  it('covers the last 30 local days ending today, zero-filled, oldest first', async () => {
    const r = await reportOf([cloud(at(2026, 11, 27, 9)), cloud(at(2026, 10, 29, 9)), cloud(at(2026, 10, 28, 9))]);
    assert.equal(r.days.length, 30);
    assert.equal(r.days[0].day, '2026-10-29');
    assert.equal(r.days[29].day, '2026-11-27');
    assert.equal(r.days[29].label, 'Nov 27');
    // 10,000 in × $2/M + 2,000 out × $10/M = $0.04 per request; Oct 28 is outside the window.
    assert.equal(r.days[29].usd, 0.04);
    assert.equal(r.days[0].usd, 0.04);
    assert.equal(r.totals.usd, 0.08);
    assert.equal(r.totals.reasoning, 2);
    assert.equal(r.days.filter((d) => d.usd === 0).length, 28);
  });

  it('windowDays crosses month ends and a DST change without skipping or repeating a day', () => {
    const days = windowDays(at(2026, 3, 31, 0), 5);
    assert.deepEqual(days, ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
    assert.deepEqual(windowDays(at(2027, 1, 2), 3), ['2026-12-31', '2027-01-01', '2027-01-02']);
    assert.equal(dayLabel('2026-01-05'), 'Jan 5');
  });

  it('prices the saving: what the local answers would have cost on the reasoning model', async () => {
    // One local answer: 100k in × $2/M + 10k out × $10/M = $0.30 saved; one cloud answer $0.04 spent.
    const r = await reportOf([local(at(2026, 11, 27, 10)), cloud(at(2026, 11, 27, 11))]);
    assert.equal(r.totals.savedUsd, 0.3);
    assert.equal(r.totals.allReasoningUsd, 0.34);
    assert.equal(Math.round(r.totals.savedPercent!), 88);
    assert.equal(r.totals.local, 1);
  });

  it('keeps unknown costs apart from the spend (an unpriced model is not $0)', async () => {
    const r = await reportOf([cloud(at(2026, 11, 27, 10), { model: 'my-own-model' }), cloud(at(2026, 11, 27, 11))]);
    assert.equal(r.totals.usd, 0.04);
    assert.equal(r.totals.unknownCost, 1);
    const { spend } = dailyCharts(r);
    assert.match(spend.desc, /1 requests unpriced/);
    assert.match(spend.rects.at(-1)!.title!, /\+ 1 unpriced/);
  });

  it('latency rows per tier for today and this month, from the ledger histograms', async () => {
    const r = await reportOf([local(at(2026, 11, 27, 10), 100), local(at(2026, 11, 27, 10), 200), cloud(at(2026, 11, 3))]);
    const row = (tier: string, period: string) => r.latency.find((l) => l.tier === tier && l.period === period)!;
    assert.equal(row('local', 'today').requests, 2);
    assert.ok(Math.abs(row('local', 'today').medianMs! - 100) <= 4, `median ≈ 100 ms (histogram bucket), got ${row('local', 'today').medianMs}`);
    assert.ok(row('local', 'today').p95Ms! >= 200);
    assert.equal(row('reasoning', 'today').medianMs, undefined);
    assert.ok(row('reasoning', 'this month').medianMs! >= 4000);
  });

  it('is empty with no requests, and the page says so instead of drawing empty charts', async () => {
    const r = await reportOf([]);
    assert.equal(r.empty, true);
    const html = usagePage(r, { cspSource: 'vscode-resource:', styleUri: 'vscode-resource:/media/usage.css' });
    assert.match(html, /No requests yet/);
    assert.doesNotMatch(html, /<svg/);
  });
});

describe('usage report: scales', () => {
  it('niceScale covers the maximum with 1/2/2.5/5 steps', () => {
    assert.deepEqual(niceScale(0.37), { max: 0.4, step: 0.1, ticks: [0, 0.1, 0.2, 0.3, 0.4] });
    assert.deepEqual(niceScale(9.2).ticks, [0, 2.5, 5, 7.5, 10]);
    assert.deepEqual(niceScale(0.0042).ticks, [0, 0.002, 0.004, 0.006]);
    const s = niceScale(1234);
    assert.ok(s.max >= 1234 && s.ticks.length <= 6);
  });

  it('niceScale for counts uses whole steps, and an empty axis still has one', () => {
    assert.deepEqual(niceScale(3, { integer: true }).ticks, [0, 1, 2, 3]);
    assert.ok(niceScale(7, { integer: true }).ticks.every(Number.isInteger));
    assert.deepEqual(niceScale(0), { max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] });
    assert.ok(niceScale(0, { integer: true }).max > 0);
  });

  it('logTicks spans the decades of the values', () => {
    assert.deepEqual(logTicks(84, 4200), [10, 100, 1000, 10000]);
    assert.deepEqual(logTicks(100, 100), [100, 1000]);
    assert.deepEqual(logTicks(0.2, 3), [1, 10]);
    assert.deepEqual([1, 100, 1000, 10000, 100000].map(formatMsTick), ['1 ms', '100 ms', '1 s', '10 s', '100 s']);
    const c = latencyChart([{ tier: 'reasoning', period: 'today', requests: 1, medianMs: 4000, p95Ms: 4000 }]);
    assert.deepEqual(c.texts.filter((t) => t.cls === 'tick').map((t) => t.text), ['1 s', '10 s']);
  });

  it('money ticks carry the decimals the step needs', () => {
    assert.equal(formatUsdTick(0.5, 0.25), '$0.50');
    assert.equal(formatUsdTick(0.003, 0.001), '$0.003');
    assert.equal(formatUsdTick(2, 1), '$2.00');
  });
});

describe('usage report: bars and labels', () => {
  it('bar heights are proportional to the values; zero days draw no bar', async () => {
    const r = await reportOf([cloud(at(2026, 11, 27, 9)), cloud(at(2026, 11, 27, 10)), cloud(at(2026, 11, 20, 9))]);
    const { spend } = dailyCharts(r);
    const h = heights(spend, 'reasoning');
    assert.equal(h.length, 2);
    assert.ok(Math.abs(h[1] / h[0] - 2) < 0.02, `today's bar is twice Nov 20's (${h[1]} vs ${h[0]})`);
    // Left to right: Nov 27 is the right-most bar.
    const xs = spend.rects.map((x) => x.x);
    assert.ok(xs[1] > xs[0]);
    // Axis labels in dollars, the top tick at or above the tallest bar.
    assert.ok(spend.texts.some((t) => t.text === '$0.08'));
  });

  it('labels every 7th day counted back from today', async () => {
    const r = await reportOf([cloud(at(2026, 11, 27))]);
    const labels = dailyCharts(r).spend.texts.filter((t) => t.anchor === 'middle').map((t) => t.text);
    assert.deepEqual(labels, ['Oct 30', 'Nov 6', 'Nov 13', 'Nov 20', 'Nov 27']);
  });

  it('stacks local under reasoning, and a small segment stays visible next to a tall one', () => {
    const c = barChart({
      id: 'x', title: 't', desc: 'd', integer: true, tickLabel: String,
      slots: [{ label: 'a', segments: [{ value: 1000, cls: 'local', title: '' }, { value: 1, cls: 'reasoning', title: '' }] }],
    });
    const [lo, re] = c.rects;
    assert.equal(lo.cls, 'local');
    assert.ok(re.h >= 2);
    assert.ok(Math.abs(re.y + re.h - lo.y) < 0.2, 'the reasoning segment sits on the local one');
  });

  it('latency chart: median dot left of the p95 end, rows without answers say so', () => {
    const c = latencyChart([
      { tier: 'local', period: 'today', requests: 5, medianMs: 80, p95Ms: 300 },
      { tier: 'reasoning', period: 'today', requests: 0 },
    ]);
    const range = c.rects.find((x) => x.cls === 'local range')!;
    const dot = c.dots[0];
    assert.equal(dot.cx, range.x);
    assert.ok(range.w > 0);
    assert.ok(c.texts.some((t) => t.text === 'no answers'));
    assert.ok(c.texts.some((t) => t.text === '80 ms · p95 300 ms'));
    assert.match(c.desc, /Local today: median 80 ms, p95 300 ms/);
  });

  it('saving chart: the "everything on the reasoning model" bar is the longest', () => {
    const c = savingChart({ requests: 2, local: 1, reasoning: 1, usd: 0.04, unknownCost: 0, savedUsd: 0.3, savedUnknown: 0, savedAnswers: 1, allReasoningUsd: 0.34 }, SAVINGS_MODEL);
    const [would, paid] = c.rects;
    assert.equal(would.cls, 'would');
    assert.ok(Math.abs(would.w / paid.w - 0.34 / 0.04) < 0.1);
    assert.ok(c.texts.some((t) => t.text === `Everything on ${SAVINGS_MODEL}`));
    const long = savingChart({ requests: 1, local: 1, reasoning: 0, usd: 0, unknownCost: 0, savedUsd: 1, savedUnknown: 0, savedAnswers: 1, allReasoningUsd: 1 }, 'a-very-long-provider-model-name-2026');
    const label = long.texts.find((t) => t.anchor === 'end')!.text;
    assert.equal(label, 'Everything on a-very-long-provider-mode…', 'long model names are shortened');
  });

  it('says plainly when nothing ran locally', async () => {
    const r = await reportOf([cloud(at(2026, 11, 27, 11))]);
    assert.match(usagePage(r, { cspSource: 'x', styleUri: 'x' }), /No local chat, Deep Debug or refactor answers in the last 30 days: nothing saved yet\./);
  });
});

describe('usage report: SVG and page', () => {
  it('escapes every text, including model names from the ledger', async () => {
    assert.equal(esc(`<img src=x onerror="a">&'`), '&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
    const evil = '<script>alert(1)</script>"';
    const svg = chartSvg({ id: 'a"b', title: evil, desc: evil, width: 10, height: 10, rects: [{ x: 0, y: 0, w: 1, h: 1, cls: 'x" onclick="y', title: evil }], texts: [{ x: 0, y: 0, text: evil, anchor: 'start', cls: 't' }], lines: [], dots: [] });
    assert.doesNotMatch(svg, /<script/);
    assert.doesNotMatch(svg, /onclick="/);
    const r = await reportOf([local(at(2026, 11, 27, 10)), cloud(at(2026, 11, 27, 11))]);
    const html = usagePage({ ...r, savingsModel: evil }, { cspSource: 'https://x', styleUri: 'https://x/usage.css' });
    assert.doesNotMatch(html, /<script/);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('the page: strict CSP without scripts, accessible charts, the spend and a table fallback', async () => {
    const r = await reportOf([local(at(2026, 11, 27, 10)), cloud(at(2026, 11, 27, 11))]);
    const html = usagePage(r, { cspSource: 'https://res', styleUri: 'https://res/usage.css' });
    assert.match(html, /content="default-src &#39;none&#39;; style-src https:\/\/res; img-src https:\/\/res"/);
    assert.doesNotMatch(html, /script-src|<script|style="/);
    assert.equal((html.match(/<svg /g) ?? []).length, 4, 'no budget set: no budget bars');
    assert.equal((html.match(/role="img" aria-labelledby=/g) ?? []).length, 4);
    assert.match(html, /data-kpi="today"><div class="kpi-label">Today<\/div><div class="kpi-value">\$0\.04<\/div>/);
    assert.match(html, /data-figure="saved">\$0\.30</);
    assert.match(html, /88% less than sending that local answer to claude-sonnet-5-5 as well\./);
    assert.match(html, /<details><summary>Data as tables<\/summary>/);
    assert.match(html, /<th scope="row">2026-11-27<\/th><td>1<\/td><td>1<\/td><td>\$0\.04<\/td><td>\$0\.30<\/td>/);
  });
});
