// Adaptive debounce: how long to wait after a keystroke before asking the model.
//
// The wait tracks the typing rhythm (a moving average of the gaps between keystrokes within a
// burst). While the user types fast, the next key is likely to come within that gap, so the wait
// is a bit longer than it (up to maxMs) and one generation serves the whole burst. When keys come
// slower than maxMs apart, waiting cannot catch the next key anyway, so the wait drops towards
// minMs and the suggestion comes sooner. Gaps longer than burstGapMs are pauses, not rhythm.

import type { Clock } from './types';

export interface DebounceOptions {
  minMs: number;
  maxMs: number;
  /** Before any rhythm is known. */
  initialMs: number;
  burstGapMs: number;
  /** Weight of the newest gap in the moving average. */
  smoothing: number;
  /** Wait = average gap x factor while that stays under maxMs. */
  factor: number;
}

export const DEFAULT_DEBOUNCE: DebounceOptions = { minMs: 25, maxMs: 150, initialMs: 75, burstGapMs: 1000, smoothing: 0.3, factor: 1.3 };

export class AdaptiveDebounce {
  private readonly options: DebounceOptions;
  private last?: number;
  private average?: number;
  private gap?: number;

  constructor(options: Partial<DebounceOptions> = {}) {
    this.options = { ...DEFAULT_DEBOUNCE, ...options };
  }

  /** Notes a keystroke at `timestamp` (ms). */
  record(timestamp: number): void {
    if (this.last !== undefined) {
      const gap = timestamp - this.last;
      this.gap = gap;
      if (gap >= 0 && gap < this.options.burstGapMs) {
        this.average = this.average === undefined ? gap : this.average + this.options.smoothing * (gap - this.average);
      }
    }
    this.last = timestamp;
  }

  /** Milliseconds between the last two keystrokes (undefined before the second). */
  get lastGapMs(): number | undefined { return this.gap; }

  /** Average gap between keystrokes within bursts. */
  get averageGapMs(): number | undefined { return this.average; }

  /** The wait to apply now. */
  get currentMs(): number {
    const { minMs, maxMs, initialMs, factor } = this.options;
    if (this.average === undefined) return initialMs;
    const predicted = this.average * factor;
    if (predicted <= maxMs) return Math.max(minMs, Math.round(predicted));
    if (predicted >= 2 * maxMs) return minMs;
    return Math.round(maxMs - ((predicted - maxMs) / maxMs) * (maxMs - minMs));
  }
}

/** Resolves true after `ms` on `clock`, or false as soon as `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) { resolve(false); return; }
    const onAbort = () => { clock.clearTimeout(handle); resolve(false); };
    const handle = clock.setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(true); }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
