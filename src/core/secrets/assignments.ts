// Secrets known only by their name: `password: hunter2!`, `DB_PASSWORD=…`, `"client_secret": "…"`,
// `api_key = '…'`. No scanner rule set can know these by shape, so the value is judged: code
// (`token = next()`, `apiKey = config.apiKey`, `password: string`) and placeholders
// (`${TOKEN}`, `<your-key>`) stay; literal values go.
import type { SecretSpan } from './span';

const SECRET_WORD = /(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|session[_-]?key|conn(?:ection)?[_-]?string)/i;
// Names that mention a secret word but hold no secret: counts, types, labels, limits, paths.
const NOT_SECRET_NAME = /(?:tokens|tokeni[sz]|token_?(?:type|count|len|limit|id|usage|endpoint|url|uri|kind|index|pos)|max_?tokens|secret_?(?:name|ref|arn|id|path)|key_?(?:id|name|path|file|size|len|length)|(?:count|length|len|label|name|field|hint|placeholder|prompt|policy|type|types|path|file|filename|url|uri|min|max|regex|pattern|error|errors|message|visible|visibility|required|reset|expiry|expires|expires_?at|enabled|env|var|header|input|style|class|ids?|status|state|kind|mode|method|scheme|strategy|source|provider|grant|scope|validation|format)$)/i;

// name, separator (:, =, :=, =>), then a quoted or a bare value.
const ASSIGN = /(?<![\w.-])(["']?)([A-Za-z_][\w.-]{0,60})\1([ \t]*)(?::=|=>|[:=])[ \t]*(?:(["'`])([^"'`\r\n]{1,400})\4|([^\s"'`,;)\]}]{1,400}))/g;

const TYPE_WORDS = new Set(['string', 'str', 'number', 'int', 'bool', 'boolean', 'bytes', 'any', 'unknown', 'null', 'none', 'nil',
  'undefined', 'true', 'false', 'password', 'secret', 'token', 'text', 'hidden', 'required', 'optional', 'object', 'void',
  'never', 'char', 'float', 'double', 'long', 'buffer', 'uint8array', 'redacted', 'sensitive', 'masked', 'env', 'empty']);
const PLACEHOLDER = /^(?:\$\{?[\w.:-]+\}?|\$\([^)]*\)|%[\w]+%|<[^>]*>|\{\{[^}]*\}\}|\[[^\]]*\]|x{3,}|\*{3,}|\.{3,}|-+|#+|your[_-].*|my[_-].*|example.*|placeholder.*|dummy.*|\.\.\.)$/i;

function isCodeValue(value: string): boolean {
  return /[()[\]{}<>]/.test(value) // calls, indexing, generics
    || /^[$%&*!@#]/.test(value) // $VAR, &ref, *ptr, !negation, @decorator
    || /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/.test(value) // config.apiKey, process.env.TOKEN, self.token
    || /^[A-Za-z_][A-Za-z_]*\d{0,2}$/.test(value) && !/^[A-Z0-9_]{12,}$/.test(value) // identifiers: key, tok2, apiKey, Token
    || /^-?\d{1,5}$/.test(value) // small numbers: token = 0, pwd = 1234 is still a number
    || /^(?:https?|file):\/\//i.test(value) && !/:[^/@\s]+@/.test(value); // a URL without credentials
}

function isSecretValue(value: string, quoted: boolean, dotenv: boolean): boolean {
  const v = value.trim();
  if (v.length < 4 || PLACEHOLDER.test(v) || TYPE_WORDS.has(v.toLowerCase()) || v.includes('[redacted]')) return false;
  // A quoted sentence is a label or a message; 'refresh_token' or 'client-secret' is a name.
  if (quoted) return !/\s/.test(v) && !/^[a-z]+(?:[_-][a-z]+)+$/.test(v);
  if (dotenv) return true; // KEY=value in an env/properties file is data, never code
  return !isCodeValue(v);
}

/** Spans of the values of secret-named assignments. */
export function assignmentSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const m of text.matchAll(ASSIGN)) {
    const name = m[2];
    if (!SECRET_WORD.test(name) || NOT_SECRET_NAME.test(name)) continue;
    if (m[1] && m[3] && m[0].slice(m[0].indexOf(m[3]) + m[3].length).startsWith(':')) continue; // `x ? 'password' : 'y'`
    const quoted = m[5] !== undefined;
    const value = quoted ? m[5] : m[6];
    const start = m.index ?? 0;
    const lineStart = start === 0 || text[start - 1] === '\n' || /\n[ \t]*(?:export[ \t]+)?$/.test(text.slice(Math.max(0, start - 40), start));
    const dotenv = lineStart && /^[A-Z][A-Z0-9_]*$/.test(name) && !quoted && /^[A-Z][A-Z0-9_]*[ \t]*=/.test(m[0]);
    const yamlLine = lineStart && !quoted && /^["']?[\w.-]+["']?:[ \t]/.test(m[0]) && isLineEnd(text, start + m[0].length);
    if (!isSecretValue(value, quoted, dotenv || (yamlLine && !TYPE_WORDS.has(value.toLowerCase()) && !/^[A-Z][a-z]/.test(value)))) continue;
    const at = start + m[0].length - value.length - (quoted ? 1 : 0);
    spans.push({ start: at, end: at + value.length, kind: /pass|pwd/i.test(name) ? 'password' : 'named-secret' });
  }
  return spans;
}

const isLineEnd = (text: string, at: number) => /^[ \t]*(?:#.*)?(?:\r?\n|$)/.test(text.slice(at, at + 200));
