import * as assert from 'node:assert/strict';
import { looksLikeStackTrace, parseStackTrace, traceSummary } from '../../../src/core/debug/stackTrace';
import * as S from './traceSamples';

const where = (t: ReturnType<typeof parseStackTrace>) => t.frames.map((f) => `${f.file}:${f.line}${f.column ? `:${f.column}` : ''}`);

describe('parseStackTrace', () => {
  it('Node/V8: frames innermost first, with functions, file URLs and internals kept as frames', () => {
    const t = parseStackTrace(S.NODE_TRACE);
    assert.equal(t.runtime, 'node');
    assert.equal(t.errorType, 'TypeError');
    assert.equal(t.message, "Cannot read properties of undefined (reading 'price')");
    assert.deepEqual(where(t), [
      '/home/dev/shop/dist/cart.js:5:17',
      '/home/dev/shop/dist/cart.js:9:22',
      'file:///home/dev/shop/dist/checkout.mjs:12:3',
      'node:internal/modules/cjs/loader:1554:14',
      '/home/dev/shop/node_modules/tsx/dist/cjs/index.cjs:1:1242',
    ]);
    assert.equal(t.frames[0].function, 'lineTotal');
    assert.equal(t.frames[2].function, 'checkout', 'the async keyword is not part of the name');
    assert.equal(traceSummary(t), "TypeError: Cannot read properties of undefined (reading 'price')");
  });

  it('Chrome: webpack URLs and anonymous frames', () => {
    const t = parseStackTrace(S.CHROME_TRACE);
    assert.equal(t.errorType, 'TypeError');
    assert.deepEqual(where(t), ['webpack:///./src/ui/menu.ts:14:9', 'http://localhost:3000/static/js/main.4f2a.js:2:1337', 'webpack-internal:///./src/index.ts:7:3']);
    assert.equal(t.frames[0].function, 'setup');
  });

  it('Firefox: fn@url:line:col frames', () => {
    const t = parseStackTrace(S.FIREFOX_TRACE);
    assert.equal(t.runtime, 'browser-firefox');
    assert.equal(t.errorType, 'TypeError');
    assert.equal(t.message, 'menu is null');
    assert.equal(t.frames.length, 3);
    assert.equal(t.frames[0].file, 'http://localhost:5173/src/ui/menu.ts?t=1712345');
    assert.equal(t.frames[0].function, 'setup');
    assert.equal(t.frames[1].function, 'init');
    assert.equal(t.frames[2].function, undefined);
  });

  it('TypeScript compiler errors in both formats, colours stripped', () => {
    const t = parseStackTrace(S.TSC_OUTPUT);
    assert.equal(t.runtime, 'typescript');
    assert.deepEqual(where(t), ['src/cart.ts:12:7', 'src/checkout.ts:3:10']);
    assert.equal(t.errorType, 'TS2322');
    const pretty = parseStackTrace(S.TSC_PRETTY);
    assert.deepEqual(where(pretty).slice(0, 1), ['src/cart.ts:12:7']);
    assert.equal(pretty.errorType, 'TS2322');
    assert.match(pretty.message ?? '', /^Type 'string' is not assignable/);
  });

  it('Python: the innermost frame first and the final error line', () => {
    const t = parseStackTrace(S.PYTHON_TRACE);
    assert.equal(t.runtime, 'python');
    assert.deepEqual(where(t), ['/srv/app/shop/cart.py:4', '/srv/app/shop/checkout.py:9', '/srv/app/main.py:22']);
    assert.equal(t.frames[0].function, 'cart_total');
    assert.equal(t.errorType, 'IndexError');
    assert.equal(t.message, 'list index out of range');
  });

  it('Java: the root cause ("Caused by") first', () => {
    const t = parseStackTrace(S.JAVA_TRACE);
    assert.equal(t.runtime, 'java');
    assert.equal(t.errorType, 'java.lang.ArrayIndexOutOfBoundsException');
    assert.equal(t.message, 'Index 3 out of bounds for length 3');
    assert.deepEqual(where(t).slice(0, 2), ['Cart.java:17', 'Checkout.java:29']);
    assert.equal(t.frames[0].function, 'com.acme.shop.Cart.total');
    assert.equal(t.frames.length, 5);
  });

  it('Kotlin frames', () => {
    const t = parseStackTrace(S.KOTLIN_TRACE);
    assert.deepEqual(where(t), ['Cart.kt:12', 'Main.kt:5']);
    assert.equal(t.errorType, 'java.lang.NullPointerException');
  });

  it('Go panics: function line then file line', () => {
    const t = parseStackTrace(S.GO_PANIC);
    assert.equal(t.runtime, 'go');
    assert.deepEqual(where(t), ['/home/dev/shop/cart.go:12', '/home/dev/shop/main.go:8']);
    assert.equal(t.frames[0].function, 'main.cartTotal');
    assert.equal(t.errorType, 'panic');
    assert.equal(t.message, 'runtime error: index out of range [3] with length 3');
  });

  it('Rust panics, new and old formats, and backtraces', () => {
    const t = parseStackTrace(S.RUST_PANIC);
    assert.equal(t.runtime, 'rust');
    assert.deepEqual(where(t), ['src/cart.rs:4:18']);
    assert.equal(t.errorType, 'panic');
    assert.equal(t.message, 'index out of bounds: the len is 3 but the index is 3');
    const bt = parseStackTrace(S.RUST_BACKTRACE);
    assert.equal(bt.message, 'index out of bounds: the len is 3 but the index is 3');
    const user = bt.frames.filter((f) => f.file.startsWith('./src'));
    assert.deepEqual(user.map((f) => f.function), ['shop::cart::total', 'shop::main']);
    assert.ok(bt.frames.some((f) => f.file.startsWith('/rustc/')));
  });

  it('.NET: "in path:line N", Windows paths included', () => {
    const t = parseStackTrace(S.DOTNET_TRACE);
    assert.equal(t.runtime, 'dotnet');
    assert.deepEqual(where(t), ['/home/dev/Shop/Cart.cs:14', 'C:\\src\\Shop\\Program.cs:9']);
    assert.equal(t.errorType, 'System.NullReferenceException');
    assert.equal(t.frames[0].function, 'Shop.Cart.Total()');
  });

  it('C compiler errors', () => {
    const t = parseStackTrace(S.GCC_OUTPUT);
    assert.deepEqual(where(t), ['src/cart.c:12:5']);
    assert.equal(t.errorType, 'error');
  });
});

describe('looksLikeStackTrace', () => {
  for (const [name, text] of Object.entries(S)) {
    it(`recognises ${name}`, () => assert.equal(looksLikeStackTrace(text), true));
  }

  const notTraces: [string, string][] = [
    ['empty', ''],
    ['prose', 'Meeting at 10:30 tomorrow, see notes.txt for details.'],
    ['a URL', 'https://example.com/docs/page.html'],
    ['code', 'function total(items: Item[]) {\n  return items.reduce((s, i) => s + i.price, 0);\n}\n'],
    ['code mentioning errors', 'throw new TypeError("bad input");\nconsole.error(err);'],
    ['a lone error message', 'TypeError: x is not a function'],
    ['a list of times', 'start 10:30:15\nend 11:02:44'],
  ];
  for (const [name, text] of notTraces) {
    it(`does not take ${name} for a trace`, () => assert.equal(looksLikeStackTrace(text), false));
  }
});
