// Where the learned router keeps its state, next to the ledger in the extension's global storage
// (never in the workspace, never sent anywhere): routing-model.json (the user's weights, counts
// per kind of request, overrides, the saving) and routing-signals.jsonl (one line per signal:
// time, outcome, what made it, the kind of request and its feature vector — no content).
// Several windows share the files: each save merges what this window learned since it last read
// or wrote the model into what is on disk now (weights, counts and savings add up), so one
// window's learning is not lost to another's last write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../log';
import type { RouterWeights } from './classifier';
import { LearnedRouter, type BucketCounts, type LearnedState } from './learned';
import type { SignalRecord, SignalSink } from './signals';

export const MODEL_FILE = 'routing-model.json';
export const SIGNALS_FILE = 'routing-signals.jsonl';
/** The signal log is cut to its newer half past this size. */
const MAX_SIGNAL_BYTES = 2_000_000;

export interface RoutingSavings {
  /** Chat requests the router sent to each tier (auto only). */
  local: number;
  reasoning: number;
  /** What the local ones would have cost on the reasoning model, less those escalated anyway. */
  savedUsd: number;
  /** Local answers whose reasoning cost is unknown (unpriced model). */
  unpriced: number;
}

export interface Saved {
  version: 1;
  learned: LearnedState;
  savings: RoutingSavings;
}

const emptySavings = (): RoutingSavings => ({ local: 0, reasoning: 0, savedUsd: 0, unpriced: 0 });

export class RoutingStore implements SignalSink {
  readonly learner: LearnedRouter;
  savings: RoutingSavings;
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  /** The model as this window last read or wrote it: what the next save's delta is taken against. */
  private base: Saved;
  private baseText: string | undefined;
  /** A reset overwrites what is on disk instead of merging into it. */
  private resetPending = false;

  private constructor(readonly dir: string, shipped: RouterWeights, saved: Saved | undefined, savedText: string | undefined, private readonly log: Logger) {
    this.learner = new LearnedRouter(shipped, saved?.learned);
    this.savings = saved?.savings ? { ...emptySavings(), ...saved.savings } : emptySavings();
    this.base = this.snapshot();
    this.baseText = saved ? savedText : undefined;
  }

  static async open(dir: string, shipped: RouterWeights, log: Logger): Promise<RoutingStore> {
    let saved: Saved | undefined;
    let text: string | undefined;
    try {
      text = await fs.promises.readFile(path.join(dir, MODEL_FILE), 'utf8');
      const parsed = JSON.parse(text) as Saved;
      if (fits(parsed, shipped.weights.length)) saved = parsed;
      else log.warn('Routing: the saved routing model does not fit this version; starting from the shipped one.');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`Routing: could not read ${MODEL_FILE} (${(e as Error).message}); starting from the shipped model.`);
    }
    return new RoutingStore(dir, shipped, saved, text, log);
  }

  /** Called after a signal or a routed answer changed the figures. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  record(s: SignalRecord): void {
    this.enqueue(async () => {
      const file = path.join(this.dir, SIGNALS_FILE);
      await fs.promises.appendFile(file, `${JSON.stringify(s)}\n`);
      const { size } = await fs.promises.stat(file);
      if (size > MAX_SIGNAL_BYTES) {
        const lines = (await fs.promises.readFile(file, 'utf8')).split('\n').filter(Boolean);
        await fs.promises.writeFile(file, `${lines.slice(Math.floor(lines.length / 2)).join('\n')}\n`);
      }
    });
    this.save();
  }

  routed(tier: 'local' | 'reasoning', reasoningUsd: number | undefined): void {
    this.savings[tier]++;
    if (tier === 'local') {
      if (reasoningUsd === undefined) this.savings.unpriced++;
      else this.savings.savedUsd += reasoningUsd;
    }
    this.save();
  }

  unsaved(reasoningUsd: number | undefined): void {
    if (reasoningUsd !== undefined) this.savings.savedUsd = Math.max(0, this.savings.savedUsd - reasoningUsd);
    this.save();
  }

  /** "Reset Routing": back to the shipped classifier; the signals and the figures are deleted. */
  async reset(): Promise<void> {
    this.learner.reset();
    this.savings = emptySavings();
    this.resetPending = true;
    this.enqueue(() => fs.promises.rm(path.join(this.dir, SIGNALS_FILE), { force: true }));
    this.save();
    await this.flush();
  }

  /** Resolves when everything is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }

  private save(): void {
    this.enqueue(async () => {
      const file = path.join(this.dir, MODEL_FILE);
      const onDisk = await fs.promises.readFile(file, 'utf8').catch(() => undefined);
      const mine = this.snapshot();
      let next = mine;
      if (!this.resetPending && onDisk !== undefined && onDisk !== this.baseText) {
        // Another window wrote since: add what this window learned since its base to theirs.
        let theirs: Saved | undefined;
        try { theirs = JSON.parse(onDisk) as Saved; } catch { theirs = undefined; }
        if (fits(theirs, mine.learned.weights.length)) {
          next = merge(theirs, this.base, mine);
          this.learner.load(next.learned);
          this.savings = { ...next.savings };
        }
      }
      this.resetPending = false;
      const text = JSON.stringify(next);
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await fs.promises.writeFile(tmp, text);
      await fs.promises.rename(tmp, file);
      this.base = next;
      this.baseText = text;
    });
    for (const l of this.listeners) l();
  }

  private snapshot(): Saved {
    return { version: 1, learned: this.learner.state(), savings: { ...this.savings } };
  }

  private enqueue(write: () => Promise<unknown>): void {
    this.writing = this.writing.then(async () => {
      try {
        await fs.promises.mkdir(this.dir, { recursive: true });
        await write();
      } catch (e) {
        this.log.warn(`Routing: could not save the routing state (${(e as Error).message}); it is kept in memory.`);
      }
    });
  }
}

function fits(s: Saved | undefined, n: number): s is Saved {
  return s?.version === 1 && Array.isArray(s.learned?.weights) && s.learned.weights.length === n;
}

/** theirs + (mine − base): every window's learning and figures add up. */
export function merge(theirs: Saved, base: Saved, mine: Saved): Saved {
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  const add = (t: number, b: number, m: number) => Math.max(0, t + m - b);
  const buckets: Record<string, BucketCounts> = {};
  for (const key of new Set([...Object.keys(theirs.learned.buckets ?? {}), ...Object.keys(mine.learned.buckets)])) {
    const t = theirs.learned.buckets?.[key] ?? [0, 0, 0, 0];
    const b = base.learned.buckets[key] ?? [0, 0, 0, 0];
    const m = mine.learned.buckets[key] ?? [0, 0, 0, 0];
    buckets[key] = [0, 1, 2, 3].map((i) => add(t[i], b[i], m[i])) as BucketCounts;
  }
  const ts = { ...emptySavings(), ...theirs.savings };
  return {
    version: 1,
    learned: {
      version: 1,
      weights: theirs.learned.weights.map((t, i) => round(t + mine.learned.weights[i] - base.learned.weights[i])),
      updates: add(theirs.learned.updates, base.learned.updates, mine.learned.updates),
      overrides: add(theirs.learned.overrides, base.learned.overrides, mine.learned.overrides),
      buckets,
    },
    savings: {
      local: add(ts.local, base.savings.local, mine.savings.local),
      reasoning: add(ts.reasoning, base.savings.reasoning, mine.savings.reasoning),
      savedUsd: add(ts.savedUsd, base.savings.savedUsd, mine.savings.savedUsd),
      unpriced: add(ts.unpriced, base.savings.unpriced, mine.savings.unpriced),
    },
  };
}

/** "Routing: saved ~$1.20 vs always-reasoning (34 of 41 chats local) · 3 overrides". */
export function savingsLine(s: RoutingSavings, overrides: number, fmtUsd: (usd: number) => string): string {
  const total = s.local + s.reasoning;
  if (total === 0) return `Routing: no chat routed automatically yet · ${overrides} override${overrides === 1 ? '' : 's'}`;
  const unpriced = s.unpriced ? `, ${s.unpriced} unpriced` : '';
  return `Routing: saved ~${fmtUsd(s.savedUsd)} vs always-reasoning (${s.local} of ${total} chats answered locally${unpriced}) · ${overrides} override${overrides === 1 ? '' : 's'} taught the router`;
}
