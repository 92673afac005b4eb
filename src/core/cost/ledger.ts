// The usage ledger: every request, local or cloud, with its tokens by kind, cost, latency and
// outcome, persisted in the extension's global storage (see ./ledgerStore.ts) and aggregated
// per session, per day and per month (local time), plus "saved versus sending everything to
// the reasoning model".
//
// Inline completions (purpose 'completion') are not stored one by one: they are summed into a
// per-minute rollup line per session and model (count, outcomes, tokens, cost, saving, latency
// histograms), written when the minute is over (a timer, the next record, flush or dispose).
// Aggregates include them at once. If the editor dies, at most the last minute of completion
// counts is lost; chat, Deep Debug and refactor requests are written one line each.
//
// Money is summed in integer nano-dollars and latency in mergeable histograms, so loading the
// files back (a restart) yields exactly the same aggregates.
import { randomUUID } from 'node:crypto';
import type { ChatResult, FimResult, Purpose, TierId, Usage } from '../providers/types';
import type { Logger } from '../log';
import type { PriceBook } from './prices';
import { addToHistogram } from './histogram';
import { type FeatureTable, addToFeatures, emptyFeatureTable } from './featureBreakdown';
import { type LedgerLine, type Outcome, type RequestLine, type RollupLine, dayKey, emptyTokens, monthKey } from './ledgerRecord';
import { LedgerStore, type LoadReport } from './ledgerStore';
import { type Summary, type Totals, applyLine, emptyTotals, fromNano, summarize, toNano } from './totals';

/** What the caller records for one request. */
export interface LedgerEntry {
  /** Epoch ms of the request's start; defaults to now. */
  time?: number;
  tier: TierId;
  provider: string;
  model: string;
  purpose: Purpose;
  usage: Usage;
  ttftMs?: number;
  totalMs: number;
  outcome: Outcome;
  /** The cost if the caller knows it better than the price table; null = unknown. */
  usd?: number | null;
}

export type TimerFn = (fn: () => void, ms: number) => { cancel(): void };
const defaultTimer: TimerFn = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return { cancel: () => clearTimeout(t) };
};

export interface LedgerOptions {
  /** The extension's global storage folder. */
  dir: string;
  logger: Logger;
  /** Current prices (a function, so settings overrides apply without reopening). */
  prices: () => PriceBook;
  /** The default reasoning model: local requests are priced on it for the saving. */
  savingsModel: () => string | undefined;
  now?: () => number;
  /** A fixed usage session (tests); defaults to a new id. `session` wins when given. */
  sessionId?: string;
  /**
   * The usage session activity belongs to now (./usageSession.ts: survives reloads, a new one
   * after a 30-minute break); asked at every record and read. `touch` is called after a record.
   */
  session?: { current(): string; touch(): string };
  /** How many months (this one and before) to load for the aggregates and charts. Default 2. */
  monthsToLoad?: number;
  timer?: TimerFn;
}

interface OpenRollup {
  line: RollupLine;
  usdNano: number;
  savedNano: number;
}

const MINUTE = 60_000;

export class Ledger {
  /** This ledger instance (one per window): its lines are skipped when read back from the file. */
  readonly windowId = randomUUID();
  private sessionId_: string;
  private readonly now: () => number;
  private readonly timer: TimerFn;
  private sessionTotals = emptyTotals();
  private readonly days = new Map<string, Totals>();
  private readonly dayFeatures = new Map<string, FeatureTable>();
  private readonly months = new Map<string, Totals>();
  /** Per local day: tokens of cloud requests whose price is unknown (they count against a token cap). */
  private readonly unpricedTokens = new Map<string, number>();
  private readonly rollups = new Map<string, OpenRollup>();
  private rollupTimer: { cancel(): void } | undefined;
  private readonly listeners = new Set<() => void>();
  private loadReport_: LoadReport = { files: 0, lines: 0, skippedLines: 0, truncatedLines: 0, repairedFiles: [] };

  private constructor(private readonly opts: LedgerOptions, private readonly store: LedgerStore) {
    this.sessionId_ = opts.session?.current() ?? opts.sessionId ?? randomUUID();
    this.now = opts.now ?? Date.now;
    this.timer = opts.timer ?? defaultTimer;
  }

  /** Opens the ledger in `dir`, loading (and if need be repairing) the recent months. */
  static async open(opts: LedgerOptions): Promise<Ledger> {
    const ledger = new Ledger(opts, new LedgerStore(opts.dir, opts.logger));
    await ledger.load();
    return ledger;
  }

  private async load(): Promise<void> {
    const months: string[] = [];
    const d = new Date(this.now());
    for (let i = (this.opts.monthsToLoad ?? 2) - 1; i >= 0; i--) months.push(monthKey(new Date(d.getFullYear(), d.getMonth() - i, 1).getTime()));
    const { lines, report } = await this.store.load(months);
    for (const line of lines) this.apply(line);
    this.loadReport_ = report;
  }

  /** The usage session now ("This session"). */
  get sessionId(): string {
    return this.currentSession();
  }

  /** The usage session now; when a break ended the last one, closes it and starts the new one empty. */
  private currentSession(): string {
    const id = this.opts.session?.current();
    if (id !== undefined && id !== this.sessionId_) {
      // A break ended the session: its open completion minute is written under the old id.
      this.closeRollups();
      this.sessionId_ = id;
      this.sessionTotals = emptyTotals();
    }
    return this.sessionId_;
  }

  /** What loading found: files, lines, damaged lines skipped, files repaired. */
  get loadReport(): LoadReport {
    return this.loadReport_;
  }

  /** Records one request. Synchronous and cheap; the write happens in the background. */
  record(entry: LedgerEntry): RequestLine {
    if (this.opts.session) this.opts.session.touch();
    const line = this.toLine(entry);
    this.closeRollups(Math.floor(this.now() / MINUTE) * MINUTE);
    if (entry.purpose === 'completion') this.addToRollup(line);
    else this.store.append(monthKey(line.time), JSON.stringify(line));
    this.apply(line);
    for (const l of this.listeners) l();
    return line;
  }

  private toLine(e: LedgerEntry): RequestLine {
    const u = e.usage;
    const tokens = { ...emptyTokens(), input: u.inputTokens || 0, output: u.outputTokens || 0, reasoning: u.reasoningTokens || 0, cacheRead: u.cacheReadTokens || 0, cacheWrite: u.cacheWriteTokens || 0 };
    const book = this.opts.prices();
    let usd: number | null;
    let savedUsd: number | null | undefined;
    if (e.tier === 'local') {
      usd = e.usd ?? 0;
      const would = book.costOf(this.opts.savingsModel(), u);
      savedUsd = 'usd' in would ? would.usd : null;
    } else if (e.usd !== undefined) {
      usd = e.usd;
    } else {
      const cost = book.costOf(e.model, u);
      usd = 'usd' in cost ? cost.usd : null;
    }
    const line: RequestLine = {
      v: 1, kind: 'request', time: e.time ?? this.now(), session: this.currentSession(), tier: e.tier, provider: e.provider, model: e.model,
      purpose: e.purpose, tokens, usd, totalMs: Math.max(0, e.totalMs), outcome: e.outcome, window: this.windowId,
    };
    if (savedUsd !== undefined) line.savedUsd = savedUsd;
    if (e.ttftMs !== undefined) line.ttftMs = Math.max(0, e.ttftMs);
    return line;
  }

  private addToRollup(line: RequestLine): void {
    const minute = Math.floor(line.time / MINUTE) * MINUTE;
    const key = `${minute}|${line.tier}|${line.provider}|${line.model}`;
    let r = this.rollups.get(key);
    if (!r) {
      r = {
        usdNano: 0, savedNano: 0,
        line: {
          v: 1, kind: 'rollup', time: minute, session: this.currentSession(), tier: line.tier, provider: line.provider, model: line.model,
          purpose: 'completion', window: this.windowId, tokens: emptyTokens(), count: 0, outcomes: {}, usd: 0, unknownCost: 0, savedUsd: 0, savedUnknown: 0, latency: {}, ttft: {},
        },
      };
      this.rollups.set(key, r);
      this.scheduleRollupClose();
    }
    const rl = r.line;
    rl.count++;
    rl.outcomes[line.outcome] = (rl.outcomes[line.outcome] ?? 0) + 1;
    for (const k of Object.keys(rl.tokens) as (keyof typeof rl.tokens)[]) rl.tokens[k] += line.tokens[k];
    if (line.usd === null) rl.unknownCost++; else r.usdNano += toNano(line.usd);
    if (line.savedUsd === null) rl.savedUnknown++; else if (line.savedUsd !== undefined) r.savedNano += toNano(line.savedUsd);
    if (line.outcome === 'ok') {
      addToHistogram(rl.latency, line.totalMs);
      if (line.ttftMs !== undefined) addToHistogram(rl.ttft, line.ttftMs);
    }
  }

  /** Writes the rollups of minutes that started before `beforeMinute` (all when undefined). */
  private closeRollups(beforeMinute?: number): void {
    for (const [key, r] of this.rollups) {
      if (beforeMinute !== undefined && r.line.time >= beforeMinute) continue;
      r.line.usd = fromNano(r.usdNano);
      r.line.savedUsd = fromNano(r.savedNano);
      this.store.append(monthKey(r.line.time), JSON.stringify(r.line));
      this.rollups.delete(key);
    }
    if (!this.rollups.size) { this.rollupTimer?.cancel(); this.rollupTimer = undefined; }
  }

  private scheduleRollupClose(): void {
    if (this.rollupTimer) return;
    const now = this.now();
    const wait = Math.floor(now / MINUTE) * MINUTE + MINUTE - now + 50;
    this.rollupTimer = this.timer(() => {
      this.rollupTimer = undefined;
      this.closeRollups(Math.floor(this.now() / MINUTE) * MINUTE);
      if (this.rollups.size) this.scheduleRollupClose();
    }, wait);
  }

  private apply(line: LedgerLine): void {
    if (line.session === this.sessionId_) applyLine(this.sessionTotals, line);
    const day = dayKey(line.time);
    let features = this.dayFeatures.get(day);
    if (!features) this.dayFeatures.set(day, (features = emptyFeatureTable()));
    addToFeatures(features, line);
    if (line.kind === 'request' && line.tier === 'reasoning' && line.usd === null) {
      const day = dayKey(line.time);
      const t = line.tokens;
      this.unpricedTokens.set(day, (this.unpricedTokens.get(day) ?? 0) + t.input + t.output + t.cacheRead + t.cacheWrite);
    }
    for (const [map, key] of [[this.days, dayKey(line.time)], [this.months, monthKey(line.time)]] as const) {
      let t = map.get(key);
      if (!t) map.set(key, (t = emptyTotals()));
      applyLine(t, line);
    }
  }

  /** The usage session: this window's activity and any other window's in the same stretch (it survives a reload). */
  session(): Summary {
    this.currentSession(); // a break since the last record starts a new, empty session
    return summarize(this.sessionTotals);
  }

  /** The local day containing `time` (default: today). */
  day(time = this.now()): Summary {
    return summarize(this.days.get(dayKey(time)) ?? emptyTotals());
  }

  /** The local month containing `time` (default: this month). */
  month(time = this.now()): Summary {
    return summarize(this.months.get(monthKey(time)) ?? emptyTotals());
  }

  /** Every loaded day's per-feature totals, oldest first: the usage report's breakdown. */
  featureSeries(): { day: string; features: FeatureTable }[] {
    return [...this.dayFeatures.keys()].sort().map((day) => ({ day, features: this.dayFeatures.get(day)! }));
  }

  /** Every loaded day, oldest first: the usage report's charts. */
  dailySeries(): { day: string; summary: Summary }[] {
    return [...this.days.keys()].sort().map((day) => ({ day, summary: summarize(this.days.get(day)!) }));
  }

  /**
   * Takes in what other windows recorded in this month's file since the last look, so budgets
   * hold across windows. Synchronous and cheap (a stat, and a read of only the new bytes).
   */
  refresh(): void {
    const session = this.currentSession();
    for (const line of this.store.readNewSync(monthKey(this.now()))) {
      // This window's own lines are in already. Older lines carry no window: their session tells.
      if (line.window ? line.window !== this.windowId : line.session !== session) this.apply(line);
    }
  }

  /** Cloud spend today and this month in every window (known prices), and today's unpriced tokens, for the budget guard. */
  spent(time = this.now()): { dayUsd: number; monthUsd: number; dayUnpricedTokens: number } {
    this.refresh();
    return { dayUsd: this.day(time).usd, monthUsd: this.month(time).usd, dayUnpricedTokens: this.unpricedTokens.get(dayKey(time)) ?? 0 };
  }

  /** Called after every record (to refresh the status bar). Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for queued lines to reach the disk; `rollups: true` also writes the open minute. */
  async flush(options: { rollups?: boolean } = {}): Promise<void> {
    if (options.rollups) this.closeRollups();
    await this.store.flush();
  }

  /** Writes everything (including the open completion rollups) and syncs the files. */
  async dispose(): Promise<void> {
    this.closeRollups();
    this.listeners.clear();
    await this.store.flush({ sync: true });
  }
}

/** A ledger entry from a chat/Deep Debug/refactor result. */
export function entryFromChatResult(r: ChatResult, purpose: Purpose, tier: TierId, time?: number): LedgerEntry {
  const outcome: Outcome = r.finishReason === 'aborted' ? 'aborted' : r.finishReason === 'error' ? 'error' : r.incomplete ? 'incomplete' : 'ok';
  return { time, tier, provider: r.provider, model: r.model, purpose, usage: r.usage, ttftMs: r.timeToFirstTokenMs, totalMs: r.totalMs, outcome };
}

/** A ledger entry for one inline completion from the local model. */
export function entryFromFimResult(r: FimResult, model: string, provider: string, totalMs = r.modelMs, time?: number): LedgerEntry {
  return {
    time, tier: 'local', provider, model, purpose: 'completion',
    usage: { inputTokens: r.promptTokens, outputTokens: r.generatedTokens },
    totalMs, outcome: r.finishReason === 'aborted' ? 'aborted' : 'ok',
  };
}

export type { Summary, TierSummary } from './totals';
