// The egress record in words, for the "Show What Left This Machine" view: one line per day, a
// summary per request, and a day as a document.
import type { EgressEntry } from './entry';
import type { DaySummary } from './store';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatUsd(usd: number | null): string {
  if (usd === null) return 'cost unknown';
  return usd === 0 ? '$0' : `$${usd.toFixed(usd < 0.01 ? 4 : 2)}`;
}

export function dayLine(s: DaySummary): string {
  return `${s.requests} request${s.requests === 1 ? '' : 's'} · ${formatBytes(s.bytes)} · ${formatUsd(s.usd)} · ${s.hosts.join(', ') || 'no host'}`;
}

export function filesLine(e: EgressEntry): string {
  if (e.files.length === 0) return 'no workspace files named';
  return e.files.map((f) => (f.excerpt ? `${f.path} (an excerpt)` : f.ranges?.length ? `${f.path} (lines ${f.ranges.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(', ')})` : `${f.path} (whole file)`)).join(', ');
}

export function entryLine(e: EgressEntry): string {
  const time = new Date(e.at).toLocaleTimeString('en-GB', { hour12: false });
  return `${time} ${e.workflow} → ${e.host} · ${formatBytes(e.bytes)} · ${formatUsd(e.usd)}`;
}

/** The summary of one request, as markdown, without the body. */
export function describeEntry(e: EgressEntry): string {
  const rows = [
    `### ${new Date(e.at).toLocaleString('en-GB', { hour12: false })} — ${e.workflow} → ${e.host}`,
    '',
    `- **Where:** ${e.url}${e.provider ? ` (${e.provider}${e.model ? `, ${e.model}` : ''})` : ''}`,
    `- **Why:** ${e.workflow}${e.reason ? ` — ${e.reason}` : ''}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`,
    `- **Files:** ${filesLine(e)}`,
    `- **Size:** ${formatBytes(e.bytes)}`,
    `- **Redacted:** ${e.redactions} key-like string${e.redactions === 1 ? '' : 's'} · **Withheld (neverSend):** ${e.withheld.length ? e.withheld.join(', ') : 'none'}`,
    `- **Cost:** ${formatUsd(e.usd)} · **Outcome:** ${e.outcome}`,
  ];
  return rows.join('\n');
}

/** A whole day as one markdown document (no bodies: those are shown one at a time, on demand). */
export function describeDay(day: string, entries: readonly EgressEntry[]): string {
  if (entries.length === 0) return `# What left this machine on ${day}\n\nNothing.\n`;
  return [`# What left this machine on ${day}`, '', `${entries.length} request(s). Exact request bodies: run *Tiered: Show What Left This Machine* and pick a request.`, '', ...entries.map((e) => `${describeEntry(e)}\n`)].join('\n');
}
