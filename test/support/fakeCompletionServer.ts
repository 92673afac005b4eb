// A loopback server speaking the OpenAI completions protocol (POST /v1/completions, SSE chunks
// `data: {...}` then `data: [DONE]`), with scripted answers and the faults users meet.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnswer {
  /** Text pieces, one SSE chunk each. */
  chunks?: string[];
  finishReason?: 'stop' | 'length';
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Answer with this HTTP status and a JSON error instead of a stream. */
  status?: number;
  /** Pause between chunks, ms (a slow stream). */
  delayMs?: number;
  /** Stop sending after this many chunks and keep the connection open (a stalled stream). */
  stallAfter?: number;
}

export interface FakeCompletionServer {
  /** Base URL to use as tiered.local.endpoint, ending in /v1. */
  url: string;
  /** Bodies of the requests received. */
  requests: Record<string, unknown>[];
  /** How many responses the client closed before their end (aborts). */
  aborted: () => number;
  close(): Promise<void>;
}

export async function startFakeCompletionServer(script: (body: Record<string, unknown>) => ScriptedAnswer): Promise<FakeCompletionServer> {
  const requests: Record<string, unknown>[] = [];
  let aborted = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', async () => {
      if (req.method !== 'POST' || req.url !== '/v1/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      requests.push(body);
      const answer = script(body);
      if (answer.status && answer.status !== 200) {
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error' } }));
        return;
      }
      let finished = false;
      res.on('close', () => { if (!finished) aborted++; });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunks = answer.chunks ?? [];
      const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
      for (let i = 0; i < chunks.length; i++) {
        if (answer.stallAfter !== undefined && i >= answer.stallAfter) return;
        if (res.destroyed) return;
        send({ id: 'cmpl-1', object: 'text_completion', choices: [{ index: 0, text: chunks[i], finish_reason: null }] });
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      }
      send({ id: 'cmpl-1', object: 'text_completion', choices: [{ index: 0, text: '', finish_reason: answer.finishReason ?? 'stop' }] });
      if (answer.usage) send({ id: 'cmpl-1', object: 'text_completion', choices: [], usage: answer.usage });
      res.write('data: [DONE]\n\n');
      finished = true;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    aborted: () => aborted,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
