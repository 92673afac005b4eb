// Exact prompt budgets with the model's own tokenizer (issue 11, item 1): for each kind of content
// a real repository holds, the prompt the worker sends to node-llama-cpp fits the context
// (prompt + max output ≤ context size, so nothing is shifted or truncated silently), what was
// trimmed is counted, and typing one more character re-evaluates only the end of the prompt
// (the layout is KV-stable). The real worker and tokenizer of the generated tiny model; the
// extension's estimate (3.5 characters per token) is far off for its byte-sized tokens, as it was
// on the history that showed the bug.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { buildPrompt } from '../../../src/core/completion/prompt';
import { requestFromText, type CompletionRequest } from '../../../src/core/completion/types';
import type { LocalEngine } from '../../../src/core/providers/local/engine';
import { templateFor } from '../../../src/core/providers/local/fimTemplates';
import { PIECE_CHARS } from '../../../src/core/providers/local/promptTokens';
import type { FimResult } from '../../../src/core/providers/types';
import { makeEngine, tempDir, tinyModel } from './helpers';

const CONTEXT = 2048;
const MAX_OUT = 32;
const template = templateFor('qwen');
const chunks = [
  { filePath: 'src/util.ts', text: 'export function helper(a: number) {\n  return a * 2;\n}\n'.repeat(6) },
  { filePath: 'src/types.ts', text: 'export interface Point { x: number; y: number }\n'.repeat(8) },
];
const estimate = (text: string) => Math.ceil(text.length / 3.5);

function repeatTo(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

/** Content kinds, each with the cursor placed after a letter well inside the file. */
const KINDS: { name: string; text: () => string; cursor: (text: string) => number }[] = [
  { name: 'ordinary code', text: () => repeatTo('function add(a, b) {\n  return a + b;\n}\n\n', 40_000), cursor: (t) => t.lastIndexOf('retur', 30_000) + 5 },
  { name: 'a minified file (one 300,000-character line)', text: () => repeatTo('var a=function(b){return b+1};', 300_000), cursor: (t) => t.lastIndexOf('retur', 250_000) + 5 },
  { name: 'long lines (4,000 characters each)', text: () => Array.from({ length: 40 }, (_, i) => `const row${i} = [${repeatTo('1, 22, 333, ', 4000)}];`).join('\n'), cursor: (t) => t.indexOf('row35') + 3000 },
  { name: 'non-ASCII and emoji', text: () => repeatTo('const grüße = "héllo wörld 🎉🚀 日本語テキスト"; // naïve façade ✓\n', 60_000), cursor: (t) => t.lastIndexOf('const', 40_000) + 4 },
  { name: 'CRLF line ends', text: () => repeatTo('if (x) {\r\n  y();\r\n}\r\n', 40_000), cursor: (t) => t.lastIndexOf('if (x) {', 30_000) + 2 },
  { name: 'tabs', text: () => repeatTo('func main() {\n\tif x {\n\t\treturn y\n\t}\n}\n', 40_000), cursor: (t) => t.lastIndexOf('retur', 30_000) + 5 },
  { name: 'a 5 MB file', text: () => repeatTo('export const value = compute(input, options);\n', 5 * 1024 * 1024), cursor: (t) => t.lastIndexOf('compute', 4_000_000) + 4 },
  { name: 'no newline at all', text: () => repeatTo('abc def ghi ', 50_000), cursor: (t) => t.length },
  { name: 'generated code', text: () => Array.from({ length: 3000 }, (_, i) => `  { id: ${i}, name: "item_${i}", hash: "${(i * 2654435761 % 2 ** 32).toString(16)}" },`).join('\n'), cursor: (t) => t.lastIndexOf('name', 150_000) + 3 },
];

function requestAt(text: string, offset: number): CompletionRequest {
  const req = requestFromText({ filePath: 'src/file.ts', languageId: 'typescript', text, offset, documentVersion: 1 });
  // As the VS Code adapter does: the line number, not a count of the whole prefix's newlines.
  let line = 0;
  for (let i = req.prefix.indexOf('\n'); i >= 0; i = req.prefix.indexOf('\n', i + 1)) line++;
  return { ...req, cursorLine: line };
}

async function complete(engine: LocalEngine, req: CompletionRequest): Promise<{ result: FimResult; after: string; prefix: string }> {
  const built = buildPrompt(req, chunks, template, { contextTokens: CONTEXT, maxOutputTokens: MAX_OUT, countTokens: estimate, maxPrefixLines: 2000 });
  const result = await engine.fim({ prompt: built.prompt, parts: built.parts, maxTokens: MAX_OUT });
  return { result, after: built.parts.after, prefix: built.parts.prefix };
}

describe('Prompt budgets with the model\'s own tokenizer, per kind of content', function () {
  this.timeout(60_000);
  let dir: string;
  let engine: LocalEngine;
  before(() => {
    dir = tempDir();
    ({ engine } = makeEngine(tinyModel(dir), { contextSize: CONTEXT }));
  });
  after(() => {
    engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const kind of KINDS) {
    it(`${kind.name}: fits the context, counts what it trimmed, and one keystroke re-evaluates only the end`, async () => {
      const text = kind.text();
      const offset = kind.cursor(text);
      assert.ok(offset > 0, 'the cursor is in the file');
      const first = await complete(engine, requestAt(text, offset));
      const r1 = first.result;
      assert.equal(r1.contextTokens, CONTEXT);
      assert.ok(!r1.overContext, 'the prompt was refused');
      assert.ok(r1.promptTokens > 0 && r1.promptTokens + MAX_OUT <= CONTEXT, `prompt ${r1.promptTokens} + output ${MAX_OUT} > context ${CONTEXT}`);
      assert.ok((r1.trimmedTokens ?? 0) > 0, 'the estimate overshot, so the worker must have trimmed (and counted) the far prefix');
      assert.ok(r1.promptTokens > CONTEXT * 0.6, `the prompt uses the context (${r1.promptTokens} tokens)`);

      // One more character typed at the cursor.
      const typed = text.slice(0, offset) + 'x' + text.slice(offset);
      const second = await complete(engine, requestAt(typed, offset + 1));
      const r2 = second.result;
      assert.ok(r2.promptTokens + MAX_OUT <= CONTEXT);
      // Tokens of the byte-level vocabulary are at least one byte: the cursor line's last pieces
      // and the part after the prefix bound what may be new.
      const lineStart = second.prefix.lastIndexOf('\n') + 1;
      const tail = second.prefix.slice(Math.max(lineStart, second.prefix.length - 2 * PIECE_CHARS));
      const bound = Buffer.byteLength(tail) + Buffer.byteLength(second.after) + 2;
      assert.ok(r2.evaluatedTokens <= bound, `evaluated ${r2.evaluatedTokens} of ${r2.promptTokens} tokens after one keystroke (bound ${bound})`);
    });
  }
});
