import * as assert from 'node:assert/strict';
import { ContextChunks } from '../../../src/core/completion/contextChunks';
import { templateFor, type FimTemplate } from '../../../src/core/providers/local/fimTemplates';
import { CompletionScheduler, type SchedulerDeps } from '../../../src/core/completion/scheduler';
import type { CompletionRequest, Suggestion } from '../../../src/core/completion/types';
import type { FimRequest } from '../../../src/core/providers/types';
import { FakeClock, flush, ScriptedEngine, type ScriptedAnswer } from './fakes';

const qwen = templateFor('qwen', { fileSeparators: false });
const DEBOUNCE = 50;

function setup(script: (request: FimRequest, index: number) => ScriptedAnswer, deps: Partial<SchedulerDeps> = {}) {
  const clock = new FakeClock();
  const engine = new ScriptedEngine(clock, script);
  const scheduler = new CompletionScheduler({
    engine, template: qwen, clock,
    options: { debounce: { initialMs: DEBOUNCE, minMs: DEBOUNCE, maxMs: DEBOUNCE }, orphanGraceMs: 300 },
    ...deps,
  });
  let version = 0;
  const req = (prefix: string, suffix = '\n', extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
    filePath: 'src/a.ts', languageId: 'typescript', prefix, suffix, documentVersion: ++version, trigger: 'automatic', ...extra,
  });
  const live = () => new AbortController().signal;
  return { clock, engine, scheduler, req, live };
}

/** Whether `promise` settles without the clock moving. */
async function settlesAtOnce<T>(promise: Promise<T>): Promise<{ settled: boolean; value?: T }> {
  let settled = false;
  let value: T | undefined;
  void promise.then((v) => { settled = true; value = v; });
  await flush();
  return { settled, value };
}

describe('CompletionScheduler', () => {
  it('serves a burst of keystrokes with one engine call, after the debounce', async () => {
    const { clock, engine, scheduler, req, live } = setup(() => ({ text: 'values);', delayMs: 100 }));
    const pending: Promise<Suggestion | undefined>[] = [];
    let prefix = 'const total = ';
    for (const ch of 'sum(') {
      prefix += ch;
      pending.push(scheduler.request(req(prefix, ');\n'), live()));
      await clock.advance(DEBOUNCE - 20);
    }
    await clock.advance(1000);
    const results = await Promise.all(pending);
    assert.equal(engine.calls.length, 1);
    assert.ok(engine.calls[0].request.prompt.includes('const total = sum(<|fim_suffix|>'));
    assert.deepEqual(results.slice(0, 3), [undefined, undefined, undefined]);
    assert.equal(results[3]?.text, 'values', 'the ) already after the cursor is not suggested again');
    assert.equal(results[3]?.source, 'model');
    assert.equal(scheduler.stats.cancelled, 3);
    assert.equal(scheduler.stats.served, 1);
  });

  it('aborts a stale generation when the cursor moves elsewhere (the engine sees its signal aborted)', async () => {
    const { clock, engine, scheduler, req, live } = setup((_r, i) => ({ text: i === 0 ? 'first;' : 'second;', delayMs: 500 }));
    const first = scheduler.request(req('const a = ', '\nconst b = 2;\n'), live());
    await clock.advance(DEBOUNCE + 100);
    assert.equal(engine.calls.length, 1);
    const second = scheduler.request(req('const b = ', '\n'), live());
    await flush();
    assert.equal(engine.calls[0].request.signal?.aborted, true);
    assert.equal(engine.calls[0].finishReason, 'aborted');
    assert.equal(await first, undefined);
    await clock.advance(DEBOUNCE + 500);
    assert.equal((await second)?.text, 'second;');
    assert.equal(scheduler.stats.generationsAborted, 1);
  });

  it('serves typing through a suggestion from the cache, at once and without the engine', async () => {
    const { clock, engine, scheduler, req, live } = setup(() => ({ text: 'getName();', delayMs: 80 }));
    const first = scheduler.request(req('const name = '), live());
    await clock.advance(DEBOUNCE + 80);
    assert.equal((await first)?.text, 'getName();');
    const typed = await settlesAtOnce(scheduler.request(req('const name = get'), live()));
    assert.ok(typed.settled, 'no debounce on a cache hit');
    assert.equal(typed.value?.text, 'Name();');
    assert.equal(typed.value?.source, 'cache');
    assert.equal(engine.calls.length, 1);
    assert.equal(scheduler.stats.cacheHits, 1);
  });

  it('reuses a streaming generation the user is typing along', async () => {
    const { clock, engine, scheduler, req, live } = setup(() => ({ text: '"hello world";', delayMs: 280, stream: true }));
    const first = scheduler.request(req('const greeting = '), live());
    await clock.advance(DEBOUNCE + 100); // 5 of 14 characters streamed: '"hell'
    const second = scheduler.request(req('const greeting = "he'), live());
    await clock.advance(300);
    assert.equal(await first, undefined, 'superseded');
    const reused = await second;
    assert.equal(reused?.text, 'llo world";');
    assert.equal(reused?.source, 'reused');
    assert.equal(engine.calls.length, 1);
    assert.equal(engine.calls[0].request.signal?.aborted, false);
    assert.equal(scheduler.stats.reused, 1);
  });

  it('reuses a generation that does not stream once it ends, when it produced what was typed', async () => {
    const { clock, engine, scheduler, req, live } = setup(() => ({ text: 'items.length;', delayMs: 200 }));
    void scheduler.request(req('return '), live());
    await clock.advance(DEBOUNCE + 50);
    const second = scheduler.request(req('return it'), live());
    await clock.advance(200);
    assert.equal((await second)?.text, 'ems.length;');
    assert.equal(engine.calls.length, 1);
  });

  it('stops waiting on a streaming generation as soon as it diverges from what the user typed', async () => {
    const { clock, engine, scheduler, req, live } = setup((_r, i) => ({ text: i === 0 ? 'alpha + 1;' : 'yz;', delayMs: 200, stream: true }));
    void scheduler.request(req('const v = '), live());
    await clock.advance(DEBOUNCE + 60); // 'alp' streamed
    const second = scheduler.request(req('const v = x'), live());
    await flush();
    assert.equal(engine.calls[0].request.signal?.aborted, true, 'aborted as soon as the new request arrives');
    await clock.advance(DEBOUNCE);
    assert.equal(engine.calls.length, 2, 'a fresh generation after the debounce');
    await clock.advance(200);
    assert.equal((await second)?.text, 'yz;');
  });

  it('precomputes the next suggestion after an acceptance', async () => {
    const { clock, engine, scheduler, req, live } = setup((_r, i) => ({ text: i === 0 ? 'compute();' : ' // then use it', delayMs: 100 }));
    const first = await (async () => { const p = scheduler.request(req('function f() {\n  const a = ', '\n}\n'), live()); await clock.advance(DEBOUNCE + 100); return p; })();
    assert.ok(first);
    scheduler.accepted(first);
    assert.equal(engine.calls.length, 2, 'precompute started');
    assert.ok(engine.calls[1].request.prompt.includes('const a = compute();<|fim_suffix|>'));
    await clock.advance(100);
    assert.equal(scheduler.stats.precomputed, 1);
    const next = await settlesAtOnce(scheduler.request(req('function f() {\n  const a = compute();', '\n}\n'), live()));
    assert.equal(next.value?.text, ' // then use it');
    assert.equal(next.value?.source, 'cache');
    assert.equal(engine.calls.length, 2);
  });

  it('lets the request that follows an acceptance reuse the precompute still in flight', async () => {
    const { clock, engine, scheduler, req, live } = setup((_r, i) => ({ text: i === 0 ? 'compute();' : ' // then use it', delayMs: 100 }));
    const p = scheduler.request(req('function f() {\n  const a = ', '\n}\n'), live());
    await clock.advance(DEBOUNCE + 100);
    scheduler.accepted((await p)!);
    const next = scheduler.request(req('function f() {\n  const a = compute();', '\n}\n'), live());
    await clock.advance(100);
    assert.equal((await next)?.source, 'reused');
    assert.equal(engine.calls.length, 2);
  });

  it('gives a cancelled caller undefined at once, and stops the orphaned generation after a grace period', async () => {
    const { clock, engine, scheduler, req } = setup(() => ({ text: 'late;', delayMs: 1000 }));
    const inDebounce = new AbortController();
    const early = scheduler.request(req('let a = '), inDebounce.signal);
    inDebounce.abort();
    assert.equal((await settlesAtOnce(early)).value, undefined);
    await clock.advance(DEBOUNCE * 2);
    assert.equal(engine.calls.length, 0, 'never reached the engine');

    const inFlight = new AbortController();
    const late = scheduler.request(req('let b = '), inFlight.signal);
    await clock.advance(DEBOUNCE + 10);
    assert.equal(engine.calls.length, 1);
    inFlight.abort();
    const settled = await settlesAtOnce(late);
    assert.ok(settled.settled);
    assert.equal(settled.value, undefined);
    assert.equal(engine.calls[0].request.signal?.aborted, false, 'kept for a following keystroke');
    await clock.advance(300);
    assert.equal(engine.calls[0].request.signal?.aborted, true);
    assert.equal(scheduler.stats.cancelled, 2);
  });

  it('never returns a suggestion for a document that has moved on', async () => {
    let current = 1;
    const { clock, scheduler, req, live } = setup(() => ({ text: 'x;', delayMs: 100 }), { isCurrent: (r) => r.documentVersion === current });
    const p = scheduler.request(req('let v = ', '\n', { documentVersion: 1 }), live());
    await clock.advance(DEBOUNCE + 50);
    current = 2; // the user typed elsewhere (no completion request for it)
    await clock.advance(100);
    assert.equal(await p, undefined);
    assert.equal(scheduler.stats.staleDropped, 1);
    assert.equal(scheduler.stats.served, 0);
  });

  it('goes straight to the engine for an explicit request', async () => {
    const { engine, scheduler, req, live } = setup(() => ({ text: 'x;', delayMs: 100 }));
    void scheduler.request(req('let v = ', '\n', { trigger: 'explicit' }), live());
    await flush();
    assert.equal(engine.calls.length, 1);
  });

  it('times its parts: model time from the engine, the debounce as waiting, the rest as overhead', async () => {
    const { clock, scheduler, req, live } = setup(() => ({ text: 'x;', delayMs: 200 }));
    const p = scheduler.request(req('let v = '), live());
    await clock.advance(DEBOUNCE + 200);
    const s = await p;
    assert.equal(s?.timings.modelMs, 200);
    assert.equal(s?.timings.waitedMs, DEBOUNCE);
    assert.equal(s?.timings.overheadMs, 0, 'the fake clock does not move while our code runs');
    assert.ok(s?.tokens && s.tokens.prompt > 0);
    assert.equal(scheduler.summary().modelMsP50, 200);
    assert.equal(scheduler.stats.records.at(-1)?.outcome, 'model');
  });

  it('reports engine failures through onError and resolves undefined', async () => {
    const errors: unknown[] = [];
    const { clock, scheduler, req, live } = setup(() => ({ text: '', delayMs: 10, fail: new Error('worker exited') }), { onError: (e) => errors.push(e) });
    const p = scheduler.request(req('let v = '), live());
    await clock.advance(DEBOUNCE + 10);
    assert.equal(await p, undefined);
    assert.equal(scheduler.stats.errors, 1);
    assert.match(String(errors[0]), /worker exited/);
  });

  it('loads the template once through the loader, and reports a loader failure', async () => {
    const errors: unknown[] = [];
    let loads = 0;
    const template = async (): Promise<FimTemplate> => { loads++; if (loads === 1) throw new Error('no model'); return qwen; };
    const { clock, engine, scheduler, req, live } = setup(() => ({ text: 'x;', delayMs: 10 }), { template, onError: (e) => errors.push(e) });
    const first = scheduler.request(req('let a = '), live());
    await clock.advance(DEBOUNCE);
    assert.equal(await first, undefined);
    assert.match(String(errors[0]), /no model/);
    for (const prefix of ['let b = ', 'let c = ']) {
      const p = scheduler.request(req(prefix), live());
      await clock.advance(DEBOUNCE + 10);
      assert.equal((await p)?.text, 'x;');
    }
    assert.equal(loads, 2);
    assert.equal(engine.calls.length, 2);
  });

  it('keeps the prompt front stable while typing: the engine re-evaluates only a small part', async () => {
    const chunks = new ContextChunks();
    chunks.add({ filePath: 'src/util.ts', text: Array.from({ length: 30 }, (_, i) => `export const u${i} = ${i};`).join('\n'), startLine: 0, source: 'view' });
    const { clock, engine, scheduler, req, live } = setup(() => ({ text: 'zz', delayMs: 20 }), { chunks });
    let prefix = Array.from({ length: 60 }, (_, i) => `const v${i} = u${i % 30};`).join('\n') + '\nconst total = ';
    for (const ch of 'v1 + v2 + v3') {
      prefix += ch;
      void scheduler.request(req(prefix, ';\nexport { total };\n'), live());
      await clock.advance(400); // slow typing: every keystroke reaches the engine
    }
    assert.equal(engine.calls.length, 12);
    const later = engine.calls.slice(1);
    const promptChars = later.map((c) => c.request.prompt.length);
    const evaluated = later.map((c) => c.evaluatedChars);
    assert.ok(later.every((c) => c.request.prompt.includes('src/util.ts')));
    assert.ok(Math.max(...evaluated) <= 0.1 * Math.min(...promptChars), `evaluated ${evaluated.join(',')} of ~${promptChars[0]} chars`);
  });

  it('takes the quiet time the host already waited off its debounce, and traces each stage in order', async () => {
    const marks: string[] = [];
    const { clock, engine, scheduler, req, live } = setup(() => ({ text: 'values);', delayMs: 20, stream: true }), {
      trace: (_r, stage) => marks.push(`${stage}@${clock.now()}`),
      options: { debounce: { initialMs: DEBOUNCE, minMs: DEBOUNCE, maxMs: DEBOUNCE }, hostDebounceMs: DEBOUNCE - 10 },
    });
    const pending = scheduler.request(req('const total = sum(', ');\n'), live());
    await clock.advance(10);
    assert.equal(engine.calls.length, 1, 'the engine is asked 10 ms in (50 ms debounce − 40 ms VS Code already waited)');
    await clock.advance(100);
    assert.equal((await pending)?.text, 'values');
    assert.deepEqual(marks.map((m) => m.split('@')[0]), ['decision', 'ipc', 'firstToken', 'lastToken']);
    assert.deepEqual(marks.slice(0, 2).map((m) => Number(m.split('@')[1])), [10, 10]);
  });

  it('tells the trace how each request ended: why a keystroke got no ghost text', async () => {
    const outcomes: string[] = [];
    let current = 2; // the second request's version
    const { clock, scheduler, req, live } = setup(() => ({ text: 'values);', delayMs: 100 }), {
      traceOutcome: (r, outcome) => outcomes.push(`${r.prefix}:${outcome}`),
      isCurrent: (r) => r.documentVersion === current,
    });
    const first = scheduler.request(req('const a = s'), live());
    const second = scheduler.request(req('const a = su'), live());
    await clock.advance(1000);
    await Promise.all([first, second]);
    const third = req('const a = sum');
    current = third.documentVersion + 1; // the document moves on while the model runs
    const stale = scheduler.request(third, live());
    await clock.advance(1000);
    assert.equal(await stale, undefined);
    assert.deepEqual(outcomes, ['const a = s:cancelled', 'const a = su:model', 'const a = sum:stale']);
  });
});
