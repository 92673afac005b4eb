// A loopback HTTP server that serves one file the way a model host does (Content-Length, Range,
// redirects), and can be told to misbehave the ways real downloads do.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelServerBehaviour {
  /** Answer every request for the file with this status and no body (404, 500, ...). */
  failWith?: number;
  /** Serve 200 with the whole file even when a Range is asked for. */
  ignoreRange?: boolean;
  /** Send the headers for the full response, then this many body bytes, then drop the connection. */
  cutAfter?: number;
  /** Serve these bytes instead of the file's (same length; Content-Length and ranges still match). */
  corruptBytes?: Buffer;
  /** Send the body in chunks of this many bytes with this pause between them (for cancel tests). */
  throttle?: { chunkBytes: number; delayMs: number };
}

export interface ServedRequest {
  path: string;
  range?: string;
}

export interface ModelServer {
  /** URL of the file: `${base}/model.gguf`. */
  url: string;
  base: string;
  /** Every request seen, in order. */
  requests: ServedRequest[];
  /** Change how the server behaves from now on. */
  behave(behaviour: ModelServerBehaviour): void;
  /** `GET from` answers 302 to `to` (paths). */
  redirect(from: string, to: string): void;
  /** Stops the server, dropping any response in progress. */
  close(): Promise<void>;
}

const FILE_PATH = '/model.gguf';

/** Starts a server on 127.0.0.1 (random port) serving `bytes` at /model.gguf. */
export async function startModelServer(bytes: Buffer, initial: ModelServerBehaviour = {}): Promise<ModelServer> {
  let behaviour = initial;
  const redirects = new Map<string, string>();
  const requests: ServedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push({ path: urlPath, range: req.headers.range });
    const target = redirects.get(urlPath);
    if (target) {
      res.writeHead(302, { location: target, 'content-length': '0' }).end();
      return;
    }
    if (urlPath !== FILE_PATH && !isRedirectTarget(urlPath)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
      return;
    }
    if (behaviour.failWith) {
      res.writeHead(behaviour.failWith, { 'content-type': 'text/plain' }).end(`error ${behaviour.failWith}`);
      return;
    }
    const body = behaviour.corruptBytes ?? bytes;
    const range = behaviour.ignoreRange ? undefined : parseRange(req.headers.range, body.length);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? body.length - 1;
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/octet-stream', 'content-length': String(end - start + 1), 'accept-ranges': 'bytes' };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
    res.writeHead(range ? 206 : 200, headers);
    send(res, body.subarray(start, end + 1));
  });

  const isRedirectTarget = (p: string) => [...redirects.values()].includes(p);

  function send(res: http.ServerResponse, slice: Buffer): void {
    const cut = behaviour.cutAfter;
    if (cut !== undefined) {
      res.write(slice.subarray(0, cut), () => res.socket?.destroy());
      return;
    }
    const throttle = behaviour.throttle;
    if (!throttle) {
      res.end(slice);
      return;
    }
    let offset = 0;
    const next = () => {
      if (res.destroyed) return;
      const chunk = slice.subarray(offset, offset + throttle.chunkBytes);
      offset += chunk.length;
      if (offset >= slice.length) {
        res.end(chunk);
        return;
      }
      res.write(chunk);
      const timer = setTimeout(() => { timers.delete(timer); next(); }, throttle.delayMs);
      timers.add(timer);
    };
    next();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}${FILE_PATH}`,
    base,
    requests,
    behave: (b) => { behaviour = b; },
    redirect: (from, to) => { redirects.set(from, to); },
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A single `bytes=START-[END]` range, clamped to the file; 'unsatisfiable' when START is past the end. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d+)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const start = Number(match[1]);
  if (start >= size) return 'unsatisfiable';
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return end < start ? 'unsatisfiable' : { start, end };
}
