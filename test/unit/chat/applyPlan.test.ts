import * as assert from 'node:assert/strict';
import { applied, describePlan, planApply, type SymbolSpan } from '../../../src/core/chat/applyPlan';
import { snippetDecls } from '../../../src/core/chat/snippetDecls';

const file = [
  'import { x } from "./x";',
  '',
  'export function greet(name: string) {',
  '  return "hi";',
  '}',
  '',
  'export function bye() {',
  '  return "bye";',
  '}',
  '',
].join('\n');

// The sample workspace's src/shop/cart.ts, with the document symbols VS Code's TypeScript gives it.
const CART = `import { formatPrice, sum } from './money';

export interface Line {
  name: string;
  cents: number;
  qty: number;
}

/** Total in cents. */
export function cartTotal(lines: Line[]): number {
  return sum(lines.map((l) => l.cents * l.qty));
}

export function describeCart(lines: Line[]): string {
  return lines.map((l) => \`\${l.qty} x \${l.name}: \${formatPrice(l.cents * l.qty)}\`).join('\\n');
}
`;
/** A symbol from `from` to the end of the first `to` after it (as VS Code's ranges run). */
function span(text: string, name: string, from: string, to: string, children?: SymbolSpan[]): SymbolSpan {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start) + to.length;
  assert.ok(start >= 0 && end > start, `${name} in fixture`);
  return { name, start, end, ...(children ? { children } : {}) };
}
const cartSymbols = (text = CART): SymbolSpan[] => [
  span(text, 'Line', 'export interface Line', '}'),
  span(text, 'cartTotal', 'export function cartTotal', '\n}'),
  span(text, 'describeCart', 'export function describeCart', '\n}'),
];

describe('chat apply plan', () => {
  it('replaces the function a 3-line snippet redefines (document symbols), keeping the rest of the file', () => {
    const code = 'export function cartTotal(lines: Line[], discount = 0): number {\n  return sum(lines.map((l) => l.cents * l.qty)) - discount;\n}';
    const plan = planApply(CART, code, { symbols: cartSymbols(), cursor: 0 });
    assert.equal(plan.how, 'symbol');
    assert.deepEqual(plan.symbols, ['cartTotal']);
    assert.equal(applied(CART, plan), CART.replace(
      'export function cartTotal(lines: Line[]): number {\n  return sum(lines.map((l) => l.cents * l.qty));\n}',
      code));
    assert.equal(describePlan(CART, plan), 'It replaces `cartTotal` (lines 10–12).');
  });

  it('a snippet with its own doc comment replaces the file\'s comment instead of doubling it', () => {
    const code = '/** Total in cents, after the discount. */\nexport function cartTotal(lines: Line[]): number {\n  return 0;\n}\n';
    const out = applied(CART, planApply(CART, code, { symbols: cartSymbols() }));
    assert.equal(out.match(/\/\*\*/g)?.length, 1);
    assert.match(out, /after the discount\. \*\/\nexport function cartTotal\(lines: Line\[\]\): number \{\n {2}return 0;\n\}\n\nexport function describeCart/);
    assert.match(out, /^import \{ formatPrice, sum \}/);
  });

  it('re-indents a method given at column 0 into its class, and leaves the other method alone', () => {
    const text = 'export class Cart {\n  total(): number {\n    return 1;\n  }\n\n  count(): number {\n    return 2;\n  }\n}\n';
    const total = span(text, 'total', 'total()', '  }');
    const count = span(text, 'count', 'count()', '  }');
    const symbols = [{ ...span(text, 'Cart', 'export class', '\n}'), children: [total, count] }];
    const out = applied(text, planApply(text, 'total(): number {\n  return 42;\n}', { symbols }));
    assert.equal(out, text.replace('    return 1;', '    return 42;'));
  });

  it('a new helper next to a redefined function lands with it; nothing else moves', () => {
    const code = 'function discount(c: number): number {\n  return c / 10;\n}\n\nexport function cartTotal(lines: Line[]): number {\n  return discount(1);\n}\n';
    const plan = planApply(CART, code, { symbols: cartSymbols() });
    assert.equal(plan.how, 'symbol');
    const out = applied(CART, plan);
    assert.match(out, /export interface Line \{[\s\S]*\}\n\n\/\*\* Total in cents\. \*\/\nfunction discount/);
    assert.match(out, /return discount\(1\);\n\}\n\nexport function describeCart/);
    assert.equal(out.match(/function cartTotal/g)?.length, 1);
  });

  it('never swallows a symbol the snippet does not mention (non-neighbours fall back to anchors)', () => {
    const code = 'export interface Line {\n  name: string;\n}\n\nexport function describeCart(lines: Line[]): string {\n  return "";\n}\n';
    const out = applied(CART, planApply(CART, code, { symbols: cartSymbols() }));
    assert.match(out, /export function cartTotal\(lines: Line\[\]\): number \{\n {2}return sum/, 'cartTotal survives');
  });

  it('without symbols, replaces the span a changed function occupies (anchor lines)', () => {
    const code = 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n';
    const plan = planApply(file, code);
    assert.equal(plan.how, 'span');
    const out = applied(file, plan);
    assert.match(out, /return `hi \$\{name\}`;/);
    assert.match(out, /export function bye\(\) \{\n {2}return "bye";\n\}/);
    assert.match(out, /^import \{ x \}/);
    assert.doesNotMatch(out, /return "hi";/);
  });

  it('lines that start with a unique line of the file go after it', () => {
    const code = '  return "bye";\n  // unreachable, kept for the demo\n';
    const plan = planApply(file, code);
    assert.equal(plan.how, 'after-anchor');
    assert.equal(applied(file, plan), file.replace('  return "bye";\n', '  return "bye";\n  // unreachable, kept for the demo\n'));
  });

  it('replaces the selection when there is one', () => {
    const start = file.indexOf('  return "bye";');
    const end = start + '  return "bye";'.length;
    const out = applied(file, planApply(file, '  return "ciao";', { selection: { start, end } }));
    assert.equal(out, file.replace('  return "bye";', '  return "ciao";'));
  });

  it('a snippet that matches nothing goes in at the cursor, never over the whole file', () => {
    const code = 'console.log("new line");';
    const cursor = file.indexOf('export function bye');
    const plan = planApply(file, code, { cursor });
    assert.equal(plan.how, 'cursor');
    assert.equal(applied(file, plan), file.replace('export function bye', 'console.log("new line");\nexport function bye'));
    assert.equal(describePlan(file, plan), 'It inserts 1 line at line 7 (the cursor).');
    // Mid-line cursor: after that line, never splitting it.
    const mid = planApply(file, code, { cursor: file.indexOf('"hi"') });
    assert.equal(applied(file, mid), file.replace('  return "hi";\n', '  return "hi";\nconsole.log("new line");\n'));
  });

  it('with no cursor, a snippet that matches nothing is added at the end', () => {
    const plan = planApply(file, 'const z = 1;');
    assert.equal(plan.how, 'end');
    assert.equal(applied(file, plan), `${file}\nconst z = 1;\n`);
  });

  it('ambiguous anchors (a line occurring twice) never pick a span; the file keeps both', () => {
    const twice = `${file}export function greet(name: string) {\n  return "again";\n}\n`;
    const plan = planApply(twice, 'export function greet(name: string) {\n  return 1;\n}\n', { cursor: 0 });
    assert.equal(plan.how, 'cursor');
    assert.match(applied(twice, plan), /return "hi";[\s\S]*return "again";/);
  });

  it('the whole file rewritten replaces the whole file', () => {
    const code = CART.replace('l.cents * l.qty));', 'l.cents * l.qty), 0);');
    const plan = planApply(CART, code, { symbols: cartSymbols() });
    assert.equal(plan.how, 'whole-file');
    assert.equal(applied(CART, plan), code);
  });

  it('creates the content of a new (empty) file as given', () => {
    assert.equal(applied('', planApply('', 'a\nb')), 'a\nb');
  });

  it('reads declarations from several languages, not calls', () => {
    const names = (s: string) => snippetDecls(s.split('\n')).map((d) => d.name);
    assert.deepEqual(names('def total(lines):\n    return 1'), ['total']);
    assert.deepEqual(names('pub fn main() {\n}'), ['main']);
    assert.deepEqual(names('func (c *Cart) Total() int {\n}'), ['Total']);
    assert.deepEqual(names('export const total = (l: Line[]) => 0;'), ['total']);
    assert.deepEqual(names('public int total() {\n  return 1;\n}'), ['total']);
    assert.deepEqual(names('foo(bar)\nconsole.log(x);\nif (a) {\n}'), []);
  });
});
