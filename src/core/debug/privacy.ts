// What never leaves the machine: files matching tiered.privacy.neverSend, and key-like strings
// anywhere in the evidence (redacted with src/core/redact, the one redaction module).
import { redact } from '../redact';

/** Decides whether a workspace-relative path must never be sent. */
export type NeverSendPredicate = (path: string) => boolean;

// One glob matcher for every workflow (chat, Deep Debug, refactor): src/core/refactor/neverSend.ts.
export { globToRegExp, neverSendMatcher } from '../refactor/neverSend';

/** Redacts key-like strings (the one redaction module, src/core/redact); returns the text and how many were replaced. */
export function redactEvidence(text: string, knownSecrets: readonly string[] = []): { text: string; count: number } {
  const r = redact(text, knownSecrets);
  return { text: r.text, count: r.count };
}
