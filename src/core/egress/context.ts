// What a workflow sent, in the egress record's terms (files with line ranges, withheld paths,
// redactions), from the shapes the workflows already have. Structural types: no import of the
// workflows themselves.
import type { EgressContext, SentFile } from './entry';

/** Deep Debug: each kept evidence item with a path is a range of that file (startLine + its lines). */
export function debugEgressContext(
  kept: readonly { item: { path?: string; startLine?: number; text: string }; truncated: boolean }[],
  leftOut: readonly { path?: string; reason: string }[],
  redactions: number,
): EgressContext {
  const files = new Map<string, SentFile>();
  for (const k of kept) {
    const p = k.item.path;
    if (p === undefined) continue;
    const f = files.get(p) ?? { path: p, ranges: [] };
    const start = k.item.startLine ?? 1;
    const lines = k.item.text.split('\n').length - (k.item.text.endsWith('\n') ? 1 : 0);
    f.ranges!.push({ start, end: start + Math.max(0, lines - 1) });
    files.set(p, f);
  }
  const withheld = [...new Set(leftOut.filter((l) => l.reason === 'neverSend' && l.path).map((l) => l.path!))];
  return { files: [...files.values()], withheld, redactions };
}

/** Refactor: included files (whole, or an excerpt), files left out by neverSend. */
export function refactorEgressContext(
  included: readonly { path: string; truncated: boolean }[],
  omitted: readonly { path: string; why: string }[],
  redactedFiles: readonly string[],
): EgressContext {
  return {
    files: included.map((f) => (f.truncated ? { path: f.path, excerpt: true } : { path: f.path })),
    withheld: omitted.filter((o) => o.why === 'never-send').map((o) => o.path),
    redactions: redactedFiles.length,
  };
}

/** Chat: the attachments of the conversation's questions up to this one (history is sent again). */
export function chatEgressContext(
  chips: readonly { kind: string; label: string; path?: string; excludedReason?: string; content: string }[],
  redactionsIn: (text: string) => number,
): EgressContext {
  const files = new Map<string, SentFile>();
  const withheld = new Set<string>();
  let redactions = 0;
  for (const chip of chips) {
    if (chip.excludedReason) { if (chip.path) withheld.add(chip.path); continue; }
    redactions += redactionsIn(chip.content);
    if (!chip.path || chip.kind === 'problems') continue;
    const f = files.get(chip.path) ?? { path: chip.path };
    const lines = chip.kind === 'selection' ? /:(\d+)-(\d+)$/.exec(chip.label) : null;
    if (lines) (f.ranges ??= []).push({ start: Number(lines[1]), end: Number(lines[2]) });
    else delete f.ranges; // the whole file went
    files.set(chip.path, f);
  }
  return { files: [...files.values()], withheld: [...withheld], redactions };
}
