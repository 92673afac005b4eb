// The remote FIM engine against a loopback server speaking the OpenAI completions protocol.
import * as assert from 'node:assert/strict';
import { UserFacingError } from '../../../src/core/errors';
import { MemoryLogger } from '../../../src/core/log';
import { cutAtStop, EndpointFimEngine } from '../../../src/core/providers/local/endpoint';
import { startFakeCompletionServer, type FakeCompletionServer, type ScriptedAnswer } from '../../support/fakeCompletionServer';

describe('EndpointFimEngine', () => {
  let server: FakeCompletionServer;
  let next: ScriptedAnswer;
  let engine: EndpointFimEngine;

  before(async () => {
    server = await startFakeCompletionServer(() => next);
    engine = new EndpointFimEngine({ endpoint: `${server.url}/`, model: 'qwen2.5-coder', logger: new MemoryLogger() });
  });
  after(() => server.close());

  it('streams the completion and reports the usage of the final chunk', async () => {
    next = { chunks: ['ret', 'urn a', ' + b;'], finishReason: 'stop', usage: { prompt_tokens: 120, completion_tokens: 6 } };
    const seen: string[] = [];
    const r = await engine.fim({ prompt: '<|fim_prefix|>function add(a, b) {\n  <|fim_suffix|>\n}<|fim_middle|>', maxTokens: 32, stop: ['\n\n'] }, (t) => seen.push(t));
    assert.equal(r.text, 'return a + b;');
    assert.deepEqual(seen, ['ret', 'urn a', ' + b;']);
    assert.deepEqual([r.finishReason, r.promptTokens, r.generatedTokens], ['stop', 120, 6]);
    const body = server.requests.at(-1)!;
    assert.equal(body.stream, true);
    assert.equal(body.temperature, 0);
    assert.equal(body.max_tokens, 32);
    assert.equal(body.model, 'qwen2.5-coder');
    assert.deepEqual(body.stop, ['\n\n']);
    assert.match(String(body.prompt), /^<\|fim_prefix\|>function add/);
  });

  it('reports finish_reason length', async () => {
    next = { chunks: ['abc'], finishReason: 'length' };
    const r = await engine.fim({ prompt: 'x', maxTokens: 1 });
    assert.deepEqual([r.text, r.finishReason], ['abc', 'length']);
  });

  it('cuts at a stop string even when the server does not', async () => {
    next = { chunks: ['foo()', ';\n', '\nbar()'] };
    const r = await engine.fim({ prompt: 'x', maxTokens: 10, stop: ['\n\n'] });
    assert.deepEqual([r.text, r.finishReason], ['foo();', 'stop']);
  });

  it('aborts a slow stream: resolves aborted with the partial text and closes the connection', async () => {
    next = { chunks: ['a', 'b', 'c', 'd', 'e', 'f'], delayMs: 100 };
    const controller = new AbortController();
    const before = server.aborted();
    const r = await engine.fim({ prompt: 'x', maxTokens: 10, signal: controller.signal }, (t) => { if (t === 'b') controller.abort(); });
    assert.deepEqual([r.text, r.finishReason], ['ab', 'aborted']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(server.aborted(), before + 1);
  });

  it('stops a stalled stream at the time budget with finishReason time', async () => {
    next = { chunks: ['a', 'b', 'c'], stallAfter: 2 };
    const r = await engine.fim({ prompt: 'x', maxTokens: 10, timeBudgetMs: 200 });
    assert.deepEqual([r.text, r.finishReason], ['ab', 'time']);
  });

  it('turns a 500 into a message naming the server and the setting', async () => {
    next = { status: 500 };
    await assert.rejects(engine.fim({ prompt: 'x', maxTokens: 5 }), (e: unknown) =>
      e instanceof UserFacingError && e.message.includes(server.url) && e.message.includes('500') && e.message.includes('tiered.local.endpoint'));
  });

  it('says when the server cannot be reached', async () => {
    const down = new EndpointFimEngine({ endpoint: 'http://127.0.0.1:9/v1', logger: new MemoryLogger() });
    await assert.rejects(down.fim({ prompt: 'x', maxTokens: 5 }), (e: unknown) =>
      e instanceof UserFacingError && /Cannot reach the completion server at http:\/\/127\.0\.0\.1:9\/v1/.test(e.message));
  });

  it('cutAtStop picks the earliest stop string', () => {
    assert.deepEqual(cutAtStop('a;b\nc', ['\n', ';']), { text: 'a', stopped: true });
    assert.deepEqual(cutAtStop('abc', ['x']), { text: 'abc', stopped: false });
  });
});
