// Every tool result passes the rules evidence passes: workspace-relative paths only (no absolute
// paths, no '..', nothing under .git), nothing from a tiered.privacy.neverSend file, key-like
// strings redacted (src/core/debug/privacy → src/core/redact), and a size cap.
import { redactEvidence } from '../debug/privacy';

export interface ToolPolicy {
  isNeverSend: (path: string) => boolean;
  /** Exact secrets (the stored API keys) to redact wherever they appear. */
  knownSecrets: readonly string[];
  /** Characters of one tool result sent to the model at most. */
  maxResultChars: number;
}

export const DEFAULT_MAX_RESULT_CHARS = 12_000;

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

/** A path argument as a workspace-relative path, or why it is refused. */
export function workspacePath(raw: unknown, policy: Pick<ToolPolicy, 'isNeverSend'>): PathCheck {
  if (typeof raw !== 'string' || !raw.trim()) return { ok: false, reason: 'a workspace-relative path is required' };
  const p = raw.trim().replace(/\\/g, '/').replace(/^\.\/+/, '');
  if (p.includes('\0')) return { ok: false, reason: 'the path is not valid' };
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.startsWith('~')) return { ok: false, reason: `${p} is not a workspace-relative path; only files inside the workspace can be read` };
  const parts = p.split('/').filter((s) => s && s !== '.');
  if (parts.includes('..')) return { ok: false, reason: `${p} leaves the workspace ('..'); only files inside it can be read` };
  if (parts.includes('.git')) return { ok: false, reason: `${p} is inside .git, which tools do not read` };
  const path = parts.join('/');
  if (policy.isNeverSend(path)) return { ok: false, reason: `${path} matches tiered.privacy.neverSend: its content never leaves this machine` };
  return { ok: true, path };
}

/** Redacted text and how many secrets were removed. */
export function redact(text: string, policy: ToolPolicy): { text: string; count: number } {
  return redactEvidence(text, policy.knownSecrets);
}

/** Cut at line boundaries to `max` characters, keeping the head and the tail, saying what was cut. */
export function capText(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const lines = text.split('\n');
  const head: string[] = [];
  const tail: string[] = [];
  let size = 0;
  const budget = max - 120;
  for (let i = 0, j = lines.length - 1; i <= j;) {
    const takeHead = head.length <= tail.length * 3;
    const line = takeHead ? lines[i] : lines[j];
    if (size + line.length + 1 > budget) break;
    size += line.length + 1;
    if (takeHead) { head.push(line); i++; } else { tail.unshift(line); j--; }
  }
  const omitted = lines.length - head.length - tail.length;
  if (head.length === 0 && tail.length === 0) return { text: `${text.slice(0, budget)}\n… (${text.length - budget} characters cut at the size cap)`, cut: true };
  return { text: [...head, `… (${omitted} lines cut at the size cap) …`, ...tail].join('\n'), cut: true };
}

/** Lines numbered as in the file ("  12 | code"), from 1-based `start`. */
export function numberLines(lines: readonly string[], start: number): string {
  const width = String(start + lines.length - 1).length;
  return lines.map((l, i) => `${String(start + i).padStart(width)} | ${l}`).join('\n');
}
