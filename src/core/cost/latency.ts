// Rolling latency per tier (the last N answers), for the status bar: exact median and p95 of
// what the user felt recently, next to the ledger's day/month figures.
import type { TierId } from '../providers/types';
import { percentile } from './histogram';

export interface LatencyStats {
  count: number;
  medianMs?: number;
  p95Ms?: number;
  ttftMedianMs?: number;
  lastMs?: number;
}

class Ring {
  private readonly values: number[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  push(v: number): void {
    if (this.values.length < this.size) this.values.push(v);
    else this.values[this.next] = v;
    this.next = (this.next + 1) % this.size;
  }
  all(): readonly number[] { return this.values; }
  last(): number | undefined {
    return this.values.length ? this.values[(this.next - 1 + this.size) % this.size] : undefined;
  }
}

export class RollingLatency {
  private readonly total: Record<TierId, Ring>;
  private readonly ttft: Record<TierId, Ring>;
  private latest: { tier: TierId; ms: number } | undefined;

  constructor(readonly size = 50) {
    if (!(size >= 1)) throw new RangeError('RollingLatency size must be at least 1');
    this.total = { local: new Ring(size), reasoning: new Ring(size) };
    this.ttft = { local: new Ring(size), reasoning: new Ring(size) };
  }

  /** Adds one finished answer (successful ones only: an aborted request says nothing about speed). */
  add(tier: TierId, totalMs: number, ttftMs?: number): void {
    if (!Number.isFinite(totalMs) || totalMs < 0) return;
    this.total[tier].push(totalMs);
    if (ttftMs !== undefined && Number.isFinite(ttftMs) && ttftMs >= 0) this.ttft[tier].push(ttftMs);
    this.latest = { tier, ms: totalMs };
  }

  stats(tier: TierId): LatencyStats {
    const v = this.total[tier].all();
    return {
      count: v.length,
      medianMs: percentile(v, 0.5),
      p95Ms: percentile(v, 0.95),
      ttftMedianMs: percentile(this.ttft[tier].all(), 0.5),
      lastMs: this.total[tier].last(),
    };
  }

  /** The most recent answer of any tier (the status bar's "84 ms"). */
  last(): { tier: TierId; ms: number } | undefined {
    return this.latest;
  }
}

export { formatTooltip, type TooltipInput } from './tooltip';
