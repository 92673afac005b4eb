import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGuard, type BudgetLimits, type Reservation } from '../../../src/core/cost/budget';
import { estimateCost } from '../../../src/core/cost/estimate';
import { Ledger } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import { MemoryLogger } from '../../../src/core/log';
import { route } from '../../../src/core/routing/router';

const book = new PriceBook();

/** A spend source with fixed figures. */
const fixed = (dayUsd: number, monthUsd = dayUsd) => ({ spent: () => ({ dayUsd, monthUsd }) });
const limits = (l: Partial<BudgetLimits>) => () => ({ dailyUsd: 0, monthlyUsd: 0, confirmAboveUsd: 0.1, ...l });

describe('budget guard: reservations', () => {
  it('concurrent requests cannot together pass the daily cap', () => {
    const guard = new BudgetGuard(limits({ dailyUsd: 1 }), fixed(0.9));
    const results = Array.from({ length: 10 }, () => guard.reserve(0.03));
    const accepted = results.filter((r) => r.ok);
    assert.equal(accepted.length, 3, '0.90 + 3 × 0.03 = 0.99; a fourth would pass $1.00');
    assert.ok(0.9 + guard.reservedUsd() <= 1 + 1e-12);
    const refused = results.find((r) => !r.ok)!;
    assert.ok(!refused.ok && refused.reason === 'daily');
  });

  it('holds for random estimates: spent + reserved never exceeds the cap', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const spent = rand() * 4;
      const guard = new BudgetGuard(limits({ dailyUsd: 5 }), fixed(spent));
      for (let i = 0; i < 40; i++) guard.reserve(rand() * 0.5);
      assert.ok(spent + guard.reservedUsd() <= 5 + 1e-9, `round ${round}: ${spent} + ${guard.reservedUsd()}`);
    }
  });

  it('settling or releasing frees the reservation; the ledger then holds the actual spend', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-budget-'));
    try {
      const now = () => new Date(2026, 10, 27, 12).getTime();
      const ledger = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => book, savingsModel: () => 'claude-sonnet-4-5', now, timer: () => ({ cancel: () => undefined }) });
      const guard = new BudgetGuard(limits({ dailyUsd: 0.1 }), ledger, now);
      const a = guard.reserve(0.06);
      assert.ok(a.ok);
      assert.equal(guard.reserve(0.06).ok, false, 'the first reservation counts while in flight');
      // The request ran and cost $0.045 (10k in, 1k out on Sonnet 4.5).
      ledger.record({ tier: 'reasoning', provider: 'anthropic', model: 'claude-sonnet-4-5', purpose: 'chat', usage: { inputTokens: 10_000, outputTokens: 1_000 }, totalMs: 1, outcome: 'ok' });
      assert.equal(guard.settle(a.reservation, 0.045), 0, 'actual below the estimate: no overshoot');
      assert.equal(guard.reservedUsd(), 0);
      assert.ok(Math.abs(guard.state().dayUsd - 0.045) < 1e-12);
      assert.equal(guard.reserve(0.06).ok, false, '0.045 + 0.06 > 0.10');
      const b = guard.reserve(0.05);
      assert.ok(b.ok);
      guard.release(b.reservation);
      assert.equal(guard.reservedUsd(), 0);
      guard.release(b.reservation);
      assert.equal(guard.reservedUsd(), 0, 'releasing twice is harmless');
      await ledger.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports how far an actual cost overshot its estimate', () => {
    const guard = new BudgetGuard(limits({ dailyUsd: 5 }), fixed(0));
    const r = guard.reserve(0.1) as { ok: true; reservation: Reservation };
    assert.ok(Math.abs(guard.settle(r.reservation, 0.25) - 0.15) < 1e-12);
  });

  it('refuses on the monthly cap with its own message', () => {
    const guard = new BudgetGuard(limits({ dailyUsd: 5, monthlyUsd: 40 }), fixed(1, 39.99));
    const r = guard.reserve(0.05);
    assert.ok(!r.ok);
    assert.equal(r.reason, 'monthly');
    assert.match(r.message, /^Monthly budget would be exceeded: \$39\.99 of \$40\.00 used this month, and it is estimated at \$0\.05\. Send this request to the reasoning model anyway\?$/);
  });

  it('when the budget is spent, even an unknown-cost request is refused until the user forces it', () => {
    const guard = new BudgetGuard(limits({ dailyUsd: 5 }), fixed(5.02));
    const r = guard.reserve(undefined);
    assert.ok(!r.ok);
    assert.match(r.message, /^Daily budget is spent: \$5\.02 of \$5\.00 used today, and its cost is unknown\./);
    const forced = guard.reserve(0.2, { force: true });
    assert.ok(forced.ok && forced.reservation.forced);
  });

  it('a cap of 0 means no cap', () => {
    const guard = new BudgetGuard(limits({ dailyUsd: 0, monthlyUsd: 0 }), fixed(1_000));
    assert.ok(guard.reserve(50).ok);
    assert.equal(guard.state().exhausted, undefined);
    assert.equal(guard.state().dailyLeftUsd, undefined);
  });

  it('reads the limits live, so a settings change applies at once', () => {
    let daily = 1;
    const guard = new BudgetGuard(() => ({ dailyUsd: daily, monthlyUsd: 0, confirmAboveUsd: 1 }), fixed(0.99));
    assert.equal(guard.reserve(0.05).ok, false);
    daily = 2;
    assert.equal(guard.reserve(0.05).ok, true);
  });
});

describe('budget guard: state for the router and the tooltip', () => {
  it('a spent daily budget keeps automatic routing local and makes explicit escalations ask', () => {
    const guard = new BudgetGuard(limits({ dailyUsd: 5 }), fixed(5));
    const s = guard.state();
    assert.deepEqual(s.exhausted, { period: 'daily', limitUsd: 5, spentUsd: 5 });
    assert.equal(s.dailyLeftUsd, 0);
    const state = { pinned: 'auto' as const, hasReasoningKey: true, online: true, localAvailable: true, budgetExhausted: s.exhausted };
    const auto = route({ kind: 'chat', text: 'root cause?', hasStackTrace: true, fileCount: 3 }, state);
    assert.equal(auto.tier, 'local');
    assert.equal(auto.reason, 'Local: daily budget spent ($5.00)');
    const explicit = route({ kind: 'chat', text: 'x', explicitTier: 'reasoning' }, state);
    assert.equal(explicit.tier, 'reasoning');
    assert.equal(explicit.confirm, 'budget');
  });

  it('in-flight reservations count toward "spent" and reduce what is left', () => {
    const guard = new BudgetGuard(limits({ dailyUsd: 1, monthlyUsd: 10 }), fixed(0.5, 4));
    guard.reserve(0.5);
    const s = guard.state();
    assert.equal(s.dailyLeftUsd, 0);
    assert.equal(s.monthlyLeftUsd, 5.5);
    assert.equal(s.exhausted?.period, 'daily');
  });

  it('the daily budget comes back the next (local) day, the monthly one the next month', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-budget-'));
    try {
      let t = new Date(2026, 10, 30, 23, 50).getTime();
      const now = () => t;
      const ledger = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => book, savingsModel: () => 'o3', now, timer: () => ({ cancel: () => undefined }) });
      const guard = new BudgetGuard(limits({ dailyUsd: 1, monthlyUsd: 1.5 }), ledger, now);
      ledger.record({ tier: 'reasoning', provider: 'openai', model: 'o3', purpose: 'chat', usage: { inputTokens: 0, outputTokens: 125_000 }, totalMs: 1, outcome: 'ok' }); // $1.00
      assert.equal(guard.state().exhausted?.period, 'daily');
      t = new Date(2026, 11, 1, 0, 5).getTime();
      assert.equal(guard.state().exhausted, undefined, 'new day, new month');
      assert.equal(guard.state().dailyLeftUsd, 1);
      assert.equal(guard.state().monthlyLeftUsd, 1.5);
      await ledger.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('budget guard: asking before an expensive escalation', () => {
  it('asks above the threshold, with the estimate, the tokens, the model and the threshold', () => {
    const guard = new BudgetGuard(limits({ confirmAboveUsd: 0.1 }), fixed(0));
    const big = estimateCost(book, { model: 'claude-sonnet-4-5-20250929', purpose: 'deep-debug', prompt: 60_000 });
    const q = guard.needsConfirmation(big);
    assert.equal(q.confirm, true);
    assert.equal(q.message, `This request to claude-sonnet-4-5 is estimated at $${big.usd!.toFixed(2)} (60,000 tokens in, about 6,000 out), above your confirmation threshold of $0.10. Send it?`);
    const small = estimateCost(book, { model: 'claude-haiku-4-5', purpose: 'chat', prompt: 2_000 });
    assert.deepEqual(guard.needsConfirmation(small), { confirm: false });
  });

  it('asks for every request to an unpriced model, whatever the threshold, naming the unknown cost and the token cap', () => {
    const guard = new BudgetGuard(limits({ confirmAboveUsd: 1000, dailyUnpricedTokens: 300_000 }), fixed(0));
    const ask = guard.needsConfirmation(estimateCost(book, { model: 'mystery', purpose: 'chat', prompt: 'tiny question' }));
    assert.equal(ask.confirm, true);
    assert.match(ask.message ?? '', /mystery has no price.*cost is unknown.*0 of the 300,000 tokens/);
  });
});
