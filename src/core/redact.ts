// Secrets never reach the user, the logs, the ledger or the webview. Everything that leaves
// Tiered's hands as text for humans passes through redactSecrets first.

const KEY_PATTERNS: RegExp[] = [
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g, // Anthropic
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}/g, // OpenAI and compatibles
  /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g, // GitHub
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key id
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API key
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

const ASSIGNMENT = /\b((?:api[_-]?key|secret|token|password|passwd|authorization|auth[_-]?token|access[_-]?key)["']?\s*[:=]\s*["']?)((?:Bearer\s+)?[^\s"',;]{8,})/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;

export const REDACTED = '[redacted]';

/** Replaces key-like strings with [redacted]. `known` adds exact secrets (the stored keys). */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) {
    if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  for (const re of KEY_PATTERNS) out = out.replace(re, REDACTED);
  out = out.replace(BEARER, `$1${REDACTED}`);
  out = out.replace(ASSIGNMENT, (_m, lead: string) => `${lead}${REDACTED}`);
  return out;
}
