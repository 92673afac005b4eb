// The local engine for real: node-llama-cpp in a forked worker, running the generated tiny model
// (each letter predicts the next, z predicts "\n", "\n" ends the text).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { LocalEngine, LocalState } from '../../../src/core/providers/local/engine';
import { CRASH_MESSAGE } from '../../../src/core/providers/local/engine';
import { UserFacingError } from '../../../src/core/errors';
import { makeEngine, tempDir, tinyModel } from './helpers';

const FIM = (prefix: string, suffix: string) => `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`;

describe('LocalEngine with the tiny model', () => {
  let dir: string;
  let engine: LocalEngine;
  const states: LocalState[] = [];

  before(() => {
    dir = tempDir();
    ({ engine } = makeEngine(tinyModel(dir)));
    engine.onState((s) => states.push(s));
  });
  after(() => {
    engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts no process until the first request, then reports loading and ready with the demo label', async () => {
    assert.equal(engine.pid, undefined);
    assert.equal(engine.state.state, 'idle');
    const r = await engine.fim({ prompt: 'abc', maxTokens: 4 });
    assert.equal(r.text, 'defg');
    assert.ok(engine.pid);
    assert.deepEqual(states.map((s) => s.state), ['loading', 'ready']);
    const ready = states[1];
    assert.ok(ready.state === 'ready' && ready.modelName === 'Tiered demo (tiny)' && ready.isDemo);
  });

  it('completes the alphabet and stops at end-of-text', async () => {
    const r = await engine.fim({ prompt: 'hello', maxTokens: 64 });
    assert.equal(r.text, 'pqrstuvwxyz\n');
    assert.equal(r.finishReason, 'stop');
    assert.equal(r.generatedTokens, 12); // end-of-text is not counted
    assert.equal(r.promptTokens, 5);
  });

  it('stops at maxTokens with finishReason length', async () => {
    const r = await engine.fim({ prompt: 'a', maxTokens: 3 });
    assert.deepEqual([r.text, r.finishReason, r.generatedTokens], ['bcd', 'length', 3]);
  });

  it('stops at a stop string, which is left out of the text', async () => {
    const r = await engine.fim({ prompt: 'a', maxTokens: 30, stop: ['g'] });
    assert.deepEqual([r.text, r.finishReason], ['bcdef', 'stop']);
  });

  it('fills in the middle: continues from the end of the prefix, whatever the suffix', async () => {
    const r = await engine.fim({ prompt: FIM('const k', '\n}\n'), maxTokens: 5 });
    assert.equal(r.text, 'lmnop');
    const r2 = await engine.fim({ prompt: FIM('x', 'abc'), maxTokens: 10 });
    assert.deepEqual([r2.text, r2.finishReason], ['yz\n', 'stop']);
    const empty = await engine.fim({ prompt: FIM('foo(', ')'), maxTokens: 10 });
    assert.deepEqual([empty.text, empty.finishReason], ['', 'stop']);
  });

  it('reuses the KV cache: a second prompt sharing a long prefix evaluates only the new tokens', async () => {
    const prefix = 'function abc() { return def; }\n'.repeat(70); // ~2,200 tokens
    const first = await engine.fim({ prompt: FIM(prefix + 'let q', '\n'), maxTokens: 2 });
    assert.ok(first.promptTokens > 2000, `prompt ${first.promptTokens} tokens`);
    assert.ok(first.evaluatedTokens > 2000);
    const second = await engine.fim({ prompt: FIM(prefix + 'let qr', '\n'), maxTokens: 2 });
    assert.equal(second.promptTokens, first.promptTokens + 1);
    // The suffix follows the prefix in FIM, so the changed character and everything after it is re-evaluated.
    assert.ok(second.evaluatedTokens <= 5, `evaluated ${second.evaluatedTokens}`);
    assert.equal(second.text, 'st');
  });

  it('reports speculative (input lookup) predictions: copying from the prompt is accepted', async () => {
    const r = await engine.fim({ prompt: 'abcdefghijklmnopqrstuvwxyz.\nab', maxTokens: 40 });
    assert.equal(r.text, 'cdefghijklmnopqrstuvwxyz\n');
    assert.ok((r.draftPredicted ?? 0) > 0, 'predicted');
    assert.ok((r.draftAccepted ?? 0) > 0 && (r.draftAccepted ?? 0) <= (r.draftPredicted ?? 0), `accepted ${r.draftAccepted}/${r.draftPredicted}`);
  });

  it('answers an already-aborted request without touching the model', async () => {
    const r = await engine.fim({ prompt: 'a', maxTokens: 5, signal: AbortSignal.abort() });
    assert.deepEqual([r.text, r.finishReason], ['', 'aborted']);
  });

  it('chats through the ChatML template, streaming text and counting tokens', async () => {
    const deltas: string[] = [];
    const r = await engine.chat({ messages: [{ role: 'user', content: 'Say the alphabet' }], purpose: 'chat' }, (e) => { if (e.type === 'text') deltas.push(e.text); });
    assert.equal(r.text.trim(), 'abcdefghijklmnopqrstuvwxyz');
    assert.equal(deltas.join('').trim(), r.text.trim());
    assert.equal(r.provider, 'local');
    assert.equal(r.model, 'Tiered demo (tiny)');
    assert.equal(r.finishReason, 'stop');
    assert.ok(r.usage.inputTokens > 10 && r.usage.outputTokens >= 26, JSON.stringify(r.usage));
  });

  it('reports worker memory and the last timings', async () => {
    const s = await engine.stats();
    assert.ok(s.worker && s.worker.rssBytes > 10e6, 'rss');
    assert.ok(s.lastFim && s.lastFim.modelMs >= 0);
    console.log(`      worker RSS ${(s.worker.rssBytes / 2 ** 20).toFixed(1)} MB`);
  });
});

describe('LocalEngine with a model that never stops (cancellation, time budget, crash)', () => {
  let dir: string;
  let engine: LocalEngine;
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

  before(() => {
    dir = tempDir();
    ({ engine } = makeEngine(tinyModel(dir, 'loop.gguf', { loop: true })));
  });
  after(() => {
    engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cancels mid-generation: resolves aborted with the partial text, and keeps working', async () => {
    const controller = new AbortController();
    let streamed = '';
    const r = await engine.fim({ prompt: 'a', maxTokens: 100_000, signal: controller.signal }, (t) => {
      streamed += t;
      if (streamed.length >= 30) controller.abort();
    });
    assert.equal(r.finishReason, 'aborted');
    assert.ok(r.text.length >= 30 && r.text.length < 100_000, `partial of ${r.text.length} characters`);
    assert.equal(r.text, ALPHABET.repeat(Math.ceil(r.text.length / 26) + 1).slice(1, r.text.length + 1));
    const after = await engine.fim({ prompt: 'w', maxTokens: 4 });
    assert.deepEqual([after.text, after.finishReason], ['xyza', 'length']);
  });

  it('stops at the time budget with finishReason time', async () => {
    const r = await engine.fim({ prompt: 'a', maxTokens: 100_000, timeBudgetMs: 150 });
    assert.equal(r.finishReason, 'time');
    assert.ok(r.text.startsWith('bcd') && r.generatedTokens < 100_000);
  });

  it('survives the worker being killed mid-request: rejects with the message, then restarts', async () => {
    const states: string[] = [];
    engine.onState((s) => states.push(s.state));
    const pid = engine.pid;
    assert.ok(pid);
    let streamed = 0;
    const running = engine.fim({ prompt: 'a', maxTokens: 100_000 }, () => {
      if (++streamed === 10) process.kill(pid, 'SIGKILL');
    });
    await assert.rejects(running, (e: unknown) => e instanceof UserFacingError && e.message === CRASH_MESSAGE);
    assert.equal(engine.state.state, 'error');
    const r = await engine.fim({ prompt: 'abc', maxTokens: 3 });
    assert.equal(r.text, 'def');
    assert.notEqual(engine.pid, pid);
    assert.deepEqual(states, ['error', 'loading', 'ready']);
    assert.equal((await engine.stats()).restarts, 1);
  });
});

describe('LocalEngine with a draft model (speculative decoding)', () => {
  let dir: string;
  let engine: LocalEngine;

  before(() => {
    dir = tempDir();
    // The same tiny model drafts for itself: same vocabulary, and it always agrees.
    ({ engine } = makeEngine(tinyModel(dir), { draftModelPath: tinyModel(dir, 'draft.gguf') }));
  });
  after(() => {
    engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the draft model and reports its accepted predictions', async () => {
    const r = await engine.fim({ prompt: 'abc', maxTokens: 40 });
    assert.equal(r.text, 'defghijklmnopqrstuvwxyz\n');
    assert.ok(engine.state.state === 'ready' && engine.state.info.draftModel);
    assert.ok((r.draftPredicted ?? 0) > 5, `predicted ${r.draftPredicted}`);
    assert.ok((r.draftAccepted ?? 0) > 5 && (r.draftAccepted ?? 0) <= (r.draftPredicted ?? 0), `accepted ${r.draftAccepted}/${r.draftPredicted}`);
  });
});
