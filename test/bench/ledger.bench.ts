// Benchmark: routing decision time of the rules (p50/p95 over many varied requests) and ledger append time
// with 10,000 recorded requests in a temp folder, plus the file size and the reload time.
// Targets: routing ≤ 1 ms, ledger append ≤ 1 ms p95. Prints figures; never fails on timing.
// (The routing quality benchmark, with the learned part, is router.bench.ts.)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Ledger, type LedgerEntry } from '../../src/core/cost/ledger';
import { PriceBook } from '../../src/core/cost/prices';
import { MemoryLogger } from '../../src/core/log';
import { type RouteRequest, type RouteState, route } from '../../src/core/routing/router';

const pct = (v: number[], q: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const r3 = (x: number) => Math.round(x * 10_000) / 10_000;

function variedRequests(n: number): { req: RouteRequest; state: RouteState }[] {
  const texts = [
    'what does ?? mean',
    'how do I sort an array of objects by date?',
    'Why does this deadlock when two workers flush at the same time? First check the lock order, then the timer, finally the queue.',
    'Find the root cause:\nTypeError: x is undefined\n    at run (src/a.ts:10:5)\n    at main (src/b.ts:3:1)',
    '```ts\n' + 'const a = 1;\n'.repeat(120) + '```\nwhy is this slow?',
    'Design the architecture for a plugin system; list the trade-offs.\n' + 'Context line. '.repeat(200),
  ];
  const kinds: RouteRequest['kind'][] = ['chat', 'chat', 'chat', 'inline', 'deep-debug', 'refactor'];
  const pins: RouteState['pinned'][] = ['auto', 'auto', 'auto', 'local', 'reasoning'];
  const out: { req: RouteRequest; state: RouteState }[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      req: {
        kind: kinds[i % kinds.length], text: texts[(i * 7) % texts.length], attachedContextTokens: (i * 997) % 40_000, fileCount: i % 5,
        hasStackTrace: i % 11 === 0, hasErrors: i % 3 === 0, conversation: { turns: i % 4, lastTier: i % 2 ? 'local' : 'reasoning' },
        explicitTier: i % 13 === 0 ? 'reasoning' : undefined,
      },
      state: {
        pinned: pins[i % pins.length], budgetExhausted: i % 17 === 0 ? { period: 'daily', limitUsd: 5 } : false, confirmNeeded: i % 5 === 0,
        hasReasoningKey: i % 19 !== 0, online: i % 23 !== 0, localAvailable: i % 29 !== 0, localContextTokens: 8192,
      },
    });
  }
  return out;
}

async function main(): Promise<void> {
  // Routing.
  const cases = variedRequests(20_000);
  for (const c of cases.slice(0, 2_000)) route(c.req, c.state); // warm up
  const routeMs: number[] = [];
  let reasoning = 0;
  for (const c of cases) {
    const t0 = performance.now();
    const d = route(c.req, c.state);
    routeMs.push(performance.now() - t0);
    if (d.tier === 'reasoning') reasoning++;
  }
  const chatAuto = routeMs.filter((_, i) => cases[i].req.kind === 'chat' && cases[i].state.pinned === 'auto' && !cases[i].req.explicitTier);
  console.log(`routing: chat in auto only (the difficulty scoring), ${chatAuto.length} requests, p50 ${r3(pct(chatAuto, 0.5))} ms, p95 ${r3(pct(chatAuto, 0.95))} ms`);
  const routeP50 = pct(routeMs, 0.5);
  const routeP95 = pct(routeMs, 0.95);
  console.log(`routing: ${cases.length} varied requests, p50 ${r3(routeP50)} ms, p95 ${r3(routeP95)} ms, max ${r3(Math.max(...routeMs))} ms (target ≤ 1 ms); ${reasoning} went to reasoning`);

  // Ledger: 10,000 recorded requests (chat / Deep Debug / refactor, both tiers), one line each.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-bench-ledger-'));
  const book = new PriceBook();
  const logger = new MemoryLogger();
  try {
    let t = new Date(2026, 10, 27, 8).getTime();
    const ledger = await Ledger.open({ dir, logger, prices: () => book, savingsModel: () => 'claude-sonnet-5-5', now: () => t });
    const purposes = ['chat', 'deep-debug', 'refactor'] as const;
    const appendMs: number[] = [];
    const records = 10_000;
    for (let i = 0; i < records; i++) {
      t += 2_000;
      const cloud = i % 4 === 0;
      const entry: LedgerEntry = {
        tier: cloud ? 'reasoning' : 'local', provider: cloud ? 'anthropic' : 'local', model: cloud ? 'claude-sonnet-5-5' : 'qwen2.5-coder-1.5b',
        purpose: purposes[i % 3], usage: { inputTokens: 2_000 + (i % 500) * 10, outputTokens: 300 + (i % 97), cacheReadTokens: cloud ? 20_000 : 0, reasoningTokens: cloud ? 150 : 0 },
        ttftMs: 30 + (i % 200), totalMs: 200 + (i % 3_000), outcome: i % 50 === 0 ? 'aborted' : 'ok',
      };
      const t0 = performance.now();
      ledger.record(entry);
      appendMs.push(performance.now() - t0);
      // Let the background writer run now and then, as it would between real requests.
      if (i % 250 === 0) await new Promise((r) => setImmediate(r));
    }
    await ledger.flush();
    const ledgerFile = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.jsonl'))!);
    const bytes = fs.statSync(ledgerFile).size;
    // The same append, waited for until it is on disk (appendFile), with 10,000 already recorded.
    const durableMs: number[] = [];
    for (let i = 0; i < 300; i++) {
      t += 2_000;
      const t0 = performance.now();
      ledger.record({ tier: 'reasoning', provider: 'anthropic', model: 'claude-sonnet-5-5', purpose: 'chat', usage: { inputTokens: 3_000, outputTokens: 400 }, totalMs: 900, outcome: 'ok' });
      await ledger.flush();
      durableMs.push(performance.now() - t0);
    }
    console.log(`ledger: record + wait until written (appendFile), 300 more: p50 ${r3(pct(durableMs, 0.5))} ms, p95 ${r3(pct(durableMs, 0.95))} ms`);
    const f0 = performance.now();
    await ledger.dispose();
    const drainMs = performance.now() - f0;
    const lines = fs.readFileSync(ledgerFile, 'utf8').split('\n').filter(Boolean).length;
    const l0 = performance.now();
    const reopened = await Ledger.open({ dir, logger, prices: () => book, savingsModel: () => 'claude-sonnet-5-5', now: () => t });
    const loadMs = performance.now() - l0;
    const month = reopened.month();
    await reopened.dispose();
    const appendP50 = pct(appendMs, 0.5);
    const appendP95 = pct(appendMs, 0.95);
    console.log(`ledger: ${records} requests recorded, append p50 ${r3(appendP50)} ms, p95 ${r3(appendP95)} ms, max ${r3(Math.max(...appendMs))} ms (target p95 ≤ 1 ms)`);
    console.log(`ledger: file ${(bytes / 1024).toFixed(0)} KiB for ${records} requests (${Math.round(bytes / records)} bytes/line), ${lines} lines after the extra 300; final flush ${r3(drainMs)} ms; reload of the month ${r3(loadMs)} ms -> ${month.requests} requests, $${month.usd.toFixed(2)} spent, $${month.savedUsd.toFixed(2)} saved`);

    // Inline completions: per-minute rollups, so a day of typing is a few hundred lines.
    let tc = new Date(2026, 11, 2, 9).getTime();
    const cl = await Ledger.open({ dir, logger, prices: () => book, savingsModel: () => 'claude-sonnet-5-5', now: () => tc });
    const compMs: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      tc += 1_500;
      const t0 = performance.now();
      cl.record({ tier: 'local', provider: 'local', model: 'qwen2.5-coder-1.5b', purpose: 'completion', usage: { inputTokens: 1_800, outputTokens: 24 }, totalMs: 40 + (i % 90), outcome: i % 4 === 0 ? 'aborted' : 'ok' });
      compMs.push(performance.now() - t0);
    }
    await cl.dispose();
    const decBytes = fs.statSync(path.join(dir, 'ledger-2026-12.jsonl')).size;
    const decLines = fs.readFileSync(path.join(dir, 'ledger-2026-12.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    console.log(`completions: 10000 recorded over ${Math.round((10_000 * 1.5) / 60)} minutes, append p95 ${r3(pct(compMs, 0.95))} ms; ${decLines} rollup lines, ${(decBytes / 1024).toFixed(0)} KiB`);

    console.log(JSON.stringify({
      bench: 'ledger', routeP50Ms: r3(routeP50), routeP95Ms: r3(routeP95), ledgerAppendP50Ms: r3(appendP50), ledgerAppendP95Ms: r3(appendP95),
      ledgerRecords: records, ledgerFileBytes: bytes, ledgerDurableAppendP95Ms: r3(pct(durableMs, 0.95)), ledgerReloadMs: r3(loadMs), completionAppendP95Ms: r3(pct(compMs, 0.95)), completionRollupBytes: decBytes,
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
