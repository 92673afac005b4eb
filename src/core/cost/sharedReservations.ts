// Reservations every window sees. Each VS Code window runs its own extension host, and all of
// them share the ledger folder; a budget that counted only its own window's requests would let
// two windows each spend up to the cap. So a reservation is also written to reservations.jsonl
// beside the ledger, and the decide-and-reserve step runs under a lock file that every window
// takes (created with O_EXCL; taken over when older than STALE_MS, left by a crashed window).
// Synchronous on purpose: the budget guard decides synchronously, and these files are tiny.
import * as fs from 'node:fs';
import * as path from 'node:path';

const STALE_MS = 5_000;
const WAIT_MS = 2;
const MAX_WAIT_MS = 1_000;
/** A hold older than this is ignored (its window died without settling). */
const HOLD_TTL_MS = 15 * 60_000;
const COMPACT_BYTES = 64 * 1024;

interface Line { op: 'hold' | 'done'; id: string; usd?: number; tokens?: number; time?: number }

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

export class SharedReservations {
  private readonly file: string;
  private readonly lock: string;

  constructor(dir: string, private readonly owner: string, private readonly now: () => number = Date.now) {
    this.file = path.join(dir, 'reservations.jsonl');
    this.lock = path.join(dir, 'reservations.lock');
  }

  /** Runs `fn` holding the lock every window takes (best effort: after a second it runs anyway). */
  locked<T>(fn: () => T): T {
    const got = this.acquire();
    try {
      return fn();
    } finally {
      if (got) fs.rmSync(this.lock, { force: true });
    }
  }

  /** What other windows hold now: dollars and unpriced tokens. */
  others(): { usd: number; tokens: number } {
    let usd = 0;
    let tokens = 0;
    for (const h of this.live().values()) if (!h.id.startsWith(`${this.owner}:`)) { usd += h.usd ?? 0; tokens += h.tokens ?? 0; }
    return { usd, tokens };
  }

  hold(id: string, usd: number, tokens: number): void {
    this.write({ op: 'hold', id: `${this.owner}:${id}`, usd, tokens, time: this.now() });
  }

  done(id: string): void {
    this.locked(() => this.write({ op: 'done', id: `${this.owner}:${id}` }));
  }

  private live(): Map<string, Line> {
    const holds = new Map<string, Line>();
    let text = '';
    try { text = fs.readFileSync(this.file, 'utf8'); } catch { return holds; }
    const oldest = this.now() - HOLD_TTL_MS;
    for (const raw of text.split('\n')) {
      let l: Line;
      try { l = JSON.parse(raw) as Line; } catch { continue; }
      if (l?.op === 'hold' && typeof l.id === 'string' && (l.time ?? 0) >= oldest) holds.set(l.id, l);
      else if (l?.op === 'done') holds.delete(l.id);
    }
    if (text.length > COMPACT_BYTES) this.compact(holds);
    return holds;
  }

  /** Rewrites the file with the live holds only (callers hold the lock, so no write is lost). */
  private compact(holds: Map<string, Line>): void {
    try {
      fs.writeFileSync(this.file, [...holds.values()].map((l) => `${JSON.stringify(l)}\n`).join(''));
    } catch { /* the next compaction tries again */ }
  }

  private write(line: Line): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.appendFileSync(this.file, `${JSON.stringify(line)}\n`);
    } catch { /* counted in this window only; the ledger still holds the spend */ }
  }

  private acquire(): boolean {
    const start = Date.now();
    try { fs.mkdirSync(path.dirname(this.lock), { recursive: true }); } catch { return false; }
    for (;;) {
      try {
        fs.writeFileSync(this.lock, `${process.pid}`, { flag: 'wx' });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      }
      try {
        if (Date.now() - fs.statSync(this.lock).mtimeMs > STALE_MS) { fs.rmSync(this.lock, { force: true }); continue; }
      } catch { continue; }
      if (Date.now() - start > MAX_WAIT_MS) return false;
      sleep(WAIT_MS);
    }
  }
}
