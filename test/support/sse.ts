// Shared machinery of the loopback provider servers (fakeAnthropic.ts, fakeOpenAI.ts): a real
// HTTP server on 127.0.0.1, per-request scripts (answer, thinking, usage, faults), a record of
// every request received, SSE writing with resets / stalls / malformed events, and a control
// endpoint plus CLI so extension-host and UI tests can drive a server from another process.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Token counts a reply reports. `input` excludes cached/cache-written prompt tokens; `output` includes reasoning. */
export interface FakeUsage { input?: number; output?: number; cacheRead?: number; cacheWrite?: number; reasoning?: number }

/**
 * How a stream is cut after `after` answer deltas (thinking + text): 'reset' drops the connection
 * mid-body (the client has what was sent, then a socket error); 'rst' sends a TCP RST at once
 * (the kernel may discard data the client had not read yet); 'stall' goes silent; 'malformed'
 * sends a broken event; 'end' closes cleanly without the end marker; 'error-event' sends the
 * provider's in-stream error (Anthropic `event: error`, OpenAI `{error}` chunk).
 */
export type FakeCut = 'reset' | 'rst' | 'stall' | 'malformed' | 'end' | 'error-event';

/** What the server does for one request. Everything is optional: the default is a short answer. */
export interface FakeReply {
  text?: string;
  /** Streamed only when the request asks for reasoning (Anthropic: thinking enabled). */
  thinking?: string;
  /** Characters per delta (default 6). */
  chunk?: number;
  usage?: FakeUsage;
  /** The model the server says answered (default: the one asked for). */
  model?: string;
  stopReason?: string;
  /** Wait between events, ms (default 0). */
  delayMs?: number;
  /** Answer with this HTTP status and an error body in the provider's format instead. */
  status?: number;
  errorType?: string;
  errorMessage?: string;
  /** Extra response headers, e.g. { 'retry-after': '1' } or { 'retry-after-ms': '50' }. */
  headers?: Record<string, string>;
  /** Cut the stream after this many answer deltas. */
  cut?: { after: number; how: FakeCut; errorType?: string };
  /** Accept the request and never answer (no headers): a server that hangs. */
  hang?: boolean;
  /**
   * Tool calls the model makes after its text: streamed as Anthropic tool_use blocks
   * (input_json_delta, stop_reason tool_use) or OpenAI delta.tool_calls (finish_reason
   * tool_calls). `rawArguments` replaces the JSON of `input` (for malformed calls).
   */
  toolCalls?: FakeToolCall[];
  /** OpenAI-compatible servers: the delta field carrying reasoning text. */
  reasoningField?: 'reasoning_content' | 'reasoning';
}

export interface FakeToolCall {
  name: string;
  input?: unknown;
  id?: string;
  rawArguments?: string;
}

let toolIds = 0;
/** A tool call's id, as the providers shape them. */
export const fakeToolId = (prefix: string) => `${prefix}${(++toolIds).toString(36).padStart(8, '0')}`;

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-case headers; authorization / x-api-key values replaced by "[key]". */
  headers: Record<string, string>;
  /** The key the client sent (Bearer or x-api-key), for assertions; undefined if none. */
  apiKey?: string;
  /** The parsed JSON body (undefined if it did not parse). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The raw body text. */
  raw: string;
}

export type FakeScript = FakeReply | FakeReply[] | ((request: RecordedRequest, index: number) => FakeReply);

export interface FakeServerOptions {
  /** When set, any other key (or none) gets a 401 like the real API. */
  apiKey?: string;
  /** Port to listen on (default 0: any free port). */
  port?: number;
}

export interface FakeServer {
  /** The base URL to give the SDK (`baseURL`). */
  url: string;
  readonly requests: RecordedRequest[];
  setScript(script: FakeScript): void;
  close(): Promise<void>;
}

/** What a protocol (Anthropic or OpenAI) supplies to the shared server. */
export interface Protocol {
  name: string;
  /** The path suffix the base URL needs (e.g. '/v1' for OpenAI). */
  basePath: string;
  /** Answers one request; the reply is already chosen. */
  handle(req: RecordedRequest, reply: FakeReply, res: http.ServerResponse, write: SseWriter): Promise<void> | void;
  /** The provider's 401 for a wrong key. */
  unauthorized(req: RecordedRequest): FakeReply;
}

export function pickReply(script: FakeScript, request: RecordedRequest, index: number): FakeReply {
  if (typeof script === 'function') return script(request, index);
  if (Array.isArray(script)) return script[Math.min(index, script.length - 1)] ?? {};
  return script;
}

export function chunkText(text: string, size = 6): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += Math.max(1, size)) out.push(text.slice(i, i + Math.max(1, size)));
  return out;
}

/** A rough token count for default usage numbers (4 characters a token). */
export const roughTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** Writes SSE events with optional pacing; stops quietly once the client went away. */
export class SseWriter {
  private closed = false;
  constructor(private readonly res: http.ServerResponse, private readonly delayMs = 0) {
    res.on('close', () => { this.closed = true; });
  }
  get gone() { return this.closed || this.res.destroyed; }
  start(headers: Record<string, string> = {}) {
    this.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers });
    this.res.flushHeaders();
  }
  async event(name: string | null, data: unknown) {
    await this.raw(`${name ? `event: ${name}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  }
  async raw(text: string) {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    // Wait until the bytes reached the socket, so a cut right after keeps them on the wire.
    if (!this.gone) await new Promise<void>((resolve) => this.res.write(text, () => resolve()));
  }
  end() { if (!this.gone) this.res.end(); }
  /** Drops the connection in the middle of the body, as a broken network does mid-answer. */
  reset() { this.res.socket?.destroy(); }
  /** Drops the connection with a TCP RST. */
  rst() { this.res.socket?.resetAndDestroy(); }
  /** Writes nothing more and keeps the connection open. */
  stall() { /* the server's close() destroys the socket */ }
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function record(req: http.IncomingMessage, raw: string): RecordedRequest {
  const headers: Record<string, string> = {};
  let apiKey: string | undefined;
  for (const [k, v] of Object.entries(req.headers)) {
    const value = Array.isArray(v) ? v.join(', ') : v ?? '';
    if (k === 'authorization' || k === 'x-api-key' || k === 'api-key') {
      apiKey ??= value.replace(/^Bearer\s+/i, '');
      headers[k] = '[key]';
    } else {
      headers[k] = value;
    }
  }
  let body: unknown;
  try { body = raw ? JSON.parse(raw) : undefined; } catch { body = undefined; }
  return { method: req.method ?? 'GET', path: req.url ?? '/', headers, apiKey, body, raw };
}

/** Starts a loopback server speaking `protocol`. */
export async function startFakeServer(protocol: Protocol, initial: FakeScript = {}, options: FakeServerOptions = {}): Promise<FakeServer> {
  let script = initial;
  let served = 0;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      const path = (req.url ?? '/').split('?')[0];
      if (path.startsWith('/_fake/')) return control(path, req.method ?? 'GET', raw, res);
      const recorded = record(req, raw);
      requests.push(recorded);
      let reply = pickReply(script, recorded, served++);
      if (options.apiKey !== undefined && recorded.apiKey !== options.apiKey) reply = protocol.unauthorized(recorded);
      if (reply.hang) return; // close() destroys the socket
      Promise.resolve(protocol.handle(recorded, reply, res, new SseWriter(res, reply.delayMs ?? 0))).catch((error) => {
        if (!res.headersSent) json(res, 500, { error: { type: 'api_error', message: `fake server: ${String(error)}` } });
        else res.destroy();
      });
    });
  });
  const control = (path: string, method: string, raw: string, res: http.ServerResponse) => {
    if (path === '/_fake/script' && method === 'POST') {
      try { script = JSON.parse(raw) as FakeReply | FakeReply[]; served = 0; } catch { return json(res, 400, { error: 'script must be JSON' }); }
      return json(res, 200, { ok: true });
    }
    if (path === '/_fake/requests') return json(res, 200, requests);
    if (path === '/_fake/reset' && method === 'POST') { requests.length = 0; served = 0; return json(res, 200, { ok: true }); }
    return json(res, 404, { error: 'unknown control path' });
  };
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${protocol.basePath}`,
    requests,
    setScript(next) { script = next; served = 0; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Sends an error body in the provider's shape with `reply.status`. */
export function sendError(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  json(res, status, body, headers);
}

/** Sends a JSON body with status 200 (non-streaming answers). */
export function sendJson(res: http.ServerResponse, body: unknown, headers: Record<string, string> = {}) {
  json(res, 200, body, headers);
}

/**
 * `node fakeX.js [--port N] [--api-key K] [--script file.json] [--flavor compatible]`: starts the server and prints one
 * JSON line `{"url": ...}` on stdout; runs until killed. The script can be changed with
 * `POST <url-origin>/_fake/script`; requests are listed by `GET /_fake/requests`.
 */
export async function runFakeCli<O extends FakeServerOptions>(start: (script: FakeScript, options: O) => Promise<FakeServer>): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const fs = await import('node:fs');
  const scriptFile = arg('--script');
  const script = scriptFile ? (JSON.parse(fs.readFileSync(scriptFile, 'utf8')) as FakeScript) : {};
  const options = { port: Number(arg('--port') ?? 0), apiKey: arg('--api-key'), flavor: arg('--flavor') } as unknown as O;
  const server = await start(script, options);
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  const stop = () => { void server.close().then(() => process.exit(0)); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
