// Inline completions to a remote tiered.local.endpoint (issue 12, item 5): neverSend files are
// never completed nor used as context, and the clipboard is never context. The in-process model
// and a server on this machine keep everything (nothing leaves the machine).
import * as assert from 'node:assert/strict';
import { ContextChunks } from '../../../src/core/completion/contextChunks';
import { CompletionScheduler } from '../../../src/core/completion/scheduler';
import { completionSendPolicy, isLoopbackUrl } from '../../../src/core/completion/sendPolicy';
import type { CompletionRequest } from '../../../src/core/completion/types';
import { templateFor } from '../../../src/core/providers/local/fimTemplates';
import { FakeClock, ScriptedEngine } from './fakes';

const SECRET = 'STRIPE_KEY=sk_live_do_not_leak_4242';
const CLIPBOARD = 'const copied = "clipboard text that must stay here";\nfoo();';
const NEVER = ['**/.env', 'secrets/**'];

function run(endpoint: string) {
  const clock = new FakeClock();
  const engine = new ScriptedEngine(clock, () => ({ text: 'done();', delayMs: 5 }));
  const chunks = new ContextChunks();
  chunks.add({ filePath: '.env', text: `${SECRET}\nOTHER=1`, source: 'view', startLine: 0 });
  chunks.add({ filePath: 'secrets/keys.ts', text: `export const key = '${SECRET}';`, source: 'edit', startLine: 0 });
  chunks.add({ filePath: 'clipboard', text: CLIPBOARD, source: 'clipboard', startLine: 0 });
  chunks.add({ filePath: 'src/util.ts', text: 'export function helper() {\n  return 42;\n}', source: 'view', startLine: 0 });
  chunks.flush();
  const scheduler = new CompletionScheduler({
    engine, template: templateFor('qwen'), chunks, clock,
    sendPolicy: () => completionSendPolicy(endpoint, NEVER),
    options: { debounce: { initialMs: 10, minMs: 10, maxMs: 10 } },
  });
  const req = (filePath: string, prefix: string): CompletionRequest => ({
    filePath, languageId: 'typescript', prefix, suffix: '\n', documentVersion: 1, trigger: 'explicit',
  });
  const ask = async (r: CompletionRequest) => {
    const pending = scheduler.request(r, new AbortController().signal);
    await clock.advance(100);
    return pending;
  };
  return { engine, scheduler, req, ask };
}

describe('Inline completions and tiered.privacy.neverSend', () => {
  it('tells loopback endpoints from remote ones', () => {
    for (const url of ['http://127.0.0.1:8080/v1', 'http://localhost:11434/v1', 'http://[::1]:8080', 'http://127.1.2.3/v1']) assert.ok(isLoopbackUrl(url), url);
    for (const url of ['http://10.0.0.5:8080/v1', 'https://llm.example.com/v1', 'http://localhost.example.com/v1', 'http://127.0.0.1.nip.io/v1', 'not a url']) assert.ok(!isLoopbackUrl(url), url);
  });

  it('sends no neverSend file and no clipboard to a remote endpoint', async () => {
    const { engine, ask, req, scheduler } = run('http://203.0.113.7:8080/v1');
    const ok = await ask(req('src/app.ts', 'function main() {\n  '));
    assert.equal(ok?.text, 'done();');
    const prompt = engine.calls[0].request.prompt;
    assert.ok(prompt.includes('helper()'), 'an ordinary file is still context');
    assert.ok(!prompt.includes('sk_live_do_not_leak'), 'a neverSend file went out as context');
    assert.ok(!prompt.includes('clipboard text'), 'the clipboard went out as context');
    assert.ok(!JSON.stringify(engine.calls[0].request.parts).includes('sk_live'), 'a neverSend file went out in the prompt parts');

    // A completion inside a neverSend file is not asked for at all.
    const none = await ask(req('config/.env', 'STRIPE_KEY=sk_live_'));
    assert.equal(none, undefined);
    assert.equal(engine.calls.length, 1, 'the neverSend file was sent to the remote endpoint');
    assert.equal(scheduler.stats.withheld, 1);
  });

  it('keeps every chunk with the in-process model or a server on this machine', async () => {
    for (const endpoint of ['', 'http://127.0.0.1:8080/v1']) {
      const { engine, ask, req } = run(endpoint);
      await ask(req('src/app.ts', 'function main() {\n  '));
      const prompt = engine.calls[0].request.prompt;
      assert.ok(prompt.includes('clipboard text') && prompt.includes('sk_live_do_not_leak'), endpoint || 'in-process');
    }
  });
});
