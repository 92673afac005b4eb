// Sees every HTTP request Tiered's own clients send, with its exact body: a fetch wrapper the
// reasoning SDKs (their `fetch` option), the remote local endpoint and the model downloader use.
// The workflow that caused a request is found through an AsyncLocalStorage context the Dispatcher
// opens around each provider call, so a request made from anywhere else is still seen (and
// recorded as unattributed) rather than missed.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface WireRequest {
  at: number;
  url: string;
  method: string;
  /** The exact body as sent (UTF-8 text); '' for none. */
  body: string;
  bytes: number;
}

/** What the Dispatcher (or another caller) is doing while a request leaves: collects its wire requests. */
export interface EgressScope {
  wire: WireRequest[];
}

const scopes = new AsyncLocalStorage<EgressScope>();

/** Runs `fn` with `scope` collecting every wire request made inside it (across awaits). */
export function withEgressScope<T>(scope: EgressScope, fn: () => Promise<T>): Promise<T> {
  return scopes.run(scope, fn);
}

type Fetch = typeof fetch;

/** Body text of a fetch init, as sent. Streams and forms are not used by Tiered's clients; they are noted, not read. */
function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return `[${Object.prototype.toString.call(body)} body]`;
}

/**
 * A fetch that reports each request (before it is sent) to the current scope, or to `unscoped`
 * when no scope is open (a request nothing attributed: recorded all the same).
 */
export function tapFetch(inner: Fetch, unscoped: (r: WireRequest) => void): Fetch {
  return (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET');
    const body = bodyText(init?.body);
    const r: WireRequest = { at: Date.now(), url, method, body, bytes: Buffer.byteLength(body, 'utf8') };
    const scope = scopes.getStore();
    if (scope) scope.wire.push(r);
    else unscoped(r);
    return inner(input, init);
  }) as Fetch;
}
