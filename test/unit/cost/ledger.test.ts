import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ledger, type LedgerEntry, entryFromChatResult, entryFromFimResult } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import { MemoryLogger } from '../../../src/core/log';

const book = new PriceBook();
const SAVINGS_MODEL = 'claude-sonnet-4-5';
const at = (y: number, mo: number, d: number, h = 12, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-ledger-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function clock(start: number) {
  let t = start;
  return { now: () => t, set: (v: number) => { t = v; }, advance: (ms: number) => { t += ms; } };
}

const noTimer = () => ({ cancel: () => undefined });

async function open(now: () => number, extra: { sessionId?: string; logger?: MemoryLogger } = {}) {
  const logger = extra.logger ?? new MemoryLogger();
  const ledger = await Ledger.open({ dir, logger, prices: () => book, savingsModel: () => SAVINGS_MODEL, now, sessionId: extra.sessionId, timer: noTimer });
  return { ledger, logger };
}

const cloud = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  tier: 'reasoning', provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', purpose: 'chat',
  usage: { inputTokens: 10_000, outputTokens: 2_000, cacheReadTokens: 50_000 }, ttftMs: 900, totalMs: 6_000, outcome: 'ok', ...over,
});
const localChat = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  tier: 'local', provider: 'local', model: 'qwen2.5-coder-1.5b', purpose: 'chat',
  usage: { inputTokens: 1_000_000, outputTokens: 100_000 }, ttftMs: 40, totalMs: 300, outcome: 'ok', ...over,
});
const completion = (ms: number, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  tier: 'local', provider: 'local', model: 'qwen2.5-coder-1.5b', purpose: 'completion',
  usage: { inputTokens: 1_500, outputTokens: 20 }, totalMs: ms, outcome: 'ok', ...over,
});

const fileLines = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean);

describe('ledger arithmetic', () => {
  it('sums cost, tokens by kind and requests per tier; local work counts as saved at reasoning prices', async () => {
    const c = clock(at(2026, 11, 27, 10));
    const { ledger } = await open(c.now);
    ledger.record(cloud());
    ledger.record(cloud({ usage: { inputTokens: 1_000, outputTokens: 500, reasoningTokens: 300 } }));
    ledger.record(localChat());
    const s = ledger.session();
    const expectedCloud = (10_000 * 3 + 2_000 * 15 + 50_000 * 0.3) / 1e6 + (1_000 * 3 + 500 * 15) / 1e6;
    assert.ok(Math.abs(s.usd - expectedCloud) < 1e-9, `${s.usd} vs ${expectedCloud}`);
    assert.equal(s.requests, 3);
    assert.equal(s.tiers.reasoning.requests, 2);
    assert.equal(s.tiers.local.requests, 1);
    assert.deepEqual(s.tiers.reasoning.tokens, { input: 11_000, output: 2_500, reasoning: 300, cacheRead: 50_000, cacheWrite: 0 });
    assert.equal(s.tiers.local.usd, 0, 'local is free');
    assert.ok(Math.abs(s.savedUsd - (3 + 1.5)) < 1e-9, 'a million local input tokens would have cost $3 on Sonnet, 100k output $1.50');
    assert.deepEqual(ledger.day(), s);
    assert.deepEqual(ledger.month(), s);
    await ledger.dispose();
  });

  it('counts an unpriced model as unknown, not as $0', async () => {
    const { ledger } = await open(clock(at(2026, 11, 27)).now);
    ledger.record(cloud());
    const before = ledger.session().usd;
    ledger.record(cloud({ model: 'some-new-model', provider: 'openai' }));
    const s = ledger.session();
    assert.equal(s.usd, before);
    assert.equal(s.unknownCost, 1);
    assert.equal(s.tiers.reasoning.requests, 2);
    await ledger.dispose();
  });

  it('reports latency median / p95 and time to first token per tier, from successful requests only', async () => {
    const { ledger } = await open(clock(at(2026, 11, 27)).now);
    for (let i = 1; i <= 100; i++) ledger.record(localChat({ totalMs: i * 10, ttftMs: i }));
    ledger.record(localChat({ totalMs: 999_999, outcome: 'aborted' }));
    ledger.record(localChat({ totalMs: 999_999, outcome: 'error' }));
    const t = ledger.session().tiers.local;
    assert.equal(t.requests, 102);
    assert.deepEqual(t.outcomes, { ok: 100, error: 1, aborted: 1, incomplete: 0 });
    // Histogram buckets are 4% wide: the figure is within 4% above the true value.
    assert.ok(t.latency.medianMs! >= 500 && t.latency.medianMs! <= 520, String(t.latency.medianMs));
    assert.ok(t.latency.p95Ms! >= 950 && t.latency.p95Ms! <= 988, String(t.latency.p95Ms));
    assert.ok(t.timeToFirstToken.medianMs! >= 50 && t.timeToFirstToken.medianMs! <= 52, String(t.timeToFirstToken.medianMs));
    assert.equal(ledger.session().tiers.reasoning.latency.medianMs, undefined);
    await ledger.dispose();
  });

  it('builds entries from provider results (outcome from finish reason and incompleteness)', () => {
    const base = { text: '', thinking: '', usage: { inputTokens: 1, outputTokens: 2 }, model: 'o3', provider: 'openai' as const, totalMs: 5, timeToFirstTokenMs: 2 };
    assert.equal(entryFromChatResult({ ...base, finishReason: 'stop', incomplete: false }, 'chat', 'reasoning').outcome, 'ok');
    assert.equal(entryFromChatResult({ ...base, finishReason: 'stop', incomplete: true }, 'chat', 'reasoning').outcome, 'incomplete');
    assert.equal(entryFromChatResult({ ...base, finishReason: 'aborted', incomplete: true }, 'chat', 'reasoning').outcome, 'aborted');
    assert.equal(entryFromChatResult({ ...base, finishReason: 'error', incomplete: false }, 'deep-debug', 'reasoning').outcome, 'error');
    const fim = entryFromFimResult({ text: 'x', finishReason: 'time', promptTokens: 300, evaluatedTokens: 5, generatedTokens: 7, modelMs: 40 }, 'tiny', 'local');
    assert.deepEqual([fim.purpose, fim.tier, fim.usage.inputTokens, fim.usage.outputTokens, fim.totalMs, fim.outcome], ['completion', 'local', 300, 7, 40, 'ok']);
  });
});

describe('ledger persistence', () => {
  it('writes one JSON line per request to ledger-YYYY-MM.jsonl, without the API key or text', async () => {
    const { ledger } = await open(clock(at(2026, 11, 27)).now);
    ledger.record(cloud());
    ledger.record(localChat());
    await ledger.flush();
    const lines = fileLines('ledger-2026-11.jsonl');
    assert.equal(lines.length, 2);
    const first = JSON.parse(lines[0]);
    assert.equal(first.kind, 'request');
    assert.equal(first.model, 'claude-sonnet-4-5-20250929');
    assert.equal(first.purpose, 'chat');
    assert.equal(first.outcome, 'ok');
    assert.equal(first.ttftMs, 900);
    await ledger.dispose();
  });

  it('a restart (a new instance on the same folder) yields the same aggregates', async () => {
    const c = clock(at(2026, 11, 27, 9));
    const { ledger } = await open(c.now, { sessionId: 'window-1' });
    for (let i = 0; i < 30; i++) {
      c.advance(7_000);
      ledger.record(i % 3 ? localChat({ totalMs: 100 + i, ttftMs: 10 + i }) : cloud({ totalMs: 3_000 + i * 37 }));
      ledger.record(completion(20 + (i % 7)));
      if (i % 10 === 0) ledger.record(completion(15, { outcome: 'aborted' }));
    }
    ledger.record(cloud({ model: 'unpriced-model' }));
    const before = { session: ledger.session(), day: ledger.day(), month: ledger.month(), series: ledger.dailySeries() };
    await ledger.dispose();

    const again = await open(c.now, { sessionId: 'window-1' });
    assert.deepEqual({ session: again.ledger.session(), day: again.ledger.day(), month: again.ledger.month(), series: again.ledger.dailySeries() }, before);
    assert.equal(again.ledger.loadReport.skippedLines, 0);
    await again.ledger.dispose();

    const otherWindow = await open(c.now, { sessionId: 'window-2' });
    assert.deepEqual(otherWindow.ledger.day(), before.day);
    assert.equal(otherWindow.ledger.session().requests, 0, 'a new session starts empty');
    await otherWindow.ledger.dispose();
  });

  it('keeps inline completions as per-minute rollups: thousands of completions, a few lines', async () => {
    const c = clock(at(2026, 11, 27, 14, 0, 0));
    const { ledger } = await open(c.now);
    for (let i = 0; i < 3_000; i++) {
      c.set(at(2026, 11, 27, 14, 0, 0) + i * 50); // 3000 completions over 2.5 minutes
      ledger.record(completion(30 + (i % 40), i % 5 === 0 ? { outcome: 'aborted' } : {}));
    }
    const live = ledger.session();
    assert.equal(live.tiers.local.requests, 3_000, 'aggregates include the open minute at once');
    await ledger.flush();
    assert.equal(fileLines('ledger-2026-11.jsonl').length, 2, 'two closed minutes written, the third still open');
    await ledger.dispose();
    const lines = fileLines('ledger-2026-11.jsonl').map((l) => JSON.parse(l));
    assert.equal(lines.length, 3);
    assert.ok(lines.every((l) => l.kind === 'rollup' && l.purpose === 'completion'));
    assert.equal(lines.reduce((s, l) => s + l.count, 0), 3_000);
    assert.equal(lines.reduce((s, l) => s + (l.outcomes.aborted ?? 0), 0), 600);
    const reloaded = await open(c.now, { sessionId: ledger.sessionId });
    assert.deepEqual(reloaded.ledger.session(), live);
    assert.equal(reloaded.ledger.session().savedUsd, 0, 'inline completions are never counted as a saving');
    await reloaded.ledger.dispose();
  });

  it('a timer writes the open rollup when its minute is over, without another record', async () => {
    const c = clock(at(2026, 11, 27, 14, 0, 10));
    let fire: (() => void) | undefined;
    let waited = 0;
    const ledger = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => book, savingsModel: () => SAVINGS_MODEL, now: c.now,
      timer: (fn, ms) => { fire = fn; waited = ms; return { cancel: () => { fire = undefined; } }; } });
    ledger.record(completion(25));
    assert.ok(fire, 'a timer is set for the end of the minute');
    assert.ok(waited > 49_000 && waited <= 50_100, String(waited));
    c.advance(waited);
    fire!();
    await ledger.flush();
    assert.equal(fileLines('ledger-2026-11.jsonl').length, 1);
    await ledger.dispose();
  });
});

describe('ledger: day and month boundaries (local time)', () => {
  it('splits days at local midnight and months into separate files, and loads last month back', async () => {
    const c = clock(at(2026, 11, 30, 23, 59, 0));
    const { ledger } = await open(c.now);
    ledger.record(cloud());
    c.set(at(2026, 12, 1, 0, 1, 0));
    ledger.record(cloud());
    ledger.record(cloud());
    const nov = ledger.day(at(2026, 11, 30, 8));
    const dec = ledger.day();
    assert.equal(nov.requests, 1);
    assert.equal(dec.requests, 2);
    assert.equal(ledger.month().requests, 2);
    assert.equal(ledger.month(at(2026, 11, 15)).requests, 1);
    assert.equal(ledger.session().requests, 3);
    assert.ok(Math.abs(dec.usd - 2 * nov.usd) < 1e-12);
    await ledger.dispose();
    assert.equal(fileLines('ledger-2026-11.jsonl').length, 1);
    assert.equal(fileLines('ledger-2026-12.jsonl').length, 2);

    const again = await open(c.now);
    assert.deepEqual(again.ledger.month(at(2026, 11, 15)), ledger.month(at(2026, 11, 15)));
    assert.deepEqual(again.ledger.dailySeries().map((d) => d.day), ['2026-11-30', '2026-12-01']);
    assert.deepEqual(again.ledger.spent(), { dayUsd: dec.usd, monthUsd: dec.usd, dayUnpricedTokens: 0 });
    await again.ledger.dispose();
  });
});

describe('ledger: damaged files', () => {
  async function seed(count: number): Promise<string[]> {
    const c = clock(at(2026, 11, 27, 10));
    const { ledger } = await open(c.now, { sessionId: 's' });
    for (let i = 0; i < count; i++) { c.advance(1000); ledger.record(cloud({ totalMs: 1000 + i })); }
    await ledger.dispose();
    return fileLines('ledger-2026-11.jsonl');
  }

  it('skips a garbage line with a warning, keeps every other line, and stays writable', async () => {
    const good = await seed(5);
    const file = path.join(dir, 'ledger-2026-11.jsonl');
    fs.writeFileSync(file, [good[0], good[1], '{"v":1,"kind":"request", garbage', 'hello world', good[2], good[3], good[4], ''].join('\n'));
    const logger = new MemoryLogger();
    const { ledger } = await open(clock(at(2026, 11, 27, 11)).now, { logger });
    assert.equal(ledger.month().requests, 5);
    assert.equal(ledger.loadReport.skippedLines, 2);
    assert.equal(ledger.loadReport.truncatedLines, 0);
    const warn = logger.lines.filter((l) => l.level === 'warn');
    assert.equal(warn.length, 1);
    assert.match(warn[0].line, /skipped 2 unreadable line\(s\).*Kept 5 good line/);
    // Nothing is thrown away: the damaged text is kept beside the ledger.
    assert.match(fs.readFileSync(path.join(dir, 'ledger-2026-11.corrupt.txt'), 'utf8'), /hello world/);
    ledger.record(cloud());
    await ledger.dispose();
    const clean = new MemoryLogger();
    const again = await open(clock(at(2026, 11, 27, 12)).now, { logger: clean });
    assert.equal(again.ledger.month().requests, 6);
    assert.equal(clean.lines.filter((l) => l.level === 'warn').length, 0, 'repaired: no warning the second time');
    await again.ledger.dispose();
  });

  it('recovers from a last line cut off mid-write: earlier lines kept, the next record lands on its own line', async () => {
    const good = await seed(3);
    const file = path.join(dir, 'ledger-2026-11.jsonl');
    fs.writeFileSync(file, `${good.join('\n')}\n${good[2].slice(0, 40)}`);
    const logger = new MemoryLogger();
    const { ledger } = await open(clock(at(2026, 11, 27, 11)).now, { logger });
    assert.equal(ledger.month().requests, 3);
    assert.equal(ledger.loadReport.truncatedLines, 1);
    assert.equal(ledger.loadReport.skippedLines, 0);
    assert.match(logger.lines.find((l) => l.level === 'warn')!.line, /cut off mid-write/);
    ledger.record(cloud());
    await ledger.dispose();
    // The file is never rewritten (another window may be appending): the cut-off text stays,
    // on its own line, and is skipped; the new record is a whole line of its own.
    const lines = fileLines('ledger-2026-11.jsonl');
    assert.deepEqual(lines.filter((l) => l !== good[2].slice(0, 40)).map((l) => JSON.parse(l).kind), ['request', 'request', 'request', 'request']);
    const again = await open(clock(at(2026, 11, 27, 12)).now);
    assert.equal(again.ledger.month().requests, 4);
    await again.ledger.dispose();
  });

  it('a last line without its newline but complete is kept, and the next append does not glue onto it', async () => {
    const good = await seed(2);
    fs.writeFileSync(path.join(dir, 'ledger-2026-11.jsonl'), good.join('\n'));
    const { ledger } = await open(clock(at(2026, 11, 27, 11)).now);
    assert.equal(ledger.month().requests, 2);
    assert.equal(ledger.loadReport.truncatedLines, 0);
    ledger.record(cloud());
    await ledger.dispose();
    assert.equal(fileLines('ledger-2026-11.jsonl').length, 3);
  });

  it('survives a whole non-JSON file: warns, loads the other months, keeps recording', async () => {
    const c = clock(at(2026, 10, 20));
    const oct = await open(c.now);
    oct.ledger.record(cloud());
    await oct.ledger.dispose();
    fs.writeFileSync(path.join(dir, 'ledger-2026-11.jsonl'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 97 + 13) % 256)));
    const logger = new MemoryLogger();
    c.set(at(2026, 11, 27));
    const { ledger } = await open(c.now, { logger });
    assert.ok(ledger.loadReport.skippedLines + ledger.loadReport.truncatedLines > 0);
    assert.equal(ledger.month(at(2026, 10, 20)).requests, 1, 'October is untouched');
    assert.equal(ledger.month().requests, 0);
    assert.ok(logger.lines.some((l) => l.level === 'warn' && /ledger-2026-11\.jsonl/.test(l.line)));
    ledger.record(cloud());
    await ledger.dispose();
    const again = await open(c.now);
    assert.equal(again.ledger.month().requests, 1);
    await again.ledger.dispose();
  });

  it('rejects well-formed JSON of the wrong shape (a line from something else)', async () => {
    const good = await seed(1);
    fs.writeFileSync(path.join(dir, 'ledger-2026-11.jsonl'), `${good[0]}\n{"v":1,"kind":"request","time":"yesterday"}\n[1,2,3]\nnull\n`);
    const { ledger } = await open(clock(at(2026, 11, 27, 11)).now);
    assert.equal(ledger.month().requests, 1);
    assert.equal(ledger.loadReport.skippedLines, 3);
    await ledger.dispose();
  });
});

describe('ledger: an unusable storage folder', () => {
  it('opens anyway, counts in memory, and warns instead of failing activation', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const logger = new MemoryLogger();
    const ledger = await Ledger.open({ dir: path.join(blocker, 'sub'), logger, prices: () => book, savingsModel: () => SAVINGS_MODEL, now: () => at(2026, 11, 27), timer: noTimer });
    ledger.record(cloud());
    assert.equal(ledger.session().requests, 1);
    await ledger.flush();
    assert.ok(logger.lines.some((l) => l.level === 'warn' && /cannot use/.test(l.line)));
    assert.ok(logger.lines.some((l) => l.level === 'error' && /could not write/.test(l.line)));
  });
});
