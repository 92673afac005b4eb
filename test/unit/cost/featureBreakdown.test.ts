import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { featureBreakdown } from '../../../src/core/cost/featureBreakdown';
import { Ledger, type LedgerEntry } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import { buildUsageReport } from '../../../src/core/cost/report';
import { MemoryLogger } from '../../../src/core/log';

// claude-sonnet-4-5: $3 in / $15 out per million tokens (models/prices.json).
const book = new PriceBook();
const SAVINGS_MODEL = 'claude-sonnet-4-5';
const NOW = new Date(2026, 10, 27, 15).getTime();

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-features-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const open = () => Ledger.open({ dir, logger: new MemoryLogger(), prices: () => book, savingsModel: () => SAVINGS_MODEL, now: () => NOW, timer: () => ({ cancel() {} }) });
const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  tier: 'local', provider: 'local', model: 'qwen', purpose: 'chat', usage: { inputTokens: 1_000_000, outputTokens: 0 }, totalMs: 100, outcome: 'ok', ...over,
});
const cloud = (purpose: LedgerEntry['purpose']) => entry({ tier: 'reasoning', provider: 'anthropic', model: SAVINGS_MODEL, purpose, usage: { inputTokens: 100_000, outputTokens: 0 } });

async function report(record: (l: Ledger) => void) {
  const ledger = await open();
  record(ledger);
  await ledger.flush({ rollups: true });
  // Reopened from disk, as Show Usage after a reload sees it.
  const again = await open();
  const r = buildUsageReport({ now: NOW, days: again.dailySeries(), today: again.day(), month: again.month(), session: again.session(), savingsModel: SAVINGS_MODEL, features: again.featureSeries() });
  await Promise.all([ledger.dispose(), again.dispose()]);
  return r;
}

describe('usage by feature and the saving (Show Usage)', () => {
  it('breaks requests and spend down by completions, chat, Deep Debug and Refactor', async () => {
    const r = await report((l) => {
      for (let i = 0; i < 5; i++) l.record(entry({ purpose: 'completion', usage: { inputTokens: 1_000, outputTokens: 10 } }));
      l.record(entry({ purpose: 'chat' }));
      l.record(cloud('chat'));
      l.record(cloud('deep-debug'));
      l.record(cloud('deep-debug'));
      l.record(cloud('refactor'));
    });
    const row = (f: string) => r.features.find((x) => x.feature === f)!;
    assert.deepEqual(r.features.map((f) => f.label), ['Inline completions', 'Chat', 'Deep Debug', 'Refactor'], 'no "Other" row when every record has a feature');
    assert.deepEqual([row('completion').local, row('completion').reasoning], [5, 0]);
    assert.deepEqual([row('chat').local, row('chat').reasoning], [1, 1]);
    assert.equal(row('deep-debug').reasoning, 2);
    // 100,000 input tokens × $3/M = $0.30 per cloud request.
    assert.equal(row('deep-debug').usd, 0.6);
    assert.equal(row('refactor').usd, 0.3);
    assert.equal(Math.round(row('deep-debug').spendPercent!), 50);
    const total = r.features.reduce((a, f) => a + f.requests, 0);
    assert.equal(total, r.totals.requests, 'the rows add up to the total');
  });

  it('counts as saved only local chat / Deep Debug / refactor answers that finished, never completions', async () => {
    const r = await report((l) => {
      for (let i = 0; i < 100; i++) l.record(entry({ purpose: 'completion' }));
      l.record(entry({ purpose: 'chat' }));
      l.record(entry({ purpose: 'deep-debug' }));
      l.record(entry({ purpose: 'refactor', outcome: 'aborted' }));
      l.record(entry({ purpose: 'chat', outcome: 'error' }));
      l.record(cloud('chat'));
    });
    // Each finished local answer: 1,000,000 input tokens at $3/M = $3.00 on the reasoning model.
    assert.equal(r.totals.savedUsd, 6);
    assert.equal(r.totals.savedAnswers, 2);
    assert.equal(r.features.find((f) => f.feature === 'completion')!.savedUsd, 0);
    assert.equal(r.features.find((f) => f.feature === 'refactor')!.savedUsd, 0, 'a stopped refactor saved nothing');
    assert.equal(r.today.savedUsd, 6, 'the day summary (tooltip) follows the same rule');
    assert.equal(r.totals.allReasoningUsd, 6.3);
  });

  it('puts records without a feature (older lines) under "Other (older records)"', async () => {
    const ledger = await open();
    ledger.record(cloud('chat'));
    await ledger.dispose();
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
    const old = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8').trim().split('\n').pop()!);
    delete old.purpose; delete old.window;
    fs.appendFileSync(path.join(dir, file), `${JSON.stringify(old)}\n`);
    const again = await open();
    const rows = featureBreakdown(again.featureSeries().map((d) => d.features));
    await again.dispose();
    const other = rows.find((f) => f.feature === 'other')!;
    assert.equal(other.label, 'Other (older records)');
    assert.equal(other.reasoning, 1);
    assert.equal(other.usd, 0.3);
    assert.equal(again.month().usd, 0.6, 'its spend still counts against the budget');
  });
});
