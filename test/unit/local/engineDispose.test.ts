// Disposing the local engine while its worker starts (issue 12, item 9): the worker must not
// outlive the engine, whichever await of the start it is in.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { makeEngine, tempDir, tinyModel } from './helpers';

/** The worker processes this test process has forked and that still run. */
function workerChildren(): string[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when it lists nothing
  }
  return out.split('\n').filter((l) => l.includes('local-worker'));
}

/** Kills workers that outlived their engine, so a regression fails this test instead of hanging the run. */
function reap(before: string[]): void {
  for (const line of workerChildren()) {
    if (before.includes(line)) continue;
    try { process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL'); } catch { /* gone already */ }
  }
}

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('LocalEngine disposed while it starts', () => {
  let dir: string;
  before(() => { dir = tempDir(); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves no worker process when disposed before the worker is forked', async () => {
    const before = workerChildren();
    const { engine } = makeEngine(tinyModel(dir, 'early.gguf'));
    const pending = engine.fim({ prompt: 'abc', maxTokens: 2 });
    engine.dispose(); // the start is still in its first await (backoff delay, model inspection)
    try {
      await assert.rejects(pending, /shut down/);
      await settle(1500);
      assert.equal(engine.pid, undefined);
      assert.deepEqual(workerChildren(), before, 'a worker outlived its engine');
    } finally {
      reap(before);
    }
  });

  it('leaves no worker process when disposed while the model loads', async () => {
    const before = workerChildren();
    const { engine } = makeEngine(tinyModel(dir, 'loading.gguf'));
    const states: string[] = [];
    const loading = new Promise<void>((resolve) => engine.onState((s) => { states.push(s.state); if (s.state === 'loading') resolve(); }));
    const pending = engine.fim({ prompt: 'abc', maxTokens: 2 });
    await loading;
    engine.dispose();
    try {
      await assert.rejects(pending);
      await settle(1500);
      assert.equal(engine.pid, undefined);
      assert.deepEqual(workerChildren(), before, 'a worker outlived its engine');
    } finally {
      reap(before);
    }
  });
});
