// Download progress for the UI: at most one event per interval, with a smoothed transfer rate.

export type ProgressCallback = (receivedBytes: number, totalBytes: number | undefined, bytesPerSec: number) => void;

export const PROGRESS_INTERVAL_MS = 100;

export class ProgressMeter {
  private lastAt: number;
  private lastBytes: number;
  private rate = 0;

  constructor(
    private readonly callback: ProgressCallback | undefined,
    startBytes: number,
    private readonly total: number | undefined,
    private readonly now: () => number = () => performance.now(),
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.lastAt = now();
    this.lastBytes = startBytes;
  }

  /** Called for every chunk; reports only when the interval has passed since the last report. */
  update(receivedBytes: number): void {
    const at = this.now();
    if (at - this.lastAt < this.intervalMs) return;
    this.report(receivedBytes, at);
  }

  /** The final report, whatever the time since the previous one. */
  finish(receivedBytes: number): void {
    this.report(receivedBytes, this.now());
  }

  private report(receivedBytes: number, at: number): void {
    const elapsed = at - this.lastAt;
    if (elapsed > 0) {
      const instant = ((receivedBytes - this.lastBytes) * 1000) / elapsed;
      // Exponential smoothing: steady enough for an ETA, quick to follow a change of speed.
      this.rate = this.rate === 0 ? instant : 0.3 * instant + 0.7 * this.rate;
    }
    this.lastAt = at;
    this.lastBytes = receivedBytes;
    this.callback?.(receivedBytes, this.total, Math.max(0, Math.round(this.rate)));
  }
}
