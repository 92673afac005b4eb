import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryLogger } from '../../../src/core/log';
import { route } from '../../../src/core/routing/router';
import { MODEL_FILE, RoutingStore, SIGNALS_FILE, savingsLine } from '../../../src/core/routing/routingStore';
import { RoutingSignals } from '../../../src/core/routing/signals';
import { shippedWeights } from '../../../src/core/routing/shipped';
import { formatUsd } from '../../../src/core/status';

const shipped = shippedWeights()!;
const Q = 'could an attacker abuse the Quokka redirect parameter?';

describe('routing store (next to the ledger)', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-routing-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function teach(store: RoutingStore, n: number) {
    const signals = new RoutingSignals(() => store.learner, store);
    const state = { pinned: 'auto' as const, hasReasoningKey: true, online: true, localAvailable: true, learned: store.learner };
    for (let i = 0; i < n; i++) {
      const d = route({ kind: 'chat', text: Q }, state);
      signals.answered({ answerId: `a${i}`, conversationId: 'c', questionText: Q, tier: d.tier, decision: d, reasoningUsd: 0.01 });
      if (d.tier === 'reasoning') { signals.retriedLocallyOn(`a${i}`); signals.answered({ answerId: `l${i}`, conversationId: 'c', questionText: Q, tier: 'local', decision: {}, retryOf: `a${i}` }); signals.used(`l${i}`, 'copy'); }
      else signals.used(`a${i}`, 'insert');
    }
    await store.flush();
  }

  it('keeps what was learned across a restart, and the files hold no question text', async () => {
    const log = new MemoryLogger();
    const store = await RoutingStore.open(dir, shipped, log);
    let changes = 0;
    store.onChange(() => changes++);
    await teach(store, 6);
    assert.ok(changes > 0);
    assert.ok(store.learner.overrides >= 1);
    const again = await RoutingStore.open(dir, shipped, log);
    assert.equal(again.learner.overrides, store.learner.overrides);
    assert.deepEqual(again.savings, store.savings);
    assert.deepEqual(Array.from(again.learner.model.w), Array.from(store.learner.model.w, (v) => Math.round(v * 1e5) / 1e5));
    const files = fs.readdirSync(dir).sort();
    assert.deepEqual(files, [MODEL_FILE, SIGNALS_FILE].sort());
    for (const f of files) assert.doesNotMatch(fs.readFileSync(path.join(dir, f), 'utf8'), /Quokka|attacker|redirect/i, f);
    const lines = fs.readFileSync(path.join(dir, SIGNALS_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outcome: string });
    assert.ok(lines.some((l) => l.outcome === 'reasoning-missed'));
  });

  it('two windows learning at once: neither loses the other\'s signals (no last write wins)', async () => {
    const a = await RoutingStore.open(dir, shipped, new MemoryLogger());
    const b = await RoutingStore.open(dir, shipped, new MemoryLogger());
    await teach(a, 4);
    const afterA = { overrides: a.learner.overrides, updates: a.learner.updates, savings: { ...a.savings } };
    await teach(b, 3);
    const bAlone = (await RoutingStore.open(fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-routing-')), shipped, new MemoryLogger()));
    await teach(bAlone, 3);
    const again = await RoutingStore.open(dir, shipped, new MemoryLogger());
    assert.ok(afterA.overrides >= 1 && bAlone.learner.overrides >= 1);
    assert.equal(again.learner.overrides, afterA.overrides + bAlone.learner.overrides);
    assert.equal(again.learner.updates, afterA.updates + bAlone.learner.updates);
    assert.equal(again.savings.local + again.savings.reasoning, afterA.savings.local + afterA.savings.reasoning + bAlone.savings.local + bAlone.savings.reasoning);
    // Window A saves again later: it takes B's learning in, and adds nothing twice.
    await teach(a, 1);
    const last = await RoutingStore.open(dir, shipped, new MemoryLogger());
    assert.ok(last.learner.updates > again.learner.updates);
    assert.equal(a.learner.updates, last.learner.updates);
    fs.rmSync(bAlone.dir, { recursive: true, force: true });
  });

  it('Reset Routing deletes the signals and goes back to the shipped classifier', async () => {
    const store = await RoutingStore.open(dir, shipped, new MemoryLogger());
    await teach(store, 6);
    await store.reset();
    assert.equal(store.learner.overrides, 0);
    assert.deepEqual(store.savings, { local: 0, reasoning: 0, savedUsd: 0, unpriced: 0 });
    assert.ok(!fs.existsSync(path.join(dir, SIGNALS_FILE)));
    const again = await RoutingStore.open(dir, shipped, new MemoryLogger());
    assert.deepEqual(Array.from(again.learner.model.w), shipped.weights);
  });

  it('a damaged model file is reported and replaced by the shipped model, not a crash', async () => {
    fs.writeFileSync(path.join(dir, MODEL_FILE), '{"version":1,"learned":{"weights":[1,2]');
    const log = new MemoryLogger();
    const store = await RoutingStore.open(dir, shipped, log);
    assert.deepEqual(Array.from(store.learner.model.w), shipped.weights);
    assert.match(log.lines.map((l) => l.line).join('\n'), /could not read routing-model\.json .*starting from the shipped model/);
  });

  it('the saving line says what routing saved against always-reasoning and how many overrides taught it', () => {
    assert.equal(savingsLine({ local: 0, reasoning: 0, savedUsd: 0, unpriced: 0 }, 0, formatUsd), 'Routing: no chat routed automatically yet · 0 overrides');
    assert.equal(savingsLine({ local: 34, reasoning: 7, savedUsd: 1.2, unpriced: 0 }, 3, formatUsd), 'Routing: saved ~$1.20 vs always-reasoning (34 of 41 chats answered locally) · 3 overrides taught the router');
    assert.match(savingsLine({ local: 2, reasoning: 0, savedUsd: 0.01, unpriced: 1 }, 1, formatUsd), /\(2 of 2 chats answered locally, 1 unpriced\) · 1 override taught/);
  });
});
