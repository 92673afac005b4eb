// prepareFim's choice of context chunks: with the estimate the engine's counts calibrated, what
// is chosen is what ends up in the prompt, and a chunk too large for the budget is cut around its
// centre rather than leaving the prompt without context from other files.
import * as assert from 'node:assert/strict';
import { cutAroundCentre } from '../../../src/core/completion/chunkPick';
import { ContextChunks } from '../../../src/core/completion/contextChunks';
import { prepareFim, type PrepareContext } from '../../../src/core/completion/prepareFim';
import { chunkTokenBudget, DEFAULT_PROMPT_OPTIONS } from '../../../src/core/completion/prompt';
import { DEFAULT_SCHEDULER_OPTIONS } from '../../../src/core/completion/scheduler';
import { SEND_ANYTHING } from '../../../src/core/completion/sendPolicy';
import { TokenEstimate } from '../../../src/core/completion/tokenEstimate';
import { requestFromText } from '../../../src/core/completion/types';
import { templateFor } from '../../../src/core/providers/local/fimTemplates';
import { FakeClock } from './fakes';

/** 32 lines of another file (~60 characters each), with a marker on its middle line. */
function otherFile(): string {
  return Array.from({ length: 32 }, (_, i) => (i === 15
    ? 'export function centreMarker(value: number): number { return value; }'
    : `export const setting${String(i).padStart(2, '0')} = computeSomething(${i}, 'abcdefghij');`)).join('\n');
}

function contextWith(estimate: TokenEstimate, chunks: ContextChunks) {
  // Built as a variable: the same object compiles against older PrepareContext shapes.
  const ctx = {
    chunks, policy: SEND_ANYTHING, limits: DEFAULT_SCHEDULER_OPTIONS, clock: new FakeClock(),
    prompt: { ...DEFAULT_PROMPT_OPTIONS, countTokens: estimate.count }, counter: estimate,
  };
  return ctx as PrepareContext;
}

const typing = (text: string, version: number) => requestFromText({ filePath: 'src/main.ts', languageId: 'typescript', text, offset: text.length, documentVersion: version });

describe('prepareFim: context chunks with a calibrated estimate', () => {
  it('keeps context from another file when the model has ~1 character per token: the chunk is cut around its centre', () => {
    const estimate = new TokenEstimate();
    // The engine measured a prompt of 4,000 characters as 4,000 tokens (a byte-level vocabulary).
    assert.equal(estimate.observe(4000, 4000), true);
    const chunks = new ContextChunks();
    chunks.add({ filePath: 'src/other.ts', text: otherFile(), startLine: 100, source: 'edit' });
    chunks.flush();
    const ctx = contextWith(estimate, chunks);
    const prepared = prepareFim(typing('const x = centre', 1), templateFor('qwen'), ctx);

    assert.equal(prepared.built.layout.chunks, 1, 'the prompt has context from src/other.ts');
    assert.ok(prepared.built.prompt.includes('src/other.ts'));
    assert.ok(prepared.built.prompt.includes('centreMarker'), 'the centre of the chunk is in the prompt');
    assert.ok(!prepared.built.prompt.includes('setting00') || !prepared.built.prompt.includes('setting31'), 'the chunk was cut, not sent whole');
    const budget = chunkTokenBudget(DEFAULT_PROMPT_OPTIONS);
    const picked = chunks.pick(budget, 'src/main.ts', estimate);
    assert.equal(picked.length, 1);
    assert.ok(estimate.count(picked[0].text) + estimate.count(picked[0].filePath) + 4 <= budget, 'the cut chunk fits the chunk budget by the calibrated estimate');
    assert.ok(picked[0].text.length > budget * estimate.charsPerToken * 0.8, 'the cut chunk uses most of the budget');

    // Typing on: the same chunk, byte for byte (the KV cache keeps the prompt's front).
    const next = prepareFim(typing('const x = centreM', 2), templateFor('qwen'), ctx);
    assert.equal(next.built.parts.before, prepared.built.parts.before);
  });

  it('sends chunks whole when they fit, and chooses again when the estimate changes', () => {
    const estimate = new TokenEstimate();
    const chunks = new ContextChunks();
    chunks.add({ filePath: 'src/other.ts', text: otherFile(), startLine: 0, source: 'view' });
    chunks.flush();
    const ctx = contextWith(estimate, chunks);
    const whole = prepareFim(typing('let y = ', 1), templateFor('qwen'), ctx);
    assert.equal(whole.built.layout.chunks, 1);
    assert.ok(whole.built.prompt.includes(otherFile()), 'at 3.5 characters per token the chunk fits whole');
    estimate.observe(4000, 4000);
    const cut = prepareFim(typing('let y = ', 1), templateFor('qwen'), ctx);
    assert.equal(cut.built.layout.chunks, 1);
    assert.ok(!cut.built.prompt.includes(otherFile()) && cut.built.prompt.includes('centreMarker'));
  });

  it('cuts a single giant line to its middle characters, never splitting an emoji', () => {
    const line = `${'a'.repeat(500)}🎉MIDDLE🎉${'b'.repeat(500)}`;
    const count = (text: string) => text.length; // one token per UTF-16 unit
    const cut = cutAroundCentre({ filePath: 'min.js', text: line, startLine: 7 }, 100, count);
    assert.ok(cut);
    assert.ok(cut.text.includes('MIDDLE'));
    assert.ok(cut.text.length + 'min.js'.length + 4 <= 100);
    assert.ok(!/^[\udc00-\udfff]/.test(cut.text) && !/[\ud800-\udbff]$/.test(cut.text), 'a surrogate pair was split');
    assert.equal(cut.startLine, 7);
    assert.equal(cutAroundCentre({ filePath: 'min.js', text: line, startLine: 0 }, 5, count), undefined, 'not even the path fits');
  });
});
