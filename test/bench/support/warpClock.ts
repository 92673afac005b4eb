// A clock for the typing replay: real time while the model works, skipped time while nothing
// does. now() is performance.now() plus the idle time skipped so far, so every duration the
// scheduler measures (its own code, IPC, model) is real; only the typist's pauses and the
// debounce/orphan timers that fall in an idle stretch are jumped over instead of slept through.
//
// advance(ms) is the typist's pause before the next keystroke: while `busy()` (a generation is
// in the worker) time passes for real; when nothing runs, the clock jumps to the next due timer
// or to the end of the pause, fires what is due, lets promises settle and looks again.
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../../src/core/completion/types';

interface Timer { id: number; at: number; callback: () => void }

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface BusySource {
  /** True while some real work (a model call) is in flight. */
  busy(): boolean;
  /** Resolves when the work in flight ends (at once when idle). */
  idle(): Promise<void>;
}

export class WarpClock implements Clock {
  private skipped = 0;
  private timers: Timer[] = [];
  private nextId = 1;
  private realTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly work: BusySource) {}

  now(): number { return performance.now() + this.skipped; }

  /** Idle time jumped over so far, ms. */
  get skippedMs(): number { return this.skipped; }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.now() + Math.max(0, ms), callback };
    this.timers.push(timer);
    this.arm();
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Lets `ms` of typist time pass (see the header). */
  async advance(ms: number): Promise<void> {
    const target = this.now() + ms;
    for (;;) {
      await macrotask();
      this.fireDue();
      this.arm();
      await macrotask();
      const now = this.now();
      if (now >= target) return;
      const next = Math.min(target, this.nextDue() ?? Infinity);
      if (this.work.busy()) {
        // Real work: wait for real, until it ends or the next timer/the target comes.
        await Promise.race([this.work.idle(), new Promise<void>((r) => setTimeout(r, Math.max(0, next - now)))]);
      } else if (next > now) {
        this.skipped += next - now;
      }
    }
  }

  private nextDue(): number | undefined {
    let at: number | undefined;
    for (const t of this.timers) if (at === undefined || t.at < at) at = t.at;
    return at;
  }

  private fireDue(): void {
    for (;;) {
      const now = this.now();
      const due = this.timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) return;
      this.timers = this.timers.filter((t) => t !== due);
      due.callback();
    }
  }

  /** Timers also fire in real time (while the model runs and advance() waits for real). */
  private arm(): void {
    if (this.realTimer) clearTimeout(this.realTimer);
    const at = this.nextDue();
    if (at === undefined) return;
    this.realTimer = setTimeout(() => { this.realTimer = undefined; this.fireDue(); this.arm(); }, Math.max(0, at - this.now()));
    this.realTimer.unref();
  }
}
