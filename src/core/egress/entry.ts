// One request that left the machine, as the egress record keeps it: when, where (host), why
// (workflow and the router's reason), which files and ranges, how many bytes, what was redacted or
// withheld, the cost, and the exact body (shown on demand).
import type { WireRequest } from './wireTap';

export interface SentFile {
  path: string;
  /** 1-based inclusive line ranges sent; absent = the whole file. */
  ranges?: { start: number; end: number }[];
  /** Only part of the file was sent (cut to fit), ranges unknown. */
  excerpt?: boolean;
}

/** What a workflow tells the record about a request (the Dispatcher adds the rest). */
export interface EgressContext {
  files?: SentFile[];
  /** Paths kept back by tiered.privacy.neverSend. */
  withheld?: string[];
  /** How many key-like strings were replaced before sending (for a refactor: how many files had some). */
  redactions?: number;
}

export interface EgressEntry {
  id: string;
  /** ISO time the request was sent. */
  at: string;
  host: string;
  url: string;
  /** 'chat' | 'deep-debug' | 'refactor' | 'completion' | 'model-download' | 'unattributed' ... */
  workflow: string;
  /** The router's one-line reason, when a router decided. */
  reason?: string;
  provider?: string;
  model?: string;
  files: SentFile[];
  withheld: string[];
  redactions: number;
  bytes: number;
  /** USD, null when unknown (unpriced model), 0 for free. */
  usd: number | null;
  /** 'ok', 'error', 'aborted'... */
  outcome: string;
  /** Several wire requests for one answer (retries) are one entry each; this counts the attempt. */
  attempt: number;
  /** The exact request body as sent. */
  body: string;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 200);
  }
}

let counter = 0;
export function newEntryId(now = Date.now()): string {
  return `${now.toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** One entry per wire request of an answer; the cost goes on the last attempt (the one that answered). */
export function entriesFor(wire: readonly WireRequest[], info: Omit<EgressEntry, 'id' | 'at' | 'host' | 'url' | 'bytes' | 'body' | 'attempt' | 'files' | 'withheld' | 'redactions'> & EgressContext): EgressEntry[] {
  return wire.map((w, i) => ({
    id: newEntryId(w.at),
    at: new Date(w.at).toISOString(),
    host: hostOf(w.url),
    url: w.url,
    workflow: info.workflow,
    ...(info.reason ? { reason: info.reason } : {}),
    ...(info.provider ? { provider: info.provider } : {}),
    ...(info.model ? { model: info.model } : {}),
    files: info.files ?? [],
    withheld: info.withheld ?? [],
    redactions: info.redactions ?? 0,
    bytes: w.bytes,
    usd: i === wire.length - 1 ? info.usd : 0,
    outcome: i === wire.length - 1 ? info.outcome : 'retried',
    attempt: i + 1,
    body: w.body,
  }));
}
