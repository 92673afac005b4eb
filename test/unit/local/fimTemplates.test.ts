import * as assert from 'node:assert/strict';
import { detectFamily, FIM_FAMILIES, templateFor, type FimParts } from '../../../src/core/providers/local/fimTemplates';

const parts: FimParts = {
  chunks: [{ filePath: 'src/util.ts', text: 'export const one = 1;' }],
  filePath: 'src/main.ts',
  languageId: 'typescript',
  prefix: 'const x = ',
  suffix: ';\n',
  repoName: 'demo',
};

describe('FIM templates', () => {
  it('lays out Qwen2.5-Coder repo-level context with its own tokens', () => {
    const { prompt } = templateFor('qwen', { fileSeparators: true }).render(parts);
    assert.equal(prompt,
      '<|repo_name|>demo\n<|file_sep|>src/util.ts\nexport const one = 1;\n<|file_sep|>src/main.ts\n' +
      '<|fim_prefix|>const x = <|fim_suffix|>;\n<|fim_middle|>');
  });

  it('names files in comments when Qwen-style tokens come without file separators', () => {
    const { prompt } = templateFor('qwen', { fileSeparators: false }).render(parts);
    assert.ok(prompt.startsWith('<|fim_prefix|>// Path: src/util.ts\nexport const one = 1;\n'), prompt);
    assert.ok(prompt.includes('// Path: src/main.ts\n// Language: typescript\nconst x = <|fim_suffix|>;\n<|fim_middle|>'), prompt);
    assert.ok(!prompt.includes('<|file_sep|>'));
  });

  it('lays out DeepSeek-Coder, StarCoder2, Code Llama and Codestral in their formats', () => {
    const deepseek = templateFor('deepseek').render(parts).prompt;
    assert.match(deepseek, /^<｜fim▁begin｜>\/\/ Path: src\/util\.ts\n[\s\S]*const x = <｜fim▁hole｜>;\n<｜fim▁end｜>$/);
    const starcoder = templateFor('starcoder').render(parts).prompt;
    assert.equal(starcoder, '<repo_name>demo<file_sep>src/util.ts\nexport const one = 1;\n<file_sep><fim_prefix>src/main.ts\nconst x = <fim_suffix>;\n<fim_middle>');
    const codellama = templateFor('codellama').render(parts).prompt;
    assert.match(codellama, /^<PRE> \/\/ Path: src\/util\.ts[\s\S]*const x =  <SUF>;\n <MID>$/); // Code Llama puts a space before <SUF>
    const codestral = templateFor('codestral').render(parts).prompt;
    assert.equal(codestral, '[SUFFIX];\n[PREFIX]+++++ src/util.ts\nexport const one = 1;\n\n+++++ src/main.ts\nconst x = ');
  });

  it('gives every family stop strings that include its own FIM tokens', () => {
    const expected: Record<string, string> = { qwen: '<|fim_prefix|>', deepseek: '<｜fim▁begin｜>', starcoder: '<fim_prefix>', codellama: '<PRE>', codestral: '[PREFIX]' };
    for (const family of FIM_FAMILIES) {
      const template = templateFor(family);
      assert.ok(template.stop.includes(expected[family]), `${family}: ${template.stop.join(' ')}`);
    }
    assert.ok(templateFor('qwen').stop.includes('<|endoftext|>'));
    assert.ok(templateFor('codellama').stop.includes('<EOT>'));
  });

  it('reports the stable front of the prompt: it does not change while the user types', () => {
    for (const family of ['qwen', 'deepseek', 'starcoder', 'codellama'] as const) {
      const template = templateFor(family);
      const a = template.render(parts);
      const b = template.render({ ...parts, prefix: parts.prefix + 'foo(' });
      assert.ok(a.stableChars > 0, family);
      assert.equal(a.stableChars, b.stableChars, family);
      assert.equal(a.prompt.slice(0, a.stableChars), b.prompt.slice(0, b.stableChars), family);
      assert.ok(a.prompt.slice(0, a.stableChars).includes('src/util.ts'), family);
    }
  });

  it('writes the file header in the language\'s comment syntax', () => {
    const { prompt } = templateFor('deepseek').render({ ...parts, filePath: 'app.py', languageId: 'python', chunks: [] });
    assert.ok(prompt.includes('# Path: app.py\n# Language: python\n'), prompt);
  });
});

describe('detectFamily', () => {
  it('detects the tiny test model (Qwen FIM tokens, no file separators) as Qwen-style', () => {
    const result = detectFamily({ architecture: 'llama', name: 'tiered-tiny', specialTokens: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|fim_pad|>', '<|im_start|>', '<|im_end|>'] });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.family, 'qwen');
    assert.equal(result.template.fileSeparators, false);
  });

  it('uses repo-level context when the vocabulary has Qwen\'s file separators', () => {
    const result = detectFamily({ architecture: 'qwen2', name: 'Qwen2.5 Coder 1.5B', specialTokens: ['<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|repo_name|>', '<|file_sep|>'] });
    assert.ok(result.ok);
    assert.equal(result.template.fileSeparators, true);
  });

  const cases: [string, string[], string][] = [
    ['deepseek', ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'], 'deepseek'],
    ['starcoder2', ['<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>', '<repo_name>'], 'starcoder'],
    ['codellama (sentencepiece ▁ prefix)', ['▁<PRE>', '▁<SUF>', '▁<MID>', '▁<EOT>'], 'codellama'],
    ['codestral', ['[PREFIX]', '[SUFFIX]', '[MIDDLE]'], 'codestral'],
  ];
  for (const [name, tokens, family] of cases) {
    it(`detects ${name} from its special tokens`, () => {
      const result = detectFamily({ architecture: 'llama', name: 'x', specialTokens: tokens });
      assert.ok(result.ok);
      assert.equal(result.family, family);
    });
  }

  it('falls back on the model name when the special tokens are unknown', () => {
    const result = detectFamily({ architecture: 'llama', name: 'deepseek-coder-1.3b-base', specialTokens: [] });
    assert.ok(result.ok);
    assert.equal(result.family, 'deepseek');
    assert.match(result.evidence, /name/);
  });

  it('refuses a model without FIM tokens and says why and what to do', () => {
    const result = detectFamily({ architecture: 'llama', name: 'Llama 3.2 1B Instruct', specialTokens: ['<|begin_of_text|>', '<|eot_id|>'] });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.reason, /Llama 3\.2 1B Instruct/);
    assert.match(result.reason, /fill-in-the-middle/);
    assert.match(result.reason, /Choose Local Model/);
  });
});
