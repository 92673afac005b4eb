// Content that never leaves the machine stays withheld in every later turn. A chip withheld by
// tiered.privacy.neverSend (say .env) may be shown to the local model; its answer can quote a line
// or a value, and the next answer can quote that answer. So every message bound for anything but
// the local tier is scrubbed of what the withheld content contains: its lines, the values of its
// `NAME=value` / `name: value` lines, and its long tokens. Then secrets are redacted.
import { redact } from '../redact';
import type { ChatMessage } from '../providers/types';
import type { Conversation } from './types';

export const WITHHELD = '[withheld]';

const MIN_LINE = 8; // shorter lines ('}', 'end') are too common to mean anything
const MIN_VALUE = 4;
const MIN_TOKEN = 10;
const ASSIGNMENT = /^\s*(?:export\s+)?["']?[\w.-]+["']?\s*(?::=|=>|[:=])\s*(.*?)\s*[,;]?\s*$/;

/** The fragments of `contents` that a later message must not reproduce, longest first. */
export function withheldFragments(contents: readonly string[]): string[] {
  const out = new Set<string>();
  for (const content of contents) {
    for (const raw of content.split(/\r?\n/)) {
      const line = raw.trim();
      if (line.length >= MIN_LINE) out.add(line);
      const value = ASSIGNMENT.exec(line)?.[1]?.replace(/^(["'`])(.*)\1$/, '$2');
      if (value && value.length >= MIN_VALUE) out.add(value);
      for (const token of line.split(/[\s"'`=:,;()[\]{}<>]+/)) if (token.length >= MIN_TOKEN) out.add(token);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

const SPLIT = /([\s"'`=:,;()[\]{}<>]+)/;
/** Above this many fragments, whole lines and tokens are looked up in a set instead of searched for. */
const SEARCH_LIMIT = 400;

/** Replaces every withheld fragment in `text` with [withheld]. */
export function scrubWithheld(text: string, fragments: readonly string[]): string {
  if (fragments.length === 0) return text;
  if (fragments.length <= SEARCH_LIMIT) {
    let out = text;
    for (const f of fragments) if (out.includes(f)) out = out.split(f).join(WITHHELD);
    return out;
  }
  // A large withheld file: linear in the text, whatever the number of fragments.
  const known = new Set(fragments);
  return text.split('\n').map((line) => {
    if (known.has(line.trim())) return WITHHELD;
    return line.split(SPLIT).map((part) => (known.has(part) ? WITHHELD : part)).join('');
  }).join('\n');
}

/** The content of every chip of `c` that neverSend withholds from the cloud. */
export function withheldContents(c: Conversation): string[] {
  const out: string[] = [];
  for (const t of c.turns) if (t.role === 'user') for (const chip of t.context) if (chip.excludedReason && chip.content) out.push(chip.content);
  return out;
}

/** Messages that may reach the cloud: withheld content scrubbed, then secrets redacted. */
export function forCloud(messages: readonly ChatMessage[], c: Conversation): ChatMessage[] {
  const fragments = withheldFragments(withheldContents(c));
  return messages.map((m) => ({ ...m, content: redact(scrubWithheld(m.content, fragments)).text }));
}
