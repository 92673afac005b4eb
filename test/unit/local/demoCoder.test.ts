// The demo code model committed in models/ (issue 13): the extension inspects it, detects it as
// Qwen2.5-Coder-style, knows it cannot chat, and drives it like a real Qwen2.5-Coder — the FIM
// markers reach the model as single special tokens.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { MemoryLogger } from '../../../src/core/log';
import { capabilitiesOf } from '../../../src/core/providers/local/capabilities';
import { inspectGguf } from '../../../src/core/providers/local/ggufInfo';
import { LocalTier } from '../../../src/core/providers/local/localTier';
import { repoRoot } from '../../support/paths';
import { workerPath } from './helpers';

const MODEL = path.join(repoRoot, 'models', 'tiered-demo-coder.gguf');
const QWEN_SPECIALS = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>', '<|im_start|>', '<|im_end|>'];

describe('the demo code model (models/tiered-demo-coder.gguf)', function () {
  this.timeout(60_000);

  it('passes GGUF inspection as a Qwen2-architecture model with Qwen2.5-Coder special tokens, completion-only', async () => {
    const info = await inspectGguf(MODEL);
    assert.equal(info.architecture, 'qwen2');
    assert.ok(info.fileSize <= 40 * 1024 ** 2, `${info.fileSize} bytes`);
    assert.match(info.name, /demo/i);
    assert.equal(info.fimFamily, 'qwen');
    for (const t of QWEN_SPECIALS) assert.equal(typeof info.specialTokens[t], 'number', `${t} missing`);
    assert.equal(new Set(QWEN_SPECIALS.map((t) => info.specialTokens[t])).size, QWEN_SPECIALS.length);
    assert.equal(info.hasChatTemplate, false);
    assert.deepEqual(capabilitiesOf(info), { name: info.name, fim: true, chat: false, evidence: 'qwen FIM tokens, no chat template' });
  });

  it('gets the repo-level Qwen template and prompts within its own context; FIM markers are one token each', async () => {
    const tier = new LocalTier({ workerPath: workerPath(), logicalCpus: 2, logger: new MemoryLogger() }, { modelPath: MODEL, endpoint: '', threads: 1, contextSize: 4096 });
    try {
      const template = await tier.template();
      assert.equal(template.family, 'qwen');
      assert.equal(template.fileSeparators, true);
      const info = await inspectGguf(MODEL);
      assert.equal(template.contextTokens, info.contextLength);
      assert.deepEqual(await tier.capabilities(), capabilitiesOf(info));
      // Tokenized as text, '<|fim_prefix|>' alone is 5+ tokens; as a special token it is one.
      for (const t of ['<|fim_prefix|>', '<|file_sep|>', '<|repo_name|>']) {
        const r = await tier.fim({ prompt: t, maxTokens: 1 });
        assert.equal(r.promptTokens, 1, `${t} became ${r.promptTokens} tokens`);
      }
      const bare = await tier.fim({ prompt: '<|fim_prefix|><|fim_suffix|><|fim_middle|>', maxTokens: 1 });
      assert.equal(bare.promptTokens, 3);
    } finally {
      tier.dispose();
    }
  });
});
