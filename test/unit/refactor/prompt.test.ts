import * as assert from 'node:assert/strict';
import { approxTokens } from '../../../src/core/cost/estimate';
import { contentHash } from '../../../src/core/edits/hash';
import { parseEditsAnswer } from '../../../src/core/edits/parse';
import { fenceFor, renderFileBlock } from '../../../src/core/refactor/fileBlock';
import { buildRefactorPrompt, refactorBudgetTokens } from '../../../src/core/refactor/prompt';
import { describeOmitted, selectFiles, type CandidateFile } from '../../../src/core/refactor/selectFiles';

const words = (t: string) => t.split(/\s+/).filter(Boolean).length; // a simple, exact counter for budgets
const big = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `const ${tag}${i} = ${i};`).join('\n') + '\n';

describe('selectFiles', () => {
  it('orders by role, drops neverSend and binary files, and lists what was left out', () => {
    const files: CandidateFile[] = [
      { path: 'src/ref.ts', content: big(5, 'r'), reason: 'reference' },
      { path: 'src/imp.ts', content: big(5, 'i'), reason: 'import' },
      { path: '.env', content: 'API_KEY=abc\n', reason: 'symbol' },
      { path: 'src/main.ts', content: big(5, 'm'), reason: 'selection' },
      { path: 'src/def.ts', content: big(5, 'd'), reason: 'definition' },
      { path: 'img.png', content: 'PNG\u0000', reason: 'related' },
      { path: './src/def.ts', content: big(5, 'd'), reason: 'symbol' },
    ];
    const s = selectFiles(files, { budgetTokens: 1000, countTokens: words, neverSend: ['**/.env'] });
    assert.deepEqual(s.included.map((f) => f.path), ['src/main.ts', 'src/def.ts', 'src/ref.ts', 'src/imp.ts']);
    assert.deepEqual(s.omitted, [{ path: '.env', reason: 'symbol', why: 'never-send' }, { path: 'img.png', reason: 'related', why: 'binary' }]);
    assert.equal(s.usedTokens, s.included.reduce((n, f) => n + f.tokens, 0));
  });

  it('keeps whole files while they fit, skips the ones that do not, and cuts only the selection file', () => {
    const selection = big(400, 's');
    const focusAt = selection.indexOf('const s200 ');
    const files: CandidateFile[] = [
      { path: 'src/huge.ts', content: selection, reason: 'selection', focus: { start: focusAt, end: focusAt + 5 } },
      { path: 'src/small.ts', content: big(3, 'x'), reason: 'definition' },
      { path: 'src/large.ts', content: big(300, 'y'), reason: 'reference' },
    ];
    const s = selectFiles(files, { budgetTokens: 600, countTokens: words });
    assert.ok(s.usedTokens <= 600, `used ${s.usedTokens}`);
    const huge = s.included.find((f) => f.path === 'src/huge.ts');
    assert.ok(huge?.truncated);
    assert.match(huge.content, /const s200 = 200;/);
    assert.match(huge.content, /… \(lines 1–\d+ not shown\) …/);
    assert.equal(huge.fullContent, selection);
    assert.ok(huge.tokens <= 300, 'a cut file takes at most half of the budget');
    assert.match(huge.content, /not shown\) …$/);
    assert.deepEqual(s.included.map((f) => [f.path, f.truncated]), [['src/huge.ts', true], ['src/small.ts', false]]);
    assert.deepEqual(s.omitted, [{ path: 'src/large.ts', reason: 'reference', why: 'budget' }]);
    assert.equal(describeOmitted([{ path: '.env', reason: 'symbol', why: 'never-send' }, { path: 'b.ts', reason: 'reference', why: 'budget' }]), 'Left out: .env (never sent: tiered.privacy.neverSend), b.ts (over the token budget)');
  });
});

describe('renderFileBlock', () => {
  it('fences file text so that backticks inside cannot close the block', () => {
    const md = 'Use:\n```ts\nx\n```\nand ````four````\n';
    assert.equal(fenceFor(md), '`````');
    const block = renderFileBlock({ path: 'README.md', content: md, label: 'reference' });
    assert.ok(block.startsWith('### README.md (reference)\n`````markdown\n'));
    assert.ok(block.endsWith('\n`````\n'));
  });
});

describe('buildRefactorPrompt', () => {
  const files: CandidateFile[] = [
    { path: 'src/price.ts', content: 'export function formatPrice(cents: number) {}\n', reason: 'selection' },
    { path: 'src/cart.ts', content: "import { formatPrice } from './price';\nformatPrice(1);\n", reason: 'reference', detail: 'formatPrice' },
    { path: 'config/.env', content: 'SECRET=hunter2hunter2\n', reason: 'symbol' },
    { path: 'src/keys.ts', content: 'export const k = "sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAA";\n', reason: 'import' },
  ];

  it('lays the files out as one cacheable block before the instruction, and never sends neverSend files', () => {
    const p = buildRefactorPrompt({ instruction: 'Add a currency parameter to formatPrice', files, budgetTokens: 20_000, countTokens: approxTokens, neverSend: ['**/.env'] });
    assert.deepEqual(p.messages.map((m) => [m.role, m.cache ?? false]), [['system', false], ['user', true], ['user', false]]);
    assert.match(p.messages[0].content, /occur exactly once/);
    assert.match(p.messages[0].content, /```json/);
    assert.match(p.messages[1].content, /### src\/price\.ts \(selection\)/);
    assert.match(p.messages[1].content, /### src\/cart\.ts \(reference: formatPrice\)/);
    assert.match(p.messages[2].content, /^Instruction: Add a currency parameter to formatPrice$/);
    const everything = p.messages.map((m) => m.content).join('\n');
    assert.doesNotMatch(everything, /hunter2|\.env/);
    assert.doesNotMatch(everything, /sk-ant-api03/);
    assert.match(everything, /\[redacted\]/);
    assert.deepEqual(p.omitted.map((o) => o.path), ['config/.env']);
    assert.deepEqual(p.sentVersions, {
      'src/price.ts': contentHash(files[0].content),
      'src/cart.ts': contentHash(files[1].content),
      'src/keys.ts': contentHash(files[3].content),
    });
    assert.ok(p.notices.some((n) => /never sent: tiered\.privacy\.neverSend/.test(n)));
    assert.ok(p.notices.some((n) => /redacted in src\/keys\.ts/.test(n)));
    assert.equal(p.answerFormat, 'json');
  });

  it('on the local tier asks for SEARCH/REPLACE blocks in a smaller scope and says so plainly', () => {
    const budget = refactorBudgetTokens('local', 2048);
    assert.equal(budget, 1024);
    const many: CandidateFile[] = [files[0], ...Array.from({ length: 10 }, (_, i) => ({ path: `src/f${i}.ts`, content: big(30, `f${i}_`), reason: 'reference' as const }))];
    const p = buildRefactorPrompt({ instruction: 'rename', files: many, budgetTokens: budget, countTokens: approxTokens, tier: 'local' });
    assert.equal(p.answerFormat, 'search-replace');
    assert.match(p.messages[0].content, /<<<<<<< SEARCH/);
    assert.ok(p.estimatedInputTokens <= budget, `${p.estimatedInputTokens} > ${budget}`);
    assert.ok(p.omitted.length > 0);
    assert.match(p.notices[0], /^Running on the local model: a smaller scope \(\d+ files?, about \d+ tokens\)/);
    assert.match(p.notices[1], /over the token budget/);
  });

  it('asks for the tool when the provider passes it', () => {
    const p = buildRefactorPrompt({ instruction: 'x', files: files.slice(0, 1), budgetTokens: 10_000, countTokens: approxTokens, answerFormat: 'tool' });
    assert.match(p.messages[0].content, /calling the `apply_edits` tool/);
  });

  it('produces a prompt whose own JSON example parses as an edit set', () => {
    const p = buildRefactorPrompt({ instruction: 'x', files: [], budgetTokens: 10_000, countTokens: approxTokens });
    const example = /Example:\n(```json\n[\s\S]*?\n```)/.exec(p.messages[0].content)?.[1] ?? '';
    const parsed = parseEditsAnswer(example);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.editSet.files.map((f) => f.kind), ['modify', 'create']);
    assert.ok(p.notices.some((n) => /No file fits/.test(n)));
  });
});

describe('buildRefactorPrompt: files the model saw only in part', () => {
  it('lists files sent redacted or cut as sentPartial (no whole-file rewrite of those), not the whole ones', () => {
    const files: CandidateFile[] = [
      { path: 'src/main.ts', content: big(2000, 's'), reason: 'selection' },
      { path: 'src/keys.ts', content: "export const key = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123';\n", reason: 'definition' },
      { path: 'src/plain.ts', content: big(3, 'p'), reason: 'reference' },
    ];
    const p = buildRefactorPrompt({ instruction: 'x', files, budgetTokens: 3000, countTokens: approxTokens });
    assert.ok(p.included.find((f) => f.path === 'src/main.ts')?.truncated, 'the selection file is cut');
    assert.deepEqual([...p.sentPartial].sort(), ['src/keys.ts', 'src/main.ts']);
  });
});
