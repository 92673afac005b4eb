// The one redaction module: every path bound for the cloud or a remote endpoint (chat, Deep
// Debug, refactor, follow-ups) and everything written for humans (logs, errors, the ledger) passes
// through it. Secrets are found three ways and merged:
//  - secretlint's recommended rule set (src/core/secrets/secretlint.ts), the maintained rules;
//  - the formats that set lacks (src/core/secrets/patterns.ts: PEM/PGP cut off, JWT, Azure, …);
//  - values of secret-named assignments (src/core/secrets/assignments.ts), judged so code stays.
// `known` adds exact strings (the stored API keys).
import { assignmentSpans } from './secrets/assignments';
import { patternSpans } from './secrets/patterns';
import { secretlintSpans } from './secrets/secretlint';
import { mergeSpans, type SecretSpan } from './secrets/span';

export const REDACTED = '[redacted]';

export interface Redaction {
  /** The text with every secret replaced by [redacted]. */
  text: string;
  /** How many secrets were replaced. */
  count: number;
  /** The kinds found, once each, sorted (e.g. ['aws', 'password']): safe to show or record. */
  kinds: string[];
}

/** Where the secrets are in `text` (merged, in order). */
export function findSecrets(text: string, known: readonly string[] = []): SecretSpan[] {
  if (!text) return [];
  const spans: SecretSpan[] = [];
  for (const secret of known) {
    if (!secret || secret.length < 6) continue;
    for (let i = text.indexOf(secret); i !== -1; i = text.indexOf(secret, i + secret.length)) spans.push({ start: i, end: i + secret.length, kind: 'api-key' });
  }
  spans.push(...secretlintSpans(text), ...patternSpans(text), ...assignmentSpans(text));
  return mergeSpans(spans);
}

/** Redacts `text`, saying how many secrets of which kinds went. */
export function redact(text: string, known: readonly string[] = []): Redaction {
  const spans = findSecrets(text, known);
  if (spans.length === 0) return { text, count: 0, kinds: [] };
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + REDACTED;
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, count: spans.length, kinds: [...new Set(spans.map((s) => s.kind))].sort() };
}

/** Replaces secrets with [redacted]. `known` adds exact secrets (the stored keys). */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  return redact(text, known).text;
}
