// Child-process entry (forked by LocalEngine, bundled to dist/local-worker.js): owns
// node-llama-cpp, answers the messages of protocol.ts, runs one generation at a time.
import type { ChildMessage, ParentMessage } from './protocol';
import { LocalRuntime } from './runtime';

const send = (message: ChildMessage) => {
  if (process.connected) process.send?.(message);
};
const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => send({ type: 'log', level, message });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let runtime: Promise<LocalRuntime> | undefined;
const running = new Map<number, AbortController>();
let queue: Promise<unknown> = Promise.resolve();

/** Generations run one after another, whatever the parent sends. */
function serially<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

function generate(id: number, task: (rt: LocalRuntime, signal: AbortSignal) => Promise<ChildMessage>) {
  const controller = new AbortController();
  running.set(id, controller);
  void serially(async () => {
    try {
      if (!runtime) throw new Error('the model is not loaded');
      send(await task(await runtime, controller.signal));
    } catch (error) {
      send({ type: 'error', id, message: messageOf(error) });
    } finally {
      running.delete(id);
    }
  });
}

async function handle(message: ParentMessage): Promise<void> {
  switch (message.type) {
    case 'load':
      runtime = LocalRuntime.load(message.options, log);
      try {
        send({ type: 'loaded', info: (await runtime).info });
      } catch (error) {
        send({ type: 'loadError', message: messageOf(error) });
      }
      return;
    case 'fim':
      return generate(message.id, async (rt, signal) => ({
        type: 'fimDone',
        id: message.id,
        result: await rt.fim(message.request, signal, (text) => send({ type: 'delta', id: message.id, text })),
      }));
    case 'chat':
      return generate(message.id, async (rt, signal) => ({
        type: 'chatDone',
        id: message.id,
        result: await rt.chatAnswer(message.messages, message.maxTokens, message.temperature, signal, (text) => send({ type: 'delta', id: message.id, text })),
      }));
    case 'abort':
      running.get(message.id)?.abort();
      return;
    case 'stats': {
      const m = process.memoryUsage();
      send({ type: 'stats', id: message.id, stats: { rssBytes: m.rss, heapUsedBytes: m.heapUsed } });
      return;
    }
    case 'dispose':
      for (const c of running.values()) c.abort();
      try {
        await (await runtime)?.dispose();
      } finally {
        process.exit(0);
      }
  }
}

process.on('message', (message: ParentMessage) => {
  handle(message).catch((error) => log('error', `worker: ${messageOf(error)}`));
});
// The extension process went away: nothing left to serve.
process.on('disconnect', () => process.exit(0));
