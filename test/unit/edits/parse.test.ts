import * as assert from 'node:assert/strict';
import { parseEditsAnswer, parseEditsToolInput } from '../../../src/core/edits/parse';
import { EDITS_JSON_SCHEMA, EDITS_TOOL, OPENAI_EDITS_RESPONSE_FORMAT, OPENAI_EDITS_TOOL, editsSchemaWith } from '../../../src/core/edits/schema';

const EDITS = {
  explanation: 'Add a currency parameter.',
  files: [
    { path: 'src/price.ts', kind: 'modify', hunks: [{ search: 'cents: number)', replace: 'cents: number, currency: string)' }], content: null },
    { path: 'src/currency.ts', kind: 'create', hunks: null, content: 'export const EUR = "EUR";\n' },
    { path: 'src/old.ts', kind: 'delete', hunks: null, content: null },
  ],
};

describe('parseEditsToolInput', () => {
  it('reads an Anthropic tool_use input object', () => {
    const r = parseEditsToolInput(EDITS);
    assert.ok(r.ok);
    assert.equal(r.format, 'tool');
    assert.equal(r.complete, true);
    assert.equal(r.editSet.explanation, 'Add a currency parameter.');
    assert.deepEqual(r.editSet.files, [
      { path: 'src/price.ts', kind: 'modify', hunks: [{ search: 'cents: number)', replace: 'cents: number, currency: string)' }] },
      { path: 'src/currency.ts', kind: 'create', content: 'export const EUR = "EUR";\n' },
      { path: 'src/old.ts', kind: 'delete' },
    ]);
  });

  it('reads OpenAI function arguments, and salvages complete files from cut arguments', () => {
    const args = JSON.stringify(EDITS);
    assert.equal((parseEditsToolInput(args) as { editSet: { files: unknown[] } }).editSet.files.length, 3);
    const cut = args.slice(0, args.indexOf('src/old.ts') + 4);
    const r = parseEditsToolInput(cut);
    assert.ok(r.ok);
    assert.equal(r.complete, false);
    assert.deepEqual(r.editSet.files.map((f) => f.path), ['src/price.ts', 'src/currency.ts']);
    assert.equal(r.editSet.explanation, 'Add a currency parameter.');
    assert.match(r.problems[0], /cut off/);
  });

  it('refuses arguments that are not JSON or have no file list, keeping the text', () => {
    const bad = parseEditsToolInput('{"explanation": oops}', 'prose');
    assert.equal(bad.ok, false);
    assert.equal(bad.text, 'prose');
    if (!bad.ok) assert.match(bad.reason, /not valid JSON/);
    const none = parseEditsToolInput({ something: 1 });
    assert.equal(none.ok, false);
  });

  it('keeps extra top-level fields for Deep Debug', () => {
    const r = parseEditsToolInput({ ...EDITS, rootCause: 'Off by one in total()' });
    assert.ok(r.ok);
    assert.equal(r.data.rootCause, 'Off by one in total()');
  });
});

describe('parseEditsAnswer', () => {
  it('reads structured output (the whole answer is JSON)', () => {
    const r = parseEditsAnswer(JSON.stringify(EDITS, null, 2));
    assert.ok(r.ok);
    assert.equal(r.format, 'json');
    assert.equal(r.editSet.files.length, 3);
  });

  it('reads a fenced ```json block in prose, and uses the last of several', () => {
    const first = { ...EDITS, files: [EDITS.files[0]] };
    const text = `I'll change the signature.\n\n\`\`\`json\n${JSON.stringify(first)}\n\`\`\`\n\nActually, also add the type:\n\n\`\`\`json\n${JSON.stringify(EDITS, null, 1)}\n\`\`\`\nDone.`;
    const r = parseEditsAnswer(text);
    assert.ok(r.ok);
    assert.equal(r.editSet.files.length, 3);
    assert.match(r.problems.join(), /2 JSON edit blocks; the last one was used/);
    assert.equal(r.text, text);
  });

  it('accepts common synonyms models use', () => {
    const r = parseEditsAnswer('```json\n{"summary":"s","edits":[{"file":"a.ts","action":"update","changes":[{"old":"x","new":"y"}]},{"filePath":"b.ts","type":"new","contents":"b"},{"file":"c.ts","operation":"remove"}]}\n```');
    assert.ok(r.ok);
    assert.deepEqual(r.editSet, { explanation: 's', files: [
      { path: 'a.ts', kind: 'modify', hunks: [{ search: 'x', replace: 'y' }] },
      { path: 'b.ts', kind: 'create', content: 'b' },
      { path: 'c.ts', kind: 'delete' },
    ] });
  });

  it('says malformed JSON could not be parsed, and keeps the text', () => {
    const text = 'Here is the fix:\n```json\n{"explanation": "x", "files": [{"path": "a.ts",}]}\n```\n';
    const r = parseEditsAnswer(text);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.code, 'malformed');
      assert.match(r.reason, /could not be read: the JSON in the answer is malformed/);
      assert.equal(r.text, text);
    }
  });

  it('salvages complete edits from a truncated JSON answer and labels it partial', () => {
    const full = `Sure.\n\`\`\`json\n${JSON.stringify(EDITS, null, 2)}\n\`\`\`\n`;
    const cut = full.slice(0, full.indexOf('"src/old.ts"') + 5);
    const r = parseEditsAnswer(cut, { truncated: true });
    assert.ok(r.ok);
    assert.equal(r.complete, false);
    assert.deepEqual(r.editSet.files.map((f) => f.path), ['src/price.ts', 'src/currency.ts']);
  });

  it('fails plainly when the answer is cut before the first edit completes', () => {
    const full = JSON.stringify(EDITS);
    const r = parseEditsAnswer(full.slice(0, full.indexOf('replace')), { truncated: true });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.code, 'truncated');
    const empty = parseEditsAnswer('', { truncated: true });
    assert.equal(empty.ok, false);
    if (!empty.ok) assert.match(empty.reason, /cut off before any edits/);
  });

  it('reads SEARCH/REPLACE blocks as a fallback, several per file, and creates from an empty SEARCH', () => {
    const text = [
      'The total was off by one.',
      '',
      'src/total.ts',
      '```ts',
      '<<<<<<< SEARCH',
      '  for (let i = 1; i < xs.length; i++) {',
      '=======',
      '  for (let i = 0; i < xs.length; i++) {',
      '>>>>>>> REPLACE',
      '```',
      '',
      '`src/total.ts`',
      '```ts',
      '<<<<<<< SEARCH',
      '  return sum',
      '=======',
      '  return sum;',
      '>>>>>>> REPLACE',
      '```',
      '',
      '**File: test/total.test.ts**',
      '```',
      '<<<<<<< SEARCH',
      '=======',
      "import { total } from '../src/total';",
      '>>>>>>> REPLACE',
      '```',
    ].join('\n');
    const r = parseEditsAnswer(text);
    assert.ok(r.ok);
    assert.equal(r.format, 'search-replace');
    assert.equal(r.complete, true);
    assert.equal(r.editSet.explanation, 'The total was off by one.');
    assert.deepEqual(r.editSet.files, [
      { path: 'src/total.ts', kind: 'modify', hunks: [
        { search: '  for (let i = 1; i < xs.length; i++) {\n', replace: '  for (let i = 0; i < xs.length; i++) {\n' },
        { search: '  return sum\n', replace: '  return sum;\n' },
      ] },
      { path: 'test/total.test.ts', kind: 'create', content: "import { total } from '../src/total';\n" },
    ]);
  });

  it('labels SEARCH/REPLACE answers cut inside a block as partial', () => {
    const text = 'a.ts\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n\nb.ts\n<<<<<<< SEARCH\nold\n=====';
    const r = parseEditsAnswer(text, { truncated: true });
    assert.ok(r.ok);
    assert.equal(r.complete, false);
    assert.deepEqual(r.editSet.files.map((f) => f.path), ['a.ts']);
    assert.match(r.problems.join(), /not finished/);
  });

  it('refuses a block with no file path, and an answer with no edits', () => {
    const noPath = parseEditsAnswer('Change it like so:\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n');
    assert.equal(noPath.ok, false);
    if (!noPath.ok) assert.match(noPath.reason, /no file path/);
    const prose = parseEditsAnswer('The bug is in total(): the loop starts at 1.');
    assert.equal(prose.ok, false);
    if (!prose.ok) assert.equal(prose.code, 'no-edits');
  });

  it('finds an unfenced JSON edit set embedded in prose', () => {
    const r = parseEditsAnswer(`Here you go: ${JSON.stringify(EDITS)} — let me know.`);
    assert.ok(r.ok);
    assert.equal(r.editSet.files.length, 3);
  });

  it('does not mistake braces inside JSON strings for structure', () => {
    const tricky = { explanation: 'x', files: [{ path: 'a.ts', kind: 'modify', hunks: [{ search: 'if (a) { "}" }', replace: 'if (b) { "]" }\n```\n' }] }] };
    const r = parseEditsAnswer('```json\n' + JSON.stringify(tricky) + '\n```');
    assert.ok(r.ok);
    assert.deepEqual(r.editSet.files[0].hunks, tricky.files[0].hunks);
  });
});

describe('edit schemas for providers', () => {
  it('are OpenAI-strict shaped: every property required, no extra keys', () => {
    const check = (schema: Record<string, unknown>) => {
      if (schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'))) {
        const props = schema.properties as Record<string, Record<string, unknown>>;
        assert.deepEqual([...(schema.required as string[])].sort(), Object.keys(props).sort());
        assert.equal(schema.additionalProperties, false);
        Object.values(props).forEach(check);
      }
      if (schema.items) check(schema.items as Record<string, unknown>);
    };
    check(EDITS_JSON_SCHEMA);
    check(editsSchemaWith({ rootCause: { type: 'string' } }));
    assert.equal(EDITS_TOOL.name, 'apply_edits');
    assert.equal(EDITS_TOOL.input_schema.type, 'object');
    assert.equal(OPENAI_EDITS_TOOL.function.name, 'apply_edits');
    assert.equal(OPENAI_EDITS_RESPONSE_FORMAT.type, 'json_schema');
  });
});
