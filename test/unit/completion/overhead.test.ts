// Prints what the pipeline costs per request on a large file with a full context ring, with an
// engine that answers instantly (so all measured time is Tiered's own). Figures, not a timing test.

import * as assert from 'node:assert/strict';
import { ContextChunks } from '../../../src/core/completion/contextChunks';
import { templateFor } from '../../../src/core/providers/local/fimTemplates';
import { CompletionScheduler } from '../../../src/core/completion/scheduler';
import type { FimEngine } from '../../../src/core/completion/types';

describe('pipeline overhead (figures)', () => {
  it('prints overhead per request for 600 keystrokes in a 3,000-line file', async () => {
    let calls = 0;
    const engine: FimEngine = {
      fim: async (req) => {
        calls++;
        return { text: calls % 3 === 0 ? 'total + 1;' : 'value(x)', finishReason: 'stop', promptTokens: Math.ceil(req.prompt.length / 3.5), evaluatedTokens: 5, generatedTokens: 4, modelMs: 0 };
      },
    };
    const chunks = new ContextChunks();
    for (let f = 0; f < 20; f++) {
      chunks.addAround(`src/file${f}.ts`, Array.from({ length: 200 }, (_, i) => `export function f${f}_${i}(a: number) { return a * ${i}; }`).join('\n'), 100, 'view');
    }
    const scheduler = new CompletionScheduler({ engine, template: templateFor('qwen'), chunks });
    const before = Array.from({ length: 1500 }, (_, i) => `  const v${i} = compute(${i}, "${'x'.repeat(i % 40)}");`).join('\n');
    const after = Array.from({ length: 1500 }, (_, i) => `  use(v${i});`).join('\n');
    let typed = '';
    const line = 'const result = items.map((item) => item.value * 2).filter(Boolean);\n  ';
    for (let i = 0; i < 600; i++) {
      typed += line[i % line.length];
      await scheduler.request({
        filePath: 'src/big.ts', languageId: 'typescript', prefix: `function big() {\n${before}\n  ${typed}`, suffix: `\n${after}\n}\n`,
        cursorLine: 1501 + typed.split('\n').length - 1, documentVersion: i, trigger: 'explicit',
      }, new AbortController().signal);
    }
    const s = scheduler.summary();
    process.stdout.write(`      overhead per request: p50 ${s.overheadMsP50?.toFixed(3)} ms, p95 ${s.overheadMsP95?.toFixed(3)} ms; ` +
      `${scheduler.stats.cacheHits} cache hits, ${calls} engine calls, prompt ~${s.promptTokensP50} tokens\n`);
    assert.equal(scheduler.stats.requests, 600);
    assert.ok((s.overheadMsP50 ?? -1) >= 0);
  });
});
