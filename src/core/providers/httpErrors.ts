// What went wrong with a call to a reasoning provider, decided from whatever the SDK threw.
// Pure: duck-typed on the fields both SDKs put on their errors (status, headers, error body,
// cause chain with a Node error code), so no SDK class is needed to classify.

export type FailureKind =
  | 'auth' // 401/403: the key is wrong or lacks permission
  | 'rate-limit' // 429
  | 'overloaded' // Anthropic 529 / overloaded_error
  | 'server' // 500/502/503/504/408, api_error
  | 'bad-request' // 400/404/413/422: the request itself is wrong (model name, size)
  | 'network' // the server could not be reached (refused, DNS, TLS)
  | 'timeout' // the server did not answer in time
  | 'stream-cut' // the response started, then broke (reset, malformed event, error event)
  | 'aborted' // the user cancelled
  | 'unknown';

export interface Failure {
  kind: FailureKind;
  status?: number;
  /** How long the server asked us to wait, from `retry-after-ms` / `retry-after`. */
  retryAfterMs?: number;
  /** `x-should-retry` when the server sent it. */
  shouldRetry?: boolean;
  /** The provider's own explanation (not yet redacted). */
  providerMessage?: string;
  /** A Node error code such as ECONNREFUSED, when there was one. */
  code?: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ESOCKETTIMEDOUT']);
const CUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_ABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

type HeaderSource = { get(name: string): string | null } | Record<string, unknown> | undefined | null;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const rec = headers as Record<string, unknown>;
  const hit = Object.keys(rec).find((k) => k.toLowerCase() === name);
  const value = hit === undefined ? undefined : rec[hit];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The wait a server asked for, in ms: `retry-after-ms` (milliseconds) first, then `retry-after`
 * as seconds or as an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const ra = header(headers, 'retry-after');
  if (ra === undefined || ra.trim() === '') return undefined;
  const seconds = Number(ra);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(ra);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return undefined;
}

/** Every object in an error's cause chain (bounded, cycle-safe). */
function causeChain(error: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let current: unknown = error;
  for (let i = 0; i < 6 && current && typeof current === 'object' && !out.includes(current as Record<string, unknown>); i++) {
    out.push(current as Record<string, unknown>);
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** The provider's error body, as both SDKs keep it: `{ error: { type, message } }` or `{ type, message }`. */
function providerError(error: Record<string, unknown>): { type?: string; message?: string; code?: string } {
  const body = error.error as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return {};
  const inner = (body.error && typeof body.error === 'object' ? body.error : body) as Record<string, unknown>;
  return { type: str(inner.type), message: str(inner.message), code: str(inner.code) };
}

function kindForStatus(status: number): FailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate-limit';
  if (status === 529) return 'overloaded';
  if (status === 408 || status === 409 || status >= 500) return 'server';
  if (status >= 400) return 'bad-request';
  return 'unknown';
}

function kindForType(type: string | undefined): FailureKind | undefined {
  switch (type) {
    case 'overloaded_error': return 'overloaded';
    case 'rate_limit_error': return 'rate-limit';
    case 'api_error': case 'server_error': return 'server';
    case 'authentication_error': case 'permission_error': return 'auth';
    case 'invalid_request_error': case 'not_found_error': case 'request_too_large': return 'bad-request';
    default: return undefined;
  }
}

/** Classifies anything an SDK call or a stream iteration threw. */
export function classifyFailure(error: unknown): Failure {
  const chain = causeChain(error);
  const top = chain[0] ?? {};
  const name = str(top.name) ?? '';
  if (name === 'AbortError' || name === 'APIUserAbortError') return { kind: 'aborted' };

  const status = typeof top.status === 'number' ? top.status : undefined;
  const body = providerError(top);
  const providerMessage = body.message ?? (status === undefined ? undefined : str(top.message));
  const headers = top.headers as HeaderSource;
  const retryAfterMs = parseRetryAfter(headers);
  const should = header(headers, 'x-should-retry');
  const shouldRetry = should === 'true' ? true : should === 'false' ? false : undefined;
  const extra = { retryAfterMs, shouldRetry, providerMessage };

  if (status !== undefined) return { kind: kindForType(body.type) === 'overloaded' ? 'overloaded' : kindForStatus(status), status, ...extra };

  // An error event inside a 200 stream (Anthropic `event: error`, OpenAI `{error}` chunk).
  const byType = kindForType(body.type);
  if (byType) return { kind: byType, ...extra };

  for (const link of chain) {
    const code = str(link.code) ?? str(link.errno);
    if (!code) continue;
    if (NETWORK_CODES.has(code)) return { kind: 'network', code };
    if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', code };
    if (CUT_CODES.has(code)) return { kind: 'stream-cut', code };
  }
  if (name === 'APIConnectionTimeoutError' || /timed? ?out/i.test(str(top.message) ?? '')) return { kind: 'timeout' };
  if (name === 'SyntaxError' || /malformed|Unexpected token|JSON/i.test(str(top.message) ?? '')) return { kind: 'stream-cut', code: 'MALFORMED' };
  if (/terminated|socket hang up|other side closed|premature/i.test(chain.map((c) => str(c.message) ?? '').join(' '))) return { kind: 'stream-cut' };
  if (name === 'APIConnectionError') return { kind: 'network' };
  return { kind: 'unknown', providerMessage: str(top.message) };
}

/** Words for a Node error code in a sentence ("connection refused"). */
export function describeCode(code: string | undefined): string | undefined {
  switch (code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'host not found';
    case 'EHOSTUNREACH': case 'ENETUNREACH': case 'ENETDOWN': return 'network unreachable';
    case 'ETIMEDOUT': case 'UND_ERR_CONNECT_TIMEOUT': case 'UND_ERR_HEADERS_TIMEOUT': case 'ESOCKETTIMEDOUT': return 'timed out';
    case 'ECONNRESET': case 'UND_ERR_SOCKET': case 'EPIPE': return 'connection reset';
    case 'MALFORMED': return 'the server sent a malformed event';
    case undefined: return undefined;
    default: return code.startsWith('CERT') || code.includes('TLS') || code.includes('VERIFY') ? 'TLS certificate problem' : code;
  }
}
