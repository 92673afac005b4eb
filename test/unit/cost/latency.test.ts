import * as assert from 'node:assert/strict';
import { RollingLatency, formatTooltip } from '../../../src/core/cost/latency';
import { histogramPercentile, addToHistogram, bucketOf, bucketValue } from '../../../src/core/cost/histogram';
import { emptyTotals, summarize, applyLine } from '../../../src/core/cost/totals';
import type { RequestLine } from '../../../src/core/cost/ledgerRecord';

describe('rolling latency per tier', () => {
  it('reports the exact median and p95 of the last N answers, per tier', () => {
    const r = new RollingLatency(20);
    for (let i = 1; i <= 100; i++) r.add('local', i); // only 81..100 remain
    r.add('reasoning', 4000, 900);
    r.add('reasoning', 6000, 1100);
    const local = r.stats('local');
    assert.equal(local.count, 20);
    assert.equal(local.medianMs, 90);
    assert.equal(local.p95Ms, 99);
    assert.equal(local.lastMs, 100);
    const cloud = r.stats('reasoning');
    assert.deepEqual([cloud.count, cloud.medianMs, cloud.p95Ms, cloud.ttftMedianMs], [2, 4000, 6000, 900]);
    assert.deepEqual(r.last(), { tier: 'reasoning', ms: 6000 });
  });

  it('is empty before any answer and ignores nonsense values', () => {
    const r = new RollingLatency(5);
    r.add('local', Number.NaN);
    r.add('local', -3);
    assert.deepEqual(r.stats('local'), { count: 0, medianMs: undefined, p95Ms: undefined, ttftMedianMs: undefined, lastMs: undefined });
    assert.equal(r.last(), undefined);
    assert.throws(() => new RollingLatency(0), RangeError);
  });
});

describe('latency histogram', () => {
  it('reports percentiles within 4% above the true value, sub-millisecond included', () => {
    const h = {};
    for (let i = 1; i <= 1000; i++) addToHistogram(h, i);
    const p50 = histogramPercentile(h, 0.5)!;
    const p95 = histogramPercentile(h, 0.95)!;
    assert.ok(p50 >= 500 && p50 <= 520, String(p50));
    assert.ok(p95 >= 950 && p95 <= 988, String(p95));
    assert.equal(bucketOf(0.2), 0);
    assert.equal(bucketValue(0), 1);
    assert.equal(histogramPercentile({}, 0.5), undefined);
  });
});

describe('status bar tooltip lines', () => {
  const line = (tier: 'local' | 'reasoning', usd: number | null, saved?: number): RequestLine => ({
    v: 1, kind: 'request', time: 0, session: 's', tier, provider: 'p', model: 'm', purpose: 'chat',
    tokens: { input: 1000, output: 200, reasoning: 0, cacheRead: 0, cacheWrite: 0 }, usd, savedUsd: saved, totalMs: 100, outcome: 'ok',
  });

  it('shows per-tier latency, tokens, cost for session/today/month, budget left and the saving', () => {
    const today = emptyTotals();
    applyLine(today, line('reasoning', 0.42));
    applyLine(today, line('reasoning', null));
    applyLine(today, line('local', 0, 0.013));
    const month = emptyTotals();
    applyLine(month, line('reasoning', 3.1));
    applyLine(month, line('local', 0, 1.25));
    const r = new RollingLatency();
    [80, 84, 90, 300].forEach((ms) => r.add('local', ms, 20));
    r.add('reasoning', 4200, 1100);
    const lines = formatTooltip({
      latency: { local: r.stats('local'), reasoning: r.stats('reasoning') },
      session: summarize(today), today: summarize(today), month: summarize(month),
      budget: { dayUsd: 0.42, monthUsd: 3.1, reservedUsd: 0, dailyLeftUsd: 4.58, monthlyLeftUsd: 46.9 },
      savingsModel: 'claude-sonnet-5-5',
    });
    assert.deepEqual(lines, [
      'Local: median 84 ms · p95 300 ms · first token 20 ms (last 4)',
      'Reasoning: median 4.2 s · p95 4.2 s · first token 1.1 s (last 1)',
      'Tokens today: 1,200 local · 2,400 reasoning (1 local, 2 reasoning requests)',
      'Cost: session $0.42 + 1 unpriced · today $0.42 + 1 unpriced · month $3.10',
      'Budget left: $4.58 today · $46.90 this month',
      'Saved by local answers (chat, Deep Debug, refactor, priced on claude-sonnet-5-5): $0.01 today · $1.25 this month',
    ]);
  });

  it('says when the budget is spent and when nothing has run yet', () => {
    const empty = summarize(emptyTotals());
    const r = new RollingLatency();
    const lines = formatTooltip({
      latency: { local: r.stats('local'), reasoning: r.stats('reasoning') }, session: empty, today: empty, month: empty,
      budget: { dayUsd: 5.01, monthUsd: 9, reservedUsd: 0, exhausted: { period: 'daily', limitUsd: 5, spentUsd: 5.01 }, dailyLeftUsd: 0 },
    });
    assert.equal(lines[0], 'Local: no answers yet');
    assert.equal(lines[1], 'Reasoning: no answers yet');
    assert.ok(lines.includes('Budget: daily budget spent ($5.01 of $5.00) — automatic routing stays local'));
    assert.ok(lines.includes('Saved by local answers (chat, Deep Debug, refactor): $0.00 today · $0.00 this month'));
  });
});
