import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config';
import { globToRegExp, isNeverSend } from '../../../src/core/refactor/neverSend';

const DEFAULTS = DEFAULT_SETTINGS['privacy.neverSend'];

// [path, globs, expected]
const table: [string, readonly string[], boolean][] = [
  ['.env', DEFAULTS, true],
  ['a/b/.env', DEFAULTS, true],
  ['.env.local', DEFAULTS, true],
  ['packages/api/.env.production', DEFAULTS, true],
  ['.ENV', DEFAULTS, true],
  ['.envrc', DEFAULTS, false],
  ['src/env.ts', DEFAULTS, false],
  ['cert.pem', DEFAULTS, true],
  ['deploy/tls/server.PEM', DEFAULTS, true],
  ['src/pem.ts', DEFAULTS, false],
  ['id_rsa.key', DEFAULTS, true],
  ['src/keyboard.ts', DEFAULTS, false],
  ['secrets/db.txt', DEFAULTS, true],
  ['config/secrets/prod/db.yaml', DEFAULTS, true],
  ['src/secretsManager.ts', DEFAULTS, false],
  ['src\\secrets\\win.txt', DEFAULTS, true],
  // Folder globs cover what is inside; slashless globs match names at any depth.
  ['a/private/x.ts', ['**/private'], true],
  ['private.ts', ['**/private'], false],
  ['deep/dir/id_rsa', ['id_rsa'], true],
  ['deep/dir/id_rsa.pub', ['id_rsa'], false],
  ['build/out/x.js', ['build/'], true],
  ['src/build/x.js', ['build/'], true],
  // Anchored globs with a slash match from the workspace root only.
  ['config/local.json', ['config/*.json'], true],
  ['src/config/local.json', ['config/*.json'], false],
  ['config/sub/local.json', ['config/*.json'], false],
  ['config/sub/local.json', ['config/**/*.json'], true],
  ['config/local.json', ['/config/**/*.json'], true],
  ['config/local.json', ['./config/*.json'], true],
  // Braces, classes, ?.
  ['src/a.tsx', ['src/*.{ts,tsx}'], true],
  ['src/a.js', ['src/*.{ts,tsx}'], false],
  ['keys/k1.txt', ['keys/k[0-9].txt'], true],
  ['keys/kx.txt', ['keys/k[0-9].txt'], false],
  ['keys/kx.txt', ['keys/k[!0-9].txt'], true],
  ['a/b.c', ['a/?.c'], true],
  ['a/bb.c', ['a/?.c'], false],
  ['a/b.c', ['a/*'], true],
  ['a/b/c', ['a/*'], true], // 'a/b' is a folder the glob matches
  // Regex metacharacters are literal.
  ['a+b(1).txt', ['a+b(1).txt'], true],
  ['aab1.txt', ['a+b(1).txt'], false],
  // Empty list, blank globs.
  ['.env', [], false],
  ['.env', ['', '  '], false],
];

describe('isNeverSend (tiered.privacy.neverSend)', () => {
  for (const [path, globs, expected] of table) {
    it(`${expected ? 'hides' : 'sends'} ${path} with ${JSON.stringify(globs)}`, () => {
      assert.equal(isNeverSend(path, globs), expected);
    });
  }

  it('agrees with a glob library on anchored globs where the semantics are the same', () => {
    // path.matchesGlob (Node 22+/20.17+, experimental) is the oracle when present.
    const nodePath = require('node:path') as { matchesGlob?: (p: string, g: string) => boolean };
    if (typeof nodePath.matchesGlob !== 'function') return;
    const emit = process.emitWarning;
    process.emitWarning = () => undefined;
    try {
      const globs = ['src/**/*.ts', 'src/*.ts', '**/*.pem', 'a/{b,c}/d', 'x/**', 'k/k[0-9].txt'];
      const paths = ['src/a.ts', 'src/a/b.ts', 'src/a.js', 'a/b.pem', 'x.pem', 'a/b/d', 'a/c/d', 'a/e/d', 'x/y', 'x/y/z', 'k/k1.txt', 'k/kk.txt'];
      for (const g of globs) for (const p of paths) assert.equal(globToRegExp(g).test(p), nodePath.matchesGlob(p, g), `${p} vs ${g}`);
    } finally {
      process.emitWarning = emit;
    }
  });
});
