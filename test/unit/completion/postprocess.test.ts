import * as assert from 'node:assert/strict';
import { decideMode, lineContext, postprocess } from '../../../src/core/completion/postprocess';

/** Post-processes `raw` for a cursor at '|' in `doc`. */
function at(doc: string, raw: string, extra: { maxLines?: number; languageId?: string } = {}) {
  const i = doc.indexOf('|');
  return postprocess({ text: raw, prefix: doc.slice(0, i), suffix: doc.slice(i + 1), languageId: extra.languageId ?? 'typescript', maxLines: extra.maxLines });
}

describe('decideMode', () => {
  it('is single-line mid-line and when finishing a statement', () => {
    assert.equal(decideMode('  foo(', 'bar);'), 'single');
    assert.equal(decideMode('  const total = ', ''), 'single');
  });
  it('is multi-line after a block opener, on an empty line, and between { and }', () => {
    assert.equal(decideMode('function f() {', ''), 'multi');
    assert.equal(decideMode('def f(x):', ''), 'multi');
    assert.equal(decideMode('const g = () =>', ''), 'multi');
    assert.equal(decideMode('    ', ''), 'multi');
    assert.equal(decideMode('', ''), 'multi');
    assert.equal(decideMode('if (x) {', '}'), 'multi');
  });
});

describe('postprocess', () => {
  it('drops whitespace-only suggestions', () => {
    assert.equal(at('const x = |\n', '   \n\t\n').dropped, 'whitespace');
    assert.equal(at('const x = |\n', '').dropped, 'whitespace');
  });

  it('keeps only the first line mid-line', () => {
    const r = at('call(|, 2);\n', 'a\nmore();\n');
    assert.equal(r.text, 'a');
    assert.equal(r.mode, 'single');
  });

  it('drops a suggestion that repeats the text after the cursor', () => {
    assert.equal(at('foo(|bar);\n', 'bar);').dropped, 'repeats-suffix');
    assert.equal(at('foo(|bar);\n', 'bar').dropped, 'repeats-suffix');
  });

  it('drops a suggestion that repeats the next non-empty line', () => {
    const doc = 'function f() {\n  |\n\n  return x;\n}\n';
    assert.equal(at(doc, 'return x;').dropped, 'repeats-next-line');
  });

  it('cuts a multi-line suggestion where it starts repeating the code below', () => {
    const doc = 'function f() {\n  |\n  return x;\n}\n';
    const r = at(doc, 'const x = 1;\n  return x;\n}');
    assert.equal(r.text, 'const x = 1;');
  });

  it('trims trailing whitespace lines', () => {
    assert.equal(at('const x = |\n', '42;   \n\n  \n').text, '42;');
    assert.equal(at('function f() {\n|\n', '  return 1;\n\n   \n').text, '  return 1;');
  });

  it('stops at the end of the block (a dedent below the starting indentation)', () => {
    const doc = 'class A {\n  m() {\n    |\n  }\n}\n';
    const r = at(doc, 'this.x = 1;\n    this.y = 2;\n  }\n\n  other() {\n');
    assert.equal(r.text, 'this.x = 1;\n    this.y = 2;');
  });

  it('keeps the closing line of a block it opened when the suffix does not close it', () => {
    const doc = 'if (ready) {|\n';
    const r = at(doc, '\n  start();\n}\nnext();\n');
    assert.equal(r.text, '\n  start();\n}');
  });

  it('stops a Python block at the dedent', () => {
    const doc = 'def area(r):|\n';
    const r = at(doc, '\n    return 3.14 * r * r\n\nprint(area(2))\n', { languageId: 'python' });
    assert.equal(r.text, '\n    return 3.14 * r * r');
  });

  it('limits the number of lines', () => {
    const body = Array.from({ length: 30 }, (_, i) => `  call${i}();`).join('\n');
    const r = at('function f() {\n|\n', body, { maxLines: 5 });
    assert.equal(r.text.split('\n').length, 5);
    assert.ok(r.cuts.includes('max-lines'));
  });

  it('does not emit a closer the suffix already has', () => {
    assert.equal(at('console.log(|);\n', '"hi");').text, '"hi"');
    assert.equal(at('const a = [1, |];\n', '2, 3];').text, '2, 3');
  });

  it('cuts a suggestion whose closers would overflow', () => {
    const r = at('const v = f(x|\n', '));\nmore();');
    assert.equal(r.text, ')', 'one ) closes f(, the second has nothing to close');
    assert.ok(r.cuts.includes('bracket-overflow'));
  });

  it('does not count brackets inside strings and comments', () => {
    assert.equal(at('const s = |\n', '"(" + x; // )').text, '"(" + x; // )');
    assert.equal(at('log(|)\n', '"a)b"').text, '"a)b"');
  });

  it('between { and } ends on a new line so the existing } lands below the body', () => {
    const r = at('function f() {|}\n', '\n  return 1;\n}');
    assert.equal(r.text, '\n  return 1;\n');
  });

  it('removes the end of a suggestion that the text after the cursor already has', () => {
    assert.equal(at('const s = "|";\n', 'hello";').text, 'hello');
  });

  it('finds the cursor line and the next non-empty line', () => {
    assert.deepEqual(lineContext('a\n  b', 'c\r\n\n  d\n'), { linePrefix: '  b', lineSuffix: 'c', nextLine: 'd' });
  });
});
