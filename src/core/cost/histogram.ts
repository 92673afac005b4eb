// A mergeable latency histogram with logarithmic buckets (each 4% wider than the previous),
// so medians and p95s over thousands of requests cost a few hundred numbers, merge by adding
// counts (per-minute completion rollups, days, months) and come out identical after a reload.
// A percentile is reported as its bucket's upper edge: at most 4% above the true value.

const GROWTH = 1.04;
const LOG_GROWTH = Math.log(GROWTH);

/** Bucket index of a latency in ms; 0 holds everything below 1 ms. */
export function bucketOf(ms: number): number {
  if (!(ms >= 1)) return 0;
  return 1 + Math.floor(Math.log(ms) / LOG_GROWTH);
}

/** Upper edge (ms) of a bucket: the value reported for percentiles that land in it. */
export function bucketValue(bucket: number): number {
  return bucket <= 0 ? 1 : Math.pow(GROWTH, bucket);
}

/** bucket index → count; plain object so it serialises as JSON. */
export type Histogram = Record<number, number>;

export function addToHistogram(h: Histogram, ms: number, count = 1): void {
  const b = bucketOf(ms);
  h[b] = (h[b] ?? 0) + count;
}

export function mergeHistogram(into: Histogram, from: Histogram): void {
  for (const [k, v] of Object.entries(from)) {
    const b = Number(k);
    if (Number.isInteger(b) && b >= 0 && typeof v === 'number' && v > 0) into[b] = (into[b] ?? 0) + v;
  }
}

export function histogramCount(h: Histogram): number {
  let n = 0;
  for (const v of Object.values(h)) n += v;
  return n;
}

/** Nearest-rank percentile (q in 0..1), rounded to 0.1 ms; undefined when empty. */
export function histogramPercentile(h: Histogram, q: number): number | undefined {
  const total = histogramCount(h);
  if (!total) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  const buckets = Object.keys(h).map(Number).sort((a, b) => a - b);
  let seen = 0;
  for (const b of buckets) {
    seen += h[b];
    if (seen >= rank) return Math.round(bucketValue(b) * 10) / 10;
  }
  return Math.round(bucketValue(buckets[buckets.length - 1]) * 10) / 10;
}

/** Exact nearest-rank percentile of raw values (for the rolling window). */
export function percentile(values: readonly number[], q: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
