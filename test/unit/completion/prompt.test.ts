import * as assert from 'node:assert/strict';
import { templateFor } from '../../../src/core/providers/local/fimTemplates';
import { buildPrompt, chunkTokenBudget, suffixWindow } from '../../../src/core/completion/prompt';
import { requestFromText, type CompletionRequest } from '../../../src/core/completion/types';

const qwen = templateFor('qwen', { fileSeparators: true });
const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i};`).join('\n');

function at(text: string, marker = '|'): CompletionRequest {
  const offset = text.indexOf(marker);
  return requestFromText({ filePath: 'src/main.ts', languageId: 'typescript', text: text.replace(marker, ''), offset, documentVersion: 1 });
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

describe('buildPrompt', () => {
  it('puts chunks, then the file header, then the prefix, then the suffix, with the family\'s stop strings', () => {
    const built = buildPrompt(at('const a = 1;\nconst b = |;\nexport {};\n'), [{ filePath: 'src/util.ts', text: 'export const u = 1;' }], qwen, { repoName: 'demo' });
    assert.equal(built.prompt,
      '<|repo_name|>demo\n<|file_sep|>src/util.ts\nexport const u = 1;\n<|file_sep|>src/main.ts\n' +
      '<|fim_prefix|>const a = 1;\nconst b = <|fim_suffix|>;\nexport {};\n<|fim_middle|>');
    assert.ok(built.stop.includes('<|file_sep|>'));
    assert.equal(built.promptChars, built.prompt.length);
    assert.equal(built.layout.chunks, 1);
    assert.equal(built.layout.prefixLines, 2);
  });

  it('caps the prefix window in whole lines and the suffix window small', () => {
    const text = `${lines(500, 'before')}\nconst x = |;\n${lines(500, 'after')}`;
    const built = buildPrompt(at(text), [], qwen, { maxPrefixLines: 100, anchorLines: 1, maxSuffixLines: 5, maxSuffixChars: 10_000 });
    assert.equal(built.layout.prefixLines, 101);
    assert.ok(built.prefixWindow.startsWith('before 400;'), built.prefixWindow.slice(0, 30));
    assert.equal(built.suffixWindow, `;\n${lines(5, 'after')}\n`);
  });

  it('moves the start of the prefix window only every anchorLines lines, so consecutive prompts share a long prefix', () => {
    const base = `${lines(300, 'before')}\n`;
    const keepsPrefix = (anchorLines: number) => {
      const prompts: string[] = [];
      let typed = '';
      for (const ch of 'function add(a, b) {\n  return a + b;\n}\n') {
        typed += ch;
        prompts.push(buildPrompt(at(`${base}${typed}|\n}\n`), [], qwen, { maxPrefixLines: 128, anchorLines }).prompt);
      }
      let kept = 0;
      for (let i = 1; i < prompts.length; i++) {
        // Everything up to the cursor is shared: only the new character and the suffix are new.
        if (commonPrefix(prompts[i - 1], prompts[i]) >= prompts[i - 1].indexOf('<|fim_suffix|>')) kept++;
      }
      return { kept, keystrokes: prompts.length - 1 };
    };
    const anchored = keepsPrefix(16);
    assert.equal(anchored.kept, anchored.keystrokes);
    // Without anchoring, each new line slides the window and the whole prompt is evaluated again.
    const sliding = keepsPrefix(1);
    assert.equal(sliding.kept, sliding.keystrokes - 3);
  });

  it('keeps the prompt inside the context window, dropping far prefix lines first', () => {
    const count = (t: string) => t.length; // 1 token per character, to make the budget exact
    const text = `${lines(200, 'far')}\nnear;\nconst x = |;\n`;
    const built = buildPrompt(at(text), [], qwen, { contextTokens: 600, maxOutputTokens: 100, countTokens: count, anchorLines: 4, maxPrefixLines: 1000 });
    assert.ok(built.layout.tokens <= 600 - 100, `${built.layout.tokens} tokens`);
    assert.ok(built.prompt.length <= 500);
    assert.ok(built.layout.droppedPrefixLines > 0);
    assert.ok(built.prefixWindow.endsWith('near;\nconst x = '));
    assert.ok(built.prefixWindow.startsWith('far '), 'cut at a line start');
  });

  it('drops the oldest chunks beyond the chunk budget', () => {
    const count = (t: string) => t.length;
    const chunks = ['a', 'b', 'c'].map((n) => ({ filePath: `${n}.ts`, text: n.repeat(200) }));
    const options = { contextTokens: 2000, maxOutputTokens: 100, chunkTokens: 450, countTokens: count };
    assert.equal(chunkTokenBudget(options), 450);
    const built = buildPrompt(at('x = |'), chunks, qwen, options);
    assert.equal(built.layout.chunks, 2);
    assert.ok(!built.prompt.includes('a.ts'));
    assert.ok(built.prompt.indexOf('b.ts') < built.prompt.indexOf('c.ts'));
  });

  it('handles an empty file and a cursor at the very start', () => {
    const built = buildPrompt(at('|'), [], qwen);
    assert.ok(built.prompt.endsWith('<|fim_prefix|><|fim_suffix|><|fim_middle|>'));
    const start = buildPrompt(at('|const x = 1;\n'), [], qwen);
    assert.equal(start.prefixWindow, '');
    assert.equal(start.suffixWindow, 'const x = 1;\n');
  });

  it('uses the cursor line the adapter gives instead of counting', () => {
    const text = `${lines(40)}\nx|`;
    const req = { ...at(text), cursorLine: 40 };
    assert.deepEqual(buildPrompt(req, [], qwen, { maxPrefixLines: 10, anchorLines: 1 }).prefixWindow, buildPrompt(at(text), [], qwen, { maxPrefixLines: 10, anchorLines: 1 }).prefixWindow);
  });
});

describe('suffixWindow', () => {
  it('keeps whole lines within the character cap', () => {
    assert.equal(suffixWindow(');\nabc\ndefgh\n', 10, 9), ');\nabc\n');
    assert.equal(suffixWindow('x'.repeat(50), 10, 20), 'x'.repeat(20));
  });
});
