// The egress record on disk: one JSON line per request, one file per local day
// (egress/YYYY-MM-DD.jsonl) in the extension's own storage. Nothing here is ever sent anywhere.
// Days older than `keepDays` are removed; the user can clear everything.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { EgressEntry } from './entry';

export interface DaySummary {
  day: string;
  requests: number;
  bytes: number;
  /** null when some request's cost is unknown. */
  usd: number | null;
  hosts: string[];
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export class EgressStore {
  /** The folder of the day files. */
  readonly dir: string;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(storageDir: string, private readonly keepDays = 30) {
    this.dir = path.join(storageDir, 'egress');
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends entries (serialised, so concurrent appends from one window never interleave). */
  append(entries: readonly EgressEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const next = this.chain.then(async () => {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      const byDay = new Map<string, string[]>();
      for (const e of entries) byDay.set(localDay(e.at), [...(byDay.get(localDay(e.at)) ?? []), JSON.stringify(e)]);
      for (const [day, lines] of byDay) await fs.appendFile(path.join(this.dir, `${day}.jsonl`), `${lines.join('\n')}\n`, { mode: 0o600 });
      await this.prune();
    });
    this.chain = next.catch(() => undefined);
    return next.then(() => { for (const l of this.listeners) l(); });
  }

  /** Resolves once every append so far is on disk. */
  async flush(): Promise<void> {
    await this.chain;
  }

  /** Days with a record, newest first. */
  async days(): Promise<string[]> {
    await this.chain;
    return this.listDays();
  }

  private async listDays(): Promise<string[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names.map((n) => DAY_FILE.exec(n)?.[1]).filter((d): d is string => d !== undefined).sort().reverse();
  }

  /** A day's entries, oldest first; lines that do not parse are skipped. */
  async entries(day: string): Promise<EgressEntry[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return [];
    await this.chain;
    const text = await fs.readFile(path.join(this.dir, `${day}.jsonl`), 'utf8').catch(() => '');
    const out: EgressEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try { out.push(JSON.parse(line) as EgressEntry); } catch { /* a torn last line */ }
    }
    return out;
  }

  async summary(day: string): Promise<DaySummary> {
    const list = await this.entries(day);
    const unknown = list.some((e) => e.usd === null);
    return {
      day, requests: list.length, bytes: list.reduce((n, e) => n + e.bytes, 0),
      usd: unknown ? null : list.reduce((n, e) => n + (e.usd ?? 0), 0), hosts: [...new Set(list.map((e) => e.host))],
    };
  }

  /** Removes the whole record. */
  async clear(): Promise<void> {
    await this.chain;
    await fs.rm(this.dir, { recursive: true, force: true });
    for (const l of this.listeners) l();
  }

  private async prune(): Promise<void> {
    const days = await this.listDays();
    for (const day of days.slice(this.keepDays)) await fs.rm(path.join(this.dir, `${day}.jsonl`), { force: true });
  }
}
