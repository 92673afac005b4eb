// "This session" of the usage report and the status bar tooltip: a stretch of activity with no
// gap longer than SESSION_GAP_MS. It survives a window reload (the record is kept by the
// adapter in VS Code's globalState, shared by the windows), and a new one starts after a
// break. Pure apart from the store the caller passes in.

export const SESSION_GAP_MS = 30 * 60_000;
/** Activity is written back at most this often (every completion records; the store need not). */
export const TOUCH_WRITE_MS = 60_000;

export interface SessionRecord {
  id: string;
  startedAt: number;
  lastActivity: number;
}

export interface SessionStore {
  get(): unknown;
  set(record: SessionRecord): void;
}

export function parseSessionRecord(v: unknown): SessionRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  return typeof o.id === 'string' && o.id && num(o.startedAt) && num(o.lastActivity) ? { id: o.id, startedAt: o.startedAt as number, lastActivity: o.lastActivity as number } : undefined;
}

/** The stored session still runs at `now` when its last activity was at most the gap ago (and not in the future by more than the gap: a clock change). */
export function isRunning(r: SessionRecord | undefined, now: number, gapMs = SESSION_GAP_MS): r is SessionRecord {
  return !!r && Math.abs(now - r.lastActivity) <= gapMs;
}

export class UsageSession {
  /** The last activity seen in this window (the store is written back at most once a minute). */
  private mine: SessionRecord | undefined;
  /** The id a new session will have when activity comes (no session runs now). */
  private fresh: string | undefined;
  private lastWrite = -Infinity;

  constructor(
    private readonly store: SessionStore,
    private readonly newId: () => string,
    private readonly now: () => number = Date.now,
    private readonly gapMs = SESSION_GAP_MS,
  ) {}

  /** The latest session known: this window's or another window's, whichever saw activity last. */
  private latest(): SessionRecord | undefined {
    const stored = parseSessionRecord(this.store.get());
    const mine = this.mine;
    if (!stored || !mine) return stored ?? mine;
    if (stored.id === mine.id) return { ...stored, lastActivity: Math.max(stored.lastActivity, mine.lastActivity) };
    return stored.lastActivity >= mine.lastActivity ? stored : mine;
  }

  /** The session activity at this moment belongs to. Read-only: a new session starts at the next touch(). */
  current(): string {
    const l = this.latest();
    if (isRunning(l, this.now(), this.gapMs)) return l.id;
    return (this.fresh ??= this.newId());
  }

  /** Records activity now: continues the running session or starts one, and writes it back (at most once a minute). */
  touch(): string {
    const now = this.now();
    const l = this.latest();
    const running = isRunning(l, now, this.gapMs);
    const id = running ? l.id : (this.fresh ??= this.newId());
    this.mine = { id, startedAt: running ? l.startedAt : now, lastActivity: now };
    this.fresh = undefined;
    const stored = parseSessionRecord(this.store.get());
    if (stored?.id !== id || now - this.lastWrite >= TOUCH_WRITE_MS) {
      this.store.set(this.mine);
      this.lastWrite = now;
    }
    return id;
  }
}
