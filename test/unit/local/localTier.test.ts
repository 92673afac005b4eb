import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryLogger } from '../../../src/core/log';
import { LocalTier, type LocalTierState } from '../../../src/core/providers/local/localTier';
import { startFakeCompletionServer } from '../../support/fakeCompletionServer';
import { TINY_MODEL_NAME, writeTinyGguf } from '../../support/tinyGguf';
import { repoRoot } from '../../support/paths';

describe('LocalTier: the local tier built from the settings', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tltier-'));
  const model = writeTinyGguf(path.join(dir, 'tiny.gguf'));
  const workerPath = path.join(repoRoot, 'dist', 'local-worker.js');
  const base = { endpoint: '', threads: 1, contextSize: 1024 };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('with no model says what to do, and starts nothing', async () => {
    const tier = new LocalTier({ workerPath, logicalCpus: 2, logger: new MemoryLogger() }, { ...base, modelPath: '' });
    assert.equal(tier.state.kind, 'no-model');
    await assert.rejects(tier.fim({ prompt: 'abc', maxTokens: 4 }), /Choose Local Model/);
    assert.equal(tier.chatProvider(), undefined);
    tier.dispose();
  });

  it('loads the model lazily, detects its FIM format and completes', async () => {
    assert.ok(fs.existsSync(workerPath), 'run `node esbuild.mjs` first (dist/local-worker.js)');
    const states: LocalTierState['kind'][] = [];
    const tier = new LocalTier({ workerPath, logicalCpus: 2, logger: new MemoryLogger() }, { ...base, modelPath: model });
    tier.onState((s) => states.push(s.kind));
    assert.equal(tier.state.kind, 'off');
    const template = await tier.template();
    assert.equal(template.family, 'qwen');
    const out = await tier.fim({ prompt: 'abc', maxTokens: 4 });
    assert.equal(out.text, 'defg');
    assert.deepEqual(states.filter((k) => k !== 'off').slice(0, 2), ['loading', 'ready']);
    const state = tier.state as LocalTierState;
    assert.equal(state.kind === 'ready' && state.demo, true);
    tier.dispose();
  });

  it('names the model and marks the demo model from its header before anything loads', async () => {
    const tier = new LocalTier({ workerPath, logicalCpus: 2, logger: new MemoryLogger() }, { ...base, modelPath: model });
    const named = await new Promise<LocalTierState>((resolve) => tier.onState(resolve));
    assert.deepEqual(named, { kind: 'off', model: TINY_MODEL_NAME, demo: true });
    assert.equal(tier.localEngine?.state.state, 'idle', 'no process started');
    tier.dispose();
  });

  it('sends the same FIM requests to a shared server when tiered.local.endpoint is set', async () => {
    const server = await startFakeCompletionServer(() => ({ chunks: ['x = ', '1;'] }));
    try {
      const tier = new LocalTier({ workerPath, logicalCpus: 2, logger: new MemoryLogger() }, { ...base, modelPath: model, endpoint: server.url });
      assert.equal(tier.usesEndpoint, true);
      const out = await tier.fim({ prompt: '<|fim_prefix|>let <|fim_suffix|>\n<|fim_middle|>', maxTokens: 8 });
      assert.equal(out.text, 'x = 1;');
      assert.equal(server.requests.length, 1);
      tier.dispose();
    } finally {
      await server.close();
    }
  });

  it('rebuilds only when a setting that shapes the engine changes', () => {
    const logger = new MemoryLogger();
    const tier = new LocalTier({ workerPath, logicalCpus: 2, logger }, { ...base, modelPath: model });
    const before = tier.localEngine;
    tier.configure({ ...base, modelPath: model });
    assert.equal(tier.localEngine, before);
    tier.configure({ ...base, modelPath: model, contextSize: 2048 });
    assert.notEqual(tier.localEngine, before);
    tier.dispose();
  });
});
