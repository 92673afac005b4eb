import * as assert from 'node:assert/strict';
import { analyzeTrace } from '../../../src/core/debug/collect';
import { looksLikeStackTrace, parseStackTrace } from '../../../src/core/debug/stackTrace';
import { createWorkspaceIndex } from '../../../src/core/debug/workspaceMap';
import { CART_TS, CHECKOUT_TS, createShop, lineOf, type Shop } from './shopFixture';

describe('a real Node stack trace from the shop workspace', () => {
  let shop: Shop;
  before(() => {
    shop = createShop();
  });
  after(() => shop.dispose());

  it('with source maps: the failing frames are the TypeScript lines of the bug, innermost first', () => {
    const stderr = shop.run(true).stderr;
    assert.ok(looksLikeStackTrace(stderr), stderr);
    const trace = parseStackTrace(stderr);
    assert.equal(trace.errorType, 'TypeError');
    assert.match(trace.message ?? '', /price/);
    const index = createWorkspaceIndex(shop.root, shop.files);
    const { locations, involved } = analyzeTrace(stderr, index);
    assert.deepEqual(locations.slice(0, 3).map((l) => `${l.path}:${l.line}`), [
      `src/cart.ts:${lineOf(CART_TS, 'return item.price')}`,
      `src/cart.ts:${lineOf(CART_TS, 'total += lineTotal')}`,
      `src/checkout.ts:${lineOf(CHECKOUT_TS, 'const total = cartTotal')}`,
    ]);
    assert.deepEqual(involved.slice(0, 2), ['src/cart.ts', 'src/checkout.ts']);
    assert.equal(locations[0].function, 'lineTotal');
  });

  it('without source maps: the compiled files, mapped to workspace paths; node internals are library frames', () => {
    const stderr = shop.run(false).stderr;
    const index = createWorkspaceIndex(shop.root, shop.files);
    const { frames, locations } = analyzeTrace(stderr, index);
    assert.equal(locations[0].path, 'out/cart.js');
    const compiled = shop.read('out/cart.js');
    assert.ok(compiled.split('\n')[locations[0].line - 1].includes('item.price'), 'the line the trace names holds the failing expression');
    const internal = frames.filter((f) => f.file.startsWith('node:'));
    assert.ok(internal.length > 0 && internal.every((f) => f.library && f.path === undefined));
  });
});
