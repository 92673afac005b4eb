/** A stretch of text to redact, and what kind of secret it is (e.g. 'aws', 'pem', 'password'). */
export interface SecretSpan {
  start: number;
  end: number;
  kind: string;
}

/** Sorts spans and merges the ones that overlap or touch (the first kind wins). */
export function mergeSpans(spans: readonly SecretSpan[]): SecretSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
