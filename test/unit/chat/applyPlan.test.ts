import * as assert from 'node:assert/strict';
import { applied, planApply } from '../../../src/core/chat/applyPlan';

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

describe('chat apply plan', () => {
  it('replaces the span a changed function occupies', () => {
    const code = 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n';
    const plan = planApply(file, code);
    assert.equal(plan.how, 'span');
    const out = applied(file, plan);
    assert.match(out, /return `hi \$\{name\}`;/);
    assert.match(out, /export function bye\(\) \{\n  return "bye";\n\}/);
    assert.match(out, /^import \{ x \}/);
    assert.doesNotMatch(out, /return "hi";/);
  });

  it('replaces the selection when there is one', () => {
    const start = file.indexOf('  return "bye";');
    const end = start + '  return "bye";'.length;
    const out = applied(file, planApply(file, '  return "ciao";', { start, end }));
    assert.equal(out, file.replace('  return "bye";', '  return "ciao";'));
  });

  it('a block that does not match anywhere becomes the whole file', () => {
    const code = 'console.log("new program");';
    const plan = planApply(file, code);
    assert.equal(plan.how, 'whole-file');
    assert.equal(applied(file, plan), `${code}\n`);
  });

  it('ambiguous anchors (a line occurring twice) fall back to the whole file, never a wrong span', () => {
    const twice = `${file}export function greet(name: string) {\n  return "again";\n}\n`;
    const plan = planApply(twice, 'export function greet(name: string) {\n  return 1;\n}\n');
    assert.equal(plan.how, 'whole-file');
  });

  it('creates the content of a new (empty) file as given', () => {
    assert.equal(applied('', planApply('', 'a\nb')), 'a\nb');
  });
});
