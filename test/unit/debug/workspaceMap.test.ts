import * as assert from 'node:assert/strict';
import { parseStackTrace } from '../../../src/core/debug/stackTrace';
import { cleanFramePath, createWorkspaceIndex, failingLocations, mapFrames, resolveWorkspacePath } from '../../../src/core/debug/workspaceMap';
import * as S from './traceSamples';

const FILES = [
  'src/cart.ts', 'src/checkout.ts', 'src/ui/menu.ts', 'src/index.ts', 'dist/cart.js', 'dist/checkout.mjs',
  'shop/cart.py', 'shop/checkout.py', 'main.py', 'cart.go', 'main.go', 'src/cart.rs', 'src/main.rs',
  'src/main/java/com/acme/shop/Cart.java', 'src/main/java/com/acme/shop/Checkout.java', 'src/main/java/com/acme/shop/Main.java',
  'src/test/java/com/acme/other/Cart.java', 'Shop/Cart.cs', 'Shop/Program.cs', 'node_modules/tsx/dist/cjs/index.cjs',
  'packages/a/index.ts', 'packages/b/index.ts',
];

describe('mapping trace paths to the workspace', () => {
  const index = createWorkspaceIndex('/home/dev/shop', FILES);

  it('cleans URL schemes, webpack prefixes and query strings', () => {
    assert.equal(cleanFramePath('file:///home/dev/shop/src/a%20b.ts'), '/home/dev/shop/src/a b.ts');
    assert.equal(cleanFramePath('file:///C:/work/shop/src/cart.ts'), 'C:/work/shop/src/cart.ts');
    assert.equal(cleanFramePath('webpack:///./src/ui/menu.ts'), 'src/ui/menu.ts');
    assert.equal(cleanFramePath('webpack://my-app/./src/ui/menu.ts'), 'src/ui/menu.ts');
    assert.equal(cleanFramePath('webpack-internal:///./src/index.ts'), 'src/index.ts');
    assert.equal(cleanFramePath('http://localhost:5173/src/ui/menu.ts?t=1712345'), 'src/ui/menu.ts');
    assert.equal(cleanFramePath('C:\\src\\Shop\\Program.cs'), 'C:/src/Shop/Program.cs');
  });

  it('Node: absolute paths and file URLs under the root; node_modules and node: internals are library', () => {
    const frames = mapFrames(parseStackTrace(S.NODE_TRACE).frames, index);
    assert.deepEqual(frames.map((f) => [f.path, f.library]), [
      ['dist/cart.js', false], ['dist/cart.js', false], ['dist/checkout.mjs', false],
      [undefined, true], ['node_modules/tsx/dist/cjs/index.cjs', true],
    ]);
    assert.deepEqual(failingLocations(frames).map((l) => `${l.path}:${l.line}`), ['dist/cart.js:5', 'dist/cart.js:9', 'dist/checkout.mjs:12']);
  });

  it('browsers: webpack and dev-server URLs by path; a bundle that is not a workspace file stays unmapped', () => {
    const chrome = mapFrames(parseStackTrace(S.CHROME_TRACE).frames, index);
    assert.deepEqual(chrome.map((f) => f.path), ['src/ui/menu.ts', undefined, 'src/index.ts']);
    const firefox = mapFrames(parseStackTrace(S.FIREFOX_TRACE).frames, index);
    assert.deepEqual(firefox.map((f) => [f.path, f.library]), [['src/ui/menu.ts', false], ['src/index.ts', false], [undefined, true]]);
  });

  it('paths from another machine (CI, container) by their longest unique suffix', () => {
    const py = mapFrames(parseStackTrace(S.PYTHON_TRACE).frames, index);
    assert.deepEqual(py.map((f) => f.path), ['shop/cart.py', 'shop/checkout.py', 'main.py']);
    const go = mapFrames(parseStackTrace(S.GO_PANIC).frames, index);
    assert.deepEqual(go.map((f) => f.path), ['cart.go', 'main.go']);
  });

  it('Java: a bare file name found through the package, even when another Cart.java exists', () => {
    const frames = mapFrames(parseStackTrace(S.JAVA_TRACE).frames, index);
    assert.equal(frames[0].path, 'src/main/java/com/acme/shop/Cart.java');
    assert.equal(frames[1].path, 'src/main/java/com/acme/shop/Checkout.java');
    const jdk = frames.find((f) => f.file === 'Thread.java');
    assert.ok(jdk && jdk.library && !jdk.path);
  });

  it('Rust: relative paths; the standard library is library code', () => {
    const frames = mapFrames(parseStackTrace(S.RUST_BACKTRACE).frames, index);
    assert.deepEqual(failingLocations(frames).map((l) => `${l.path}:${l.line}`), ['src/cart.rs:4', 'src/main.rs:6']);
    assert.ok(frames.filter((f) => f.file.startsWith('/rustc/')).every((f) => f.library));
  });

  it('.NET with a Windows workspace: case-insensitive, backslashes', () => {
    const win = createWorkspaceIndex('C:\\src', ['Shop/Cart.cs', 'Shop/Program.cs']);
    assert.equal(resolveWorkspacePath(win, 'C:\\SRC\\shop\\Program.cs'), 'Shop/Program.cs');
    const frames = mapFrames(parseStackTrace(S.DOTNET_TRACE).frames, index);
    assert.deepEqual(frames.map((f) => f.path), ['Shop/Cart.cs', 'Shop/Program.cs']);
  });

  it('Node on Windows: backslash paths and file:///C:/ URLs under a Windows root', () => {
    const win = createWorkspaceIndex('C:\\Users\\me\\proj', ['src/a.ts', 'src/b.ts']);
    const trace = 'TypeError: boom\n    at f (C:\\Users\\me\\proj\\src\\a.ts:10:5)\n    at file:///C:/Users/me/proj/src/b.ts:3:1';
    assert.deepEqual(failingLocations(mapFrames(parseStackTrace(trace).frames, win)).map((l) => `${l.path}:${l.line}`), ['src/a.ts:10', 'src/b.ts:3']);
  });

  it('refuses to guess between equally good matches, and knows nothing of files outside the list', () => {
    assert.equal(resolveWorkspacePath(index, '/elsewhere/index.ts'), undefined, 'packages/a or packages/b?');
    assert.equal(resolveWorkspacePath(index, '/elsewhere/a/index.ts'), 'packages/a/index.ts');
    assert.equal(resolveWorkspacePath(index, '/home/dev/shop/src/missing.ts'), undefined);
    assert.equal(resolveWorkspacePath(index, '/tmp/other/project/unrelated.ts'), undefined);
    assert.equal(resolveWorkspacePath(index, '/home/dev/shop/lib/cart.ts'), undefined, 'under the root the path is exact');
  });

  it('a dependency frame is never mapped onto a workspace file of the same name', () => {
    const frames = mapFrames(parseStackTrace('Error: x\n    at f (/srv/app/node_modules/lib/src/cart.ts:1:1)\n    at g (/home/dev/shop/src/cart.ts:2:1)').frames, index);
    assert.deepEqual(frames.map((f) => [f.path, f.library]), [[undefined, true], ['src/cart.ts', false]]);
  });
});
