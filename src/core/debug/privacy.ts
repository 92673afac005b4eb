// What never leaves the machine: files matching tiered.privacy.neverSend, and key-like strings
// anywhere in the evidence (redacted with src/core/redact plus a few patterns for config files).
import { REDACTED, redactSecrets } from '../redact';

/** Decides whether a workspace-relative path must never be sent. */
export type NeverSendPredicate = (path: string) => boolean;

// One glob matcher for every workflow (chat, Deep Debug, refactor): src/core/refactor/neverSend.ts.
export { globToRegExp, neverSendMatcher } from '../refactor/neverSend';

// Config-file assignments the shared patterns miss: DB_PASSWORD=..., STRIPE_SECRET_KEY: ...,
// JWTs, and passwords inside connection strings.
const ENV_ASSIGNMENT = /\b([A-Z0-9_.-]*(?:KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|CREDENTIALS?)[A-Z0-9_]*["']?\s*[:=]\s*["']?)([^\s"'`,;]{6,})/g;
// clientSecret = "…", authToken: '…' : only string literals that look random.
const CAMEL_ASSIGNMENT = /\b([a-z][A-Za-z0-9]*(?:Key|Secret|Token|Password|Passwd)["']?\s*[:=]\s*)(["'`])([^"'`\s]{12,})\2/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]{3,})(@)/gi;

// The shared pattern for `token = value` also catches code (`token = this.lexer.next()`): such
// unquoted code values are set aside before redactSecrets runs and put back after.
const CODE_ASSIGNMENT = /\b((?:api[_-]?key|secret|token|password|passwd|authorization|auth[_-]?token|access[_-]?key)\s*[:=]\s*)([^\s"'`,;]{8,})/gi;
const HOLD = '\u0000';

function protectCode(text: string): { text: string; held: string[] } {
  const held: string[] = [];
  const out = text.replace(CODE_ASSIGNMENT, (m, lead: string, value: string) => {
    if (!isPlainCode(value)) return m;
    held.push(value);
    return `${lead}${HOLD}${held.length - 1}${HOLD}`;
  });
  return { text: out, held };
}

/** Puts the held code values back, themselves redacted (a key can hide inside a call). */
const restore = (text: string, held: readonly string[], known: readonly string[]) =>
  (held.length ? text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => redactSecrets(held[Number(i)], known)) : text);

/** Redacts key-like strings; returns the text and how many were replaced. */
export function redactEvidence(text: string, knownSecrets: readonly string[] = []): { text: string; count: number } {
  const protectedText = protectCode(text);
  let out = redactSecrets(protectedText.text, knownSecrets);
  out = out.replace(JWT, REDACTED);
  out = out.replace(URL_PASSWORD, `$1${REDACTED}$3`);
  out = out.replace(ENV_ASSIGNMENT, (m, lead: string, value: string) => (value.startsWith(REDACTED) || isPlainCode(value) ? m : `${lead}${REDACTED}`));
  out = out.replace(CAMEL_ASSIGNMENT, (m, lead: string, q: string, value: string) => (/[A-Za-z]/.test(value) && /\d/.test(value) && !value.includes(REDACTED) ? `${lead}${q}${REDACTED}${q}` : m));
  out = restore(out, protectedText.held, knownSecrets);
  const count = out.split(REDACTED).length - text.split(REDACTED).length;
  return { text: out, count: Math.max(0, count) };
}

/** Values that are code, not secrets: `token = this.next()`, `key: keyOf(item)`, `tokens.length`. */
function isPlainCode(value: string): boolean {
  return /[()[\]{}]/.test(value) || /^(?:this|self|props|process|os|env|null|undefined|true|false|None|new|await)\b/.test(value) || /^[a-z][A-Za-z]*\.[A-Za-z_.]+$/.test(value);
}
