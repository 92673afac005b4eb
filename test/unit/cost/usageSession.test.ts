import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ledger, type LedgerEntry } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import { SESSION_GAP_MS, UsageSession, type SessionStore } from '../../../src/core/cost/usageSession';
import { MemoryLogger } from '../../../src/core/log';

const MIN = 60_000;
const START = new Date(2026, 10, 27, 9).getTime();

/** globalState: one value shared by every window (and kept across reloads). */
function memento(): SessionStore & { value: unknown; writes: number } {
  const m = { value: undefined as unknown, writes: 0, get: () => m.value, set: (r: unknown) => { m.value = JSON.parse(JSON.stringify(r)); m.writes++; } };
  return m;
}

let ids = 0;
const newId = () => `s${++ids}`;

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-session-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const chat = (usd: number): LedgerEntry => ({ tier: 'reasoning', provider: 'anthropic', model: 'claude-sonnet-4-5', purpose: 'chat', usage: { inputTokens: 10, outputTokens: 10 }, totalMs: 100, outcome: 'ok', usd });

/** A window: a ledger on the shared folder and the shared globalState. */
async function windowOn(store: SessionStore, clock: { t: number }) {
  const now = () => clock.t;
  return Ledger.open({ dir, logger: new MemoryLogger(), prices: () => new PriceBook(), savingsModel: () => undefined, now, session: new UsageSession(store, newId, now), timer: () => ({ cancel() {} }) });
}

describe('"This session" (usage session)', () => {
  it('survives a window reload: the reopened window shows the same session figures', async () => {
    const store = memento();
    const clock = { t: START };
    const first = await windowOn(store, clock);
    first.record(chat(0.25));
    clock.t += 5 * MIN;
    first.record(chat(0.5));
    await first.dispose();
    clock.t += 2 * MIN; // reload
    const reloaded = await windowOn(store, clock);
    assert.equal(reloaded.session().requests, 2);
    assert.equal(reloaded.session().usd, 0.75);
    reloaded.record(chat(0.25));
    assert.equal(reloaded.session().usd, 1);
    await reloaded.dispose();
  });

  it('starts a new session after a break of more than 30 minutes (reopened or still open)', async () => {
    const store = memento();
    const clock = { t: START };
    const w = await windowOn(store, clock);
    w.record(chat(0.25));
    clock.t += SESSION_GAP_MS - MIN;
    w.record(chat(0.25));
    assert.equal(w.session().requests, 2, 'a 29-minute pause is the same session');
    clock.t += SESSION_GAP_MS + MIN;
    assert.equal(w.session().requests, 0, 'after the break, "This session" starts empty');
    w.record(chat(0.5));
    assert.equal(w.session().usd, 0.5);
    assert.equal(w.day().usd, 1, 'the day still counts everything');
    await w.dispose();
    clock.t += SESSION_GAP_MS + MIN;
    const later = await windowOn(store, clock);
    assert.equal(later.session().requests, 0, 'reopened after a break: a new session');
    await later.dispose();
  });

  it('two windows in one stretch share the session, and each still counts the other\'s spend once for the budget', async () => {
    const store = memento();
    const clock = { t: START };
    const a = await windowOn(store, clock);
    const b = await windowOn(store, clock);
    a.record(chat(1));
    b.record(chat(2));
    await Promise.all([a.flush(), b.flush()]);
    assert.equal(a.sessionId, b.sessionId);
    assert.equal(a.spent().dayUsd, 3, 'A reads B\'s line (same session, another window) and not its own twice');
    assert.equal(b.spent().dayUsd, 3);
    assert.equal(a.session().usd, 3);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it('writes the activity back at most once a minute (every completion records)', () => {
    const store = memento();
    const clock = { t: START };
    const s = new UsageSession(store, newId, () => clock.t);
    for (let i = 0; i < 600; i++) { clock.t += 100; s.touch(); }
    assert.ok(store.writes <= 2, `${store.writes} writes for one minute of activity`);
  });
});
