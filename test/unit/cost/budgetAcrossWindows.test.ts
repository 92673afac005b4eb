// Budgets hold for a model with no price and across windows (two ledgers on one folder, and a
// real second process).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGuard, type BudgetLimits } from '../../../src/core/cost/budget';
import { Ledger } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import { SharedReservations } from '../../../src/core/cost/sharedReservations';
import { MemoryLogger } from '../../../src/core/log';

const WRITER = path.join(__dirname, '..', '..', 'support', 'ledgerWriter.js');
const book = new PriceBook();

describe('budget across windows and for unpriced models', () => {
  let dir: string;
  const ledgers: Ledger[] = [];
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-budget-x-')); });
  afterEach(async () => {
    for (const l of ledgers.splice(0)) await l.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function window(limits: Partial<BudgetLimits>) {
    const ledger = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => book, savingsModel: () => undefined });
    ledgers.push(ledger);
    const guard = new BudgetGuard(() => ({ dailyUsd: 0, monthlyUsd: 0, confirmAboveUsd: 0.1, ...limits }), ledger, Date.now, new SharedReservations(dir, ledger.sessionId));
    return { ledger, guard };
  }
  const sonnet = (inputTokens: number) => ({ tier: 'reasoning' as const, provider: 'anthropic', model: 'claude-sonnet-4-5', purpose: 'chat' as const, usage: { inputTokens, outputTokens: 0 }, totalMs: 1, outcome: 'ok' as const });

  it('spend recorded in one window counts in the other (both opened before it was spent)', async () => {
    const a = await window({ dailyUsd: 1 });
    const b = await window({ dailyUsd: 1 });
    a.ledger.record(sonnet(300_000)); // $0.90 at $3 per million
    await a.ledger.flush();
    const r = b.guard.reserve(0.2);
    assert.equal(r.ok, false, 'window B must see the $0.90 window A spent');
    assert.match(!r.ok ? r.message : '', /Daily budget would be exceeded: \$0\.90 of \$1\.00/);
    assert.ok(b.guard.reserve(0.05).ok);
  });

  it('a reservation in flight in one window counts in the other', async () => {
    const a = await window({ dailyUsd: 1 });
    const b = await window({ dailyUsd: 1 });
    const ra = a.guard.reserve(0.7);
    assert.ok(ra.ok);
    assert.equal(b.guard.reserve(0.5).ok, false, '0.70 in flight in A + 0.50 > 1.00');
    assert.ok(Math.abs(b.guard.state().reservedUsd - 0.7) < 1e-9);
    a.guard.release(ra.reservation);
    assert.ok(b.guard.reserve(0.5).ok, 'released in A: B may go');
  });

  it('spend written by another process counts before the next decision', async () => {
    const b = await window({ dailyUsd: 0.1 });
    assert.ok(b.guard.reserve(0.01).ok);
    // 40 requests of 1,000+ input and 100 output tokens on Sonnet: about $0.18.
    const run = spawnSync(process.execPath, [WRITER, dir, 'other-window', '40', 'claude-sonnet-4-5'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(b.ledger.spent().dayUsd > 0.17, `spent ${b.ledger.spent().dayUsd}`);
    const r = b.guard.reserve(0.01);
    assert.equal(r.ok, false);
  });

  it('an unpriced model: every request asks, and its tokens count against the daily token cap', async () => {
    const { ledger, guard } = await window({ dailyUsd: 5, dailyUnpricedTokens: 500_000 });
    let sent = 0;
    let asked = 0;
    for (let i = 0; i < 20; i++) {
      const estimate = { model: 'mystery-1', inputTokens: 90_000, outputTokens: 10_000, unknown: true } as const;
      if (guard.needsConfirmation(estimate).confirm) asked++;
      const r = guard.reserve(undefined, { tokens: 100_000 });
      if (!r.ok) { assert.match(r.message, /Daily cap for models with no price is reached/); continue; }
      ledger.record({ tier: 'reasoning', provider: 'openai', model: 'mystery-1', purpose: 'chat', usage: { inputTokens: 90_000, outputTokens: 10_000 }, totalMs: 1, outcome: 'ok' });
      guard.settle(r.reservation);
      sent++;
    }
    assert.equal(asked, 20, 'every request to an unpriced model asks first');
    assert.equal(sent, 5, '5 × 100,000 tokens fill the 500,000-token cap');
    assert.equal(ledger.spent().dayUnpricedTokens, 500_000);
    assert.equal(ledger.day().unknownCost, 5, 'counted as unknown, never as $0');
  });
});
