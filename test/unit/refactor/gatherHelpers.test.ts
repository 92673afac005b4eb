import * as assert from 'node:assert/strict';
import { fixDiagnosticsInstruction, parseRefactorArgs, refactorTitle } from '../../../src/core/refactor/args';
import { importTargets, importsFile, relativeSpecifiers } from '../../../src/core/refactor/imports';
import { identifiersIn, looksLikeCode } from '../../../src/core/refactor/instructionWords';

describe('refactor: words of the instruction worth a symbol search', () => {
  it('takes backticked names and code-shaped words, not plain English', () => {
    assert.deepEqual(identifiersIn('Add a `currency` parameter to formatPrice and update every call site of cart_total'), ['currency', 'formatPrice', 'cart_total']);
    assert.deepEqual(identifiersIn('rename the price helper so it reads better'), []);
    assert.deepEqual(identifiersIn('make total() return a bigint'), ['total']);
    assert.deepEqual(identifiersIn('move UserService and `UserService` into services'), ['UserService']);
  });

  it('bounds the list', () => {
    assert.equal(identifiersIn('aA bB cC dD eE fF gG hH', 3).length, 3);
    assert.ok(looksLikeCode('parseHTTPResponse') && looksLikeCode('$scope') && looksLikeCode('v2api') && !looksLikeCode('Price'));
  });
});

describe('refactor: relative imports by text', () => {
  const cart = "import { formatPrice, sum } from './money';\nimport type { X } from '../types.js';\nconst y = require('./util');\nimport 'lodash';\nconst z = await import('./lazy');\n";

  it('lists relative specifiers only, once each', () => {
    assert.deepEqual(relativeSpecifiers(cart), ['./money', '../types.js', './util', './lazy']);
    assert.deepEqual(relativeSpecifiers("export * from './a';\nexport { b } from \"./b\";\nimport './side';"), ['./a', './b', './side']);
  });

  it('resolves a specifier to the files it may name (extensions, .js for .ts, index)', () => {
    const t = importTargets('src/shop/cart.ts', './money');
    assert.equal(t[0], 'src/shop/money');
    assert.ok(t.includes('src/shop/money.ts') && t.includes('src/shop/money/index.ts'));
    assert.ok(importTargets('src/shop/cart.ts', '../types.js').includes('src/types.ts'));
    assert.deepEqual(importTargets('src/a.ts', '../../etc/passwd'), [], 'never outside the workspace');
  });

  it('tells whether a file imports another', () => {
    assert.ok(importsFile('src/shop/cart.ts', cart, 'src/shop/money.ts'));
    assert.ok(importsFile('src/shop/cart.ts', cart, 'src/types.ts'));
    assert.ok(!importsFile('src/shop/cart.ts', cart, 'src/shop/moneyx.ts'));
    assert.ok(!importsFile('src/other/cart.ts', cart, 'src/shop/money.ts'));
  });
});

describe('refactor: command arguments', () => {
  it('keeps well-typed fields and drops the rest', () => {
    assert.deepEqual(parseRefactorArgs({ instruction: '  do it ', files: ['a.ts', 3, 'a.ts', ''], confirm: false, preview: 'no', budgetTokens: 1000.7 }),
      { instruction: 'do it', files: ['a.ts'], confirm: false, budgetTokens: 1000 });
    assert.deepEqual(parseRefactorArgs(undefined), {});
    assert.deepEqual(parseRefactorArgs({ instruction: '   ' }), {});
    assert.deepEqual(parseRefactorArgs(['x']), {});
  });

  it('titles and follow-up instructions', () => {
    assert.equal(refactorTitle('rename total to sum'), 'Refactor: rename total to sum');
    assert.ok(refactorTitle('a '.repeat(80)).endsWith('…') && refactorTitle('a '.repeat(80)).length < 75);
    const f = fixDiagnosticsInstruction('add currency', [{ path: 'src/a.ts', line: 3, message: 'Expected 2 arguments, but got 1.' }]);
    assert.match(f, /add currency/);
    assert.match(f, /- src\/a\.ts:3: Expected 2 arguments, but got 1\./);
  });
});
