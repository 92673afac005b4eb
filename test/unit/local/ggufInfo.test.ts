// Model file inspection: what Tiered reads from a GGUF header, and the message for each bad file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserFacingError } from '../../../src/core/errors';
import { detectFimFamily } from '../../../src/core/providers/local/fimFamily';
import { inspectGguf } from '../../../src/core/providers/local/ggufInfo';
import { restartDelayMs } from '../../../src/core/providers/local/backoff';
import { chooseThreads } from '../../../src/core/providers/local/threads';
import { makeEngine, tempDir, tinyModel } from './helpers';
import { tinyGgufBytes } from '../../support/tinyGguf';

describe('inspectGguf', () => {
  let dir: string;
  before(() => { dir = tempDir(); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rejectsWith = async (file: string, pattern: RegExp) => {
    await assert.rejects(inspectGguf(file), (e: unknown) => {
      assert.ok(e instanceof UserFacingError, String(e));
      assert.match(e.message, pattern);
      assert.ok(e.message.includes(file), `names the file: ${e.message}`);
      assert.deepEqual(e.actions.map((a) => a.command), ['tiered.chooseLocalModel']);
      return true;
    });
  };

  it('reads the tiny model: architecture, name, demo flag, FIM family, chat template, size', async () => {
    const file = tinyModel(dir);
    const info = await inspectGguf(file);
    assert.equal(info.architecture, 'llama');
    assert.equal(info.name, 'Tiered demo (tiny)');
    assert.equal(info.isDemo, true);
    assert.equal(info.fimFamily, 'qwen');
    assert.equal(info.hasChatTemplate, true);
    assert.equal(info.contextLength, 8192);
    assert.equal(info.fileSize, fs.statSync(file).size);
    assert.equal(info.specialTokens['<|fim_middle|>'], 260);
    assert.equal(info.vocabSize, 265);
  });

  it('writes the same bytes every time', () => {
    assert.ok(tinyGgufBytes().equals(tinyGgufBytes()));
  });

  it('a missing file', () => rejectsWith(path.join(dir, 'nope.gguf'), /does not exist\. Choose a \.gguf file with 'Tiered: Choose Local Model'/));
  it('a folder', () => rejectsWith(dir, /is a folder, not a GGUF model file/));
  it('a zip file', async () => rejectsWith(tinyModel(dir, 'zip.gguf', { broken: 'magic' }), /is not a GGUF model file \(it starts with 'PK'\)/));
  it('an empty file', async () => {
    const f = path.join(dir, 'empty.gguf');
    fs.writeFileSync(f, '');
    await rejectsWith(f, /is not a GGUF model file \(it is empty\)/);
  });
  it('an unsupported GGUF version', () => rejectsWith(tinyModel(dir, 'v99.gguf', { broken: 'version' }), /GGUF version 99, which Tiered cannot read/));
  it('a file cut in its weights (interrupted download)', () => rejectsWith(tinyModel(dir, 'half.gguf', { broken: 'truncated' }), /is incomplete: \d+ of \d+ bytes/));
  it('a file cut in its header', async () => {
    const f = path.join(dir, 'head.gguf');
    fs.writeFileSync(f, tinyGgufBytes().subarray(0, 300));
    await rejectsWith(f, /is incomplete or damaged/);
  });
  it('an unknown architecture', () => rejectsWith(tinyModel(dir, 'arch.gguf', { broken: 'architecture' }), /architecture 'tiered-unknown-arch', which the bundled llama.cpp cannot run/));

  it('the engine refuses a bad file before starting any process, and goes to the error state', async () => {
    const { engine } = makeEngine(tinyModel(dir, 'zip2.gguf', { broken: 'magic' }));
    await assert.rejects(engine.fim({ prompt: 'a', maxTokens: 2 }), /is not a GGUF model file/);
    assert.equal(engine.pid, undefined);
    assert.equal(engine.state.state, 'error');
    engine.dispose();
  });
});

describe('local engine decisions', () => {
  it('detects the FIM family of each code model from its special tokens', () => {
    assert.equal(detectFimFamily(new Set(['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'])), 'qwen');
    assert.equal(detectFimFamily(new Set(['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'])), 'deepseek');
    assert.equal(detectFimFamily(new Set(['<fim_prefix>', '<fim_suffix>', '<fim_middle>'])), 'starcoder');
    assert.equal(detectFimFamily(new Set(['▁<PRE>', '▁<SUF>', '▁<MID>'])), 'codellama');
    assert.equal(detectFimFamily(new Set(['[PREFIX]', '[SUFFIX]'])), 'codestral');
    assert.equal(detectFimFamily(new Set(['<|im_start|>'])), undefined);
  });

  it('chooses threads: the setting wins, else half the logical CPUs within 1..8', () => {
    assert.equal(chooseThreads(3, 2), 3);
    assert.equal(chooseThreads(0, 2), 1);
    assert.equal(chooseThreads(0, 1), 1);
    assert.equal(chooseThreads(0, 12), 6);
    assert.equal(chooseThreads(0, 64), 8);
  });

  it('backs off restarts 0.5 s, 1 s, 2 s … capped', () => {
    assert.deepEqual([0, 1, 2, 3, 10].map((n) => restartDelayMs(n)), [0, 500, 1000, 2000, 30000]);
  });
});
