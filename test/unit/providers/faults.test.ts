// The faults users meet, for both reasoning providers, with the real SDKs against loopback
// servers: bounded retries where they help, clear messages where they do not, partial answers
// kept when a stream is cut, nothing double-counted, no unhandled rejection, no key anywhere.
import * as assert from 'node:assert/strict';
import { MemoryLogger } from '../../../src/core/log';
import { UserFacingError } from '../../../src/core/errors';
import type { FakeServer } from '../../support/sse';
import { ask, chatWithEvents, closedPortUrl, HARNESSES, recordingSleep, rejection, unhandledGuard } from './harness';

const LONG = 'The root cause is the cache key: it ignores the locale, so French users get English text. Fix: include locale.';

for (const h of HARNESSES) {
  describe(`${h.label} provider faults`, () => {
    const guard = unhandledGuard();
    let fake: FakeServer;
    let logger: MemoryLogger;
    before(() => guard.install());
    after(async () => {
      await new Promise((r) => setTimeout(r, 50));
      guard.uninstall();
      assert.deepEqual(guard.seen, [], 'no unhandled rejections');
    });
    beforeEach(async () => { fake = await h.start(); logger = new MemoryLogger(); });
    afterEach(async () => {
      await fake.close();
      for (const { line } of logger.lines) assert.ok(!line.includes(h.key), `the key leaked into a log line: ${line}`);
    });

    const noKeyIn = (text: string | undefined) => assert.ok(!text?.includes(h.key), `the key leaked: ${text}`);

    it('401: says which key was rejected and offers Set API Key, without retrying', async () => {
      fake.setScript({ status: 401 });
      const { sleep, waits } = recordingSleep();
      const error = await rejection(h.provider(fake.url, logger, { sleep }).chat(ask('hi')));
      assert.ok(error instanceof UserFacingError);
      assert.equal(error.message, `${h.label} rejected the API key (401). Run 'Tiered: Set API Key' to replace it.`);
      assert.deepEqual(error.actions, [{ title: 'Set API Key', command: 'tiered.setApiKey', args: [h.name] }]);
      assert.equal(fake.requests.length, 1);
      assert.deepEqual(waits, []);
      noKeyIn(error.message);
    });

    it('a wrong key gets the server\'s own 401 (which names the key) and Tiered never repeats it', async () => {
      const wrong = h.name === 'anthropic' ? 'sk-ant-api03-WRONGwrong0123456789abcdefgh' : 'sk-proj-WRONGwrong0123456789abcdefgh';
      const error = await rejection(h.provider(fake.url, logger, { apiKey: async () => wrong }).chat(ask('hi')));
      assert.match(error.message, /rejected the API key \(401\)/);
      assert.ok(!error.message.includes(wrong));
      assert.ok(logger.lines.every((l) => !l.line.includes(wrong)));
    });

    it('403: same message with its status', async () => {
      fake.setScript({ status: 403 });
      const error = await rejection(h.provider(fake.url, logger).chat(ask('hi')));
      assert.equal(error.message, `${h.label} rejected the API key (403). Run 'Tiered: Set API Key' to replace it.`);
      assert.equal(error.actions?.[0].command, 'tiered.setApiKey');
    });

    it('no key: tells where to set one, and sends nothing', async () => {
      const error = await rejection(h.provider(fake.url.replace('127.0.0.1', 'api.example.com'), logger, { apiKey: async () => undefined }).chat(ask('hi')));
      assert.ok(error instanceof UserFacingError);
      assert.match(error.message, new RegExp(`^No API key for .+ — run 'Tiered: Set API Key' or set ${h.envVar}\\.$`));
      if (h.name === 'anthropic') assert.equal(error.message, "No API key for Anthropic — run 'Tiered: Set API Key' or set ANTHROPIC_API_KEY.");
      assert.equal(error.actions?.[0].command, 'tiered.setApiKey');
      assert.equal(fake.requests.length, 0);
    });

    it('network down (closed port): offers the local tier, no retries', async () => {
      const { sleep, waits } = recordingSleep();
      const error = await rejection(h.provider(await closedPortUrl(), logger, { sleep }).chat(ask('hi')));
      assert.ok(error instanceof UserFacingError);
      assert.match(error.message, /^Can't reach .+ \(connection refused\)\. .*local tier/);
      assert.deepEqual(error.actions, [{ title: 'Use the Local Tier', command: 'tiered.chooseTier' }]);
      assert.deepEqual(waits, []);
    });

    it('429 with retry-after-ms: waits exactly that long, then answers once', async () => {
      fake.setScript([{ status: 429, headers: { 'retry-after-ms': '50' } }, { text: LONG, usage: { input: 10, output: 20 } }]);
      const { sleep, waits } = recordingSleep();
      const { result, events } = await chatWithEvents(h.provider(fake.url, logger, { sleep }), ask('hi'));
      assert.equal(result.text, LONG);
      assert.deepEqual(waits, [50]);
      assert.equal(fake.requests.length, 2);
      const retries = events.filter((e) => e.type === 'retry');
      assert.deepEqual(retries, [{ type: 'retry', attempt: 1, delayMs: 50, reason: 'rate limited (429)' }]);
      assert.equal(events.filter((e) => e.type === 'usage').length, 1);
    });

    it('429 with retry-after: 1 (seconds) is parsed as 1000 ms', async () => {
      fake.setScript([{ status: 429, headers: { 'retry-after': '1' } }, { text: 'ok' }]);
      const { sleep, waits } = recordingSleep();
      const result = await h.provider(fake.url, logger, { sleep }).chat(ask('hi'));
      assert.equal(result.text, 'ok');
      assert.deepEqual(waits, [1000]);
    });

    it('429 asking for longer than the cap: gives up at once and says when to retry', async () => {
      fake.setScript({ status: 429, headers: { 'retry-after': '90' } });
      const { sleep, waits } = recordingSleep();
      const error = await rejection(h.provider(fake.url, logger, { sleep }).chat(ask('hi')));
      assert.match(error.message, /rate-limiting requests \(429\)\. Try again in 90 s/);
      assert.deepEqual(waits, []);
      assert.equal(fake.requests.length, 1);
    });

    it('500 keeps failing: bounded retries with growing jittered backoff, then a clear message', async () => {
      fake.setScript({ status: 500 });
      const { sleep, waits } = recordingSleep();
      const events: string[] = [];
      const error = await rejection(h.provider(fake.url, logger, { sleep, maxRetries: 2, random: () => 0.5 }).chat(ask('hi'), (e) => events.push(e.type)));
      assert.equal(fake.requests.length, 3, 'first attempt + 2 retries');
      assert.deepEqual(events, ['retry', 'retry']);
      assert.equal(waits.length, 2);
      assert.ok(waits[1] > waits[0], `backoff grows: ${waits}`);
      assert.match(error.message, /server error \(500\) after 3 attempts/);
      assert.equal(error.actions?.[0].command, 'tiered.chooseTier');
    });

    for (const status of [502, 503, 504]) {
      it(`${status} then success: retried once`, async () => {
        fake.setScript([{ status }, { text: 'fine' }]);
        const { sleep } = recordingSleep();
        const result = await h.provider(fake.url, logger, { sleep }).chat(ask('hi'));
        assert.equal(result.text, 'fine');
        assert.equal(fake.requests.length, 2);
      });
    }

    it('400 (bad model): the provider\'s message, redacted, no retry', async () => {
      fake.setScript({ status: 400, errorMessage: `model: claude-nope not found (key ${h.key})` });
      const { sleep, waits } = recordingSleep();
      const error = await rejection(h.provider(fake.url, logger, { sleep }).chat(ask('hi')));
      assert.match(error.message, new RegExp(`^${h.label} rejected the request \\(400\\): model: claude-nope not found`));
      noKeyIn(error.message);
      assert.deepEqual(waits, []);
    });

    it('a connection reset mid-answer keeps the text that arrived, marked incomplete, not retried', async () => {
      fake.setScript({ text: LONG, chunk: 5, cut: { after: 3, how: 'reset' } });
      const { sleep } = recordingSleep();
      const { result, events } = await chatWithEvents(h.provider(fake.url, logger, { sleep }), ask('hi'));
      assert.equal(result.incomplete, true);
      assert.equal(result.finishReason, 'error');
      assert.equal(result.text, LONG.slice(0, 15));
      assert.match(result.errorMessage ?? '', /^The answer was cut off/);
      assert.equal(fake.requests.length, 1, 'a half-streamed answer is never replayed');
      assert.equal(events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text).join(''), result.text);
      assert.ok(events.filter((e) => e.type === 'usage').length <= 1);
    });

    it('a stream that ends without its end marker is incomplete', async () => {
      fake.setScript({ text: LONG, chunk: 5, cut: { after: 2, how: 'end' } });
      const result = await h.provider(fake.url, logger).chat(ask('hi'));
      assert.equal(result.incomplete, true);
      assert.equal(result.text, LONG.slice(0, 10));
      assert.match(result.errorMessage ?? '', /closed the stream before the end/);
    });

    it('a malformed event mid-answer is incomplete with the partial text', async () => {
      fake.setScript({ text: LONG, chunk: 5, cut: { after: 2, how: 'malformed' } });
      const result = await h.provider(fake.url, logger).chat(ask('hi'));
      assert.equal(result.incomplete, true);
      assert.equal(result.finishReason, 'error');
      assert.equal(result.text, LONG.slice(0, 10));
      assert.match(result.errorMessage ?? '', /cut off/);
    });

    it('a stalled stream is cut after the idle timeout, keeping what arrived', async () => {
      fake.setScript({ text: LONG, chunk: 5, cut: { after: 2, how: 'stall' } });
      const result = await h.provider(fake.url, logger, { idleTimeoutMs: 800 }).chat(ask('hi'));
      assert.equal(result.incomplete, true);
      assert.equal(result.finishReason, 'error');
      assert.equal(result.text, LONG.slice(0, 10));
      assert.match(result.errorMessage ?? '', /sent nothing for 1 s/);
    });

    it('a reset before any token is retried, and the answer is not doubled', async () => {
      fake.setScript([{ text: LONG, cut: { after: 0, how: 'reset' } }, { text: LONG, usage: { input: 5, output: 9 } }]);
      const { sleep, waits } = recordingSleep();
      const { result, events } = await chatWithEvents(h.provider(fake.url, logger, { sleep }), ask('hi'));
      assert.equal(result.text, LONG);
      assert.equal(result.incomplete, false);
      assert.equal(fake.requests.length, 2);
      assert.equal(waits.length, 1);
      assert.equal(events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text).join(''), LONG);
      const usage = events.filter((e) => e.type === 'usage');
      assert.equal(usage.length, 1);
      assert.deepEqual(result.usage, { inputTokens: 5, outputTokens: 9, ...(h.name === 'openai' ? { reasoningTokens: 0, cacheReadTokens: 0 } : { cacheReadTokens: 0, cacheWriteTokens: 0 }) });
    });

    it('abort mid-stream resolves with finishReason aborted and the partial text', async () => {
      fake.setScript({ text: LONG, chunk: 4, delayMs: 20 });
      const controller = new AbortController();
      const events: string[] = [];
      const result = await h.provider(fake.url, logger).chat(ask('hi', { signal: controller.signal }), (e) => {
        events.push(e.type);
        if (e.type === 'text') controller.abort();
      });
      assert.equal(result.finishReason, 'aborted');
      assert.equal(result.incomplete, true);
      assert.equal(result.text, LONG.slice(0, 4));
      assert.equal(events.filter((t) => t === 'text').length, 1);
    });

    it('abort before the call sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const result = await h.provider(fake.url, logger).chat(ask('hi', { signal: controller.signal }));
      assert.equal(result.finishReason, 'aborted');
      assert.equal(result.text, '');
      assert.equal(fake.requests.length, 0);
    });

    it('abort during a retry wait stops retrying', async () => {
      fake.setScript({ status: 503 });
      const controller = new AbortController();
      const sleep = async () => { controller.abort(); };
      const result = await h.provider(fake.url, logger, { sleep }).chat(ask('hi', { signal: controller.signal }));
      assert.equal(result.finishReason, 'aborted');
      assert.equal(fake.requests.length, 1);
    });

    it('a listener that throws does not break the answer', async () => {
      fake.setScript({ text: LONG });
      const result = await h.provider(fake.url, logger).chat(ask('hi'), () => { throw new Error('UI went away'); });
      assert.equal(result.text, LONG);
      assert.ok(logger.lines.some((l) => l.level === 'warn' && /listener threw/.test(l.line)));
    });
  });
}

describe('Anthropic-only faults', () => {
  const h = HARNESSES[0];
  let fake: FakeServer;
  let logger: MemoryLogger;
  beforeEach(async () => { fake = await h.start(); logger = new MemoryLogger(); });
  afterEach(() => fake.close());

  it('529 overloaded_error is retried with backoff and then answered', async () => {
    fake.setScript([{ status: 529 }, { status: 529 }, { text: 'Finally.' }]);
    const { sleep, waits } = recordingSleep();
    const { result, events } = await chatWithEvents(h.provider(fake.url, logger, { sleep }), ask('hi'));
    assert.equal(result.text, 'Finally.');
    assert.equal(fake.requests.length, 3);
    assert.equal(waits.length, 2);
    assert.deepEqual(events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason), ['overloaded (529)', 'overloaded (529)']);
  });

  it('529 every time: gives up with an overloaded message after the retries', async () => {
    fake.setScript({ status: 529 });
    const { sleep } = recordingSleep();
    const error = await rejection(h.provider(fake.url, logger, { sleep, maxRetries: 3 }).chat(ask('hi')));
    assert.equal(fake.requests.length, 4);
    assert.match(error.message, /^Anthropic is overloaded \(529\) and did not answer after 4 attempts/);
  });

  it('an overloaded_error event before any token is retried; after tokens it cuts the answer', async () => {
    fake.setScript([{ cut: { after: 0, how: 'error-event' } }, { text: LONG, chunk: 5, cut: { after: 2, how: 'error-event' } }]);
    const { sleep } = recordingSleep();
    const result = await h.provider(fake.url, logger, { sleep }).chat(ask('hi'));
    assert.equal(fake.requests.length, 2);
    assert.equal(result.incomplete, true);
    assert.equal(result.text, LONG.slice(0, 10));
    assert.match(result.errorMessage ?? '', /overloaded/);
  });
});

describe('servers that never answer', () => {
  for (const h of HARNESSES) {
    it(`${h.label}: no response within the open timeout → a timeout message offering the local tier, not retried`, async () => {
      const fake = await h.start({ hang: true });
      try {
        const { sleep, waits } = recordingSleep();
        const error = await rejection(h.provider(fake.url, new MemoryLogger(), { sleep, openTimeoutMs: 300 }).chat(ask('hi')));
        assert.ok(error instanceof UserFacingError);
        assert.match(error.message, /did not respond in time/);
        assert.equal(error.actions?.[0].command, 'tiered.chooseTier');
        assert.equal(fake.requests.length, 1);
        assert.deepEqual(waits, []);
      } finally {
        await fake.close();
      }
    });

    it(`${h.label}: abort while waiting for the response resolves as aborted`, async () => {
      const fake = await h.start({ hang: true });
      try {
        const controller = new AbortController();
        const pending = h.provider(fake.url, new MemoryLogger()).chat(ask('hi', { signal: controller.signal }));
        setTimeout(() => controller.abort(), 100);
        const result = await pending;
        assert.equal(result.finishReason, 'aborted');
        assert.equal(result.text, '');
      } finally {
        await fake.close();
      }
    });
  }
});
