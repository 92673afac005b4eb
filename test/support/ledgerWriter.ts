// A second window, as a real process: opens the ledger in argv[2] as session argv[3] and records
// argv[4] chat requests one by one (each flushed to disk), then says how many it recorded.
// Used by test/unit/cost/ledgerConcurrency.test.ts.
import { Ledger } from '../../src/core/cost/ledger';
import { PriceBook } from '../../src/core/cost/prices';
import { MemoryLogger } from '../../src/core/log';

async function main(): Promise<void> {
  const [dir, session, countText, model = 'claude-sonnet-4-5-20250929'] = process.argv.slice(2);
  const ledger = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => new PriceBook(), savingsModel: () => undefined, sessionId: session });
  const count = Number(countText);
  for (let i = 0; i < count; i++) {
    ledger.record({ tier: 'reasoning', provider: 'anthropic', model, purpose: 'chat', usage: { inputTokens: 1000 + i, outputTokens: 100 }, totalMs: 10, outcome: 'ok' });
    await ledger.flush();
  }
  await ledger.dispose();
  process.stdout.write(`recorded ${count}\n`);
}

main().catch((e) => { process.stderr.write(String(e)); process.exit(1); });
