import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config';
import { globToRegExp, neverSendMatcher, redactEvidence } from '../../../src/core/debug/privacy';

describe('neverSend globs', () => {
  const isNeverSend = neverSendMatcher(DEFAULT_SETTINGS['privacy.neverSend']);
  const cases: [string, boolean][] = [
    ['.env', true], ['api/.env', true], ['.env.local', true], ['deploy/.env.production', true],
    ['certs/server.pem', true], ['id.key', true], ['secrets/db.json', true], ['app/secrets/x/y.txt', true],
    ['src/env.ts', false], ['src/.envrc.example.ts', false], ['src/keyboard.ts', false], ['docs/secrets.md', false],
  ];
  for (const [path, expected] of cases) {
    it(`${path} ${expected ? 'is' : 'is not'} withheld by the default setting`, () => assert.equal(isNeverSend(path), expected));
  }

  it('supports braces, classes, single-segment stars and bare names', () => {
    assert.ok(globToRegExp('src/*.{ts,js}').test('src/a.js'));
    assert.ok(!globToRegExp('src/*.{ts,js}').test('src/deep/a.js'));
    assert.ok(globToRegExp('**/id_[rd]sa').test('home/.ssh/id_rsa'));
    assert.ok(neverSendMatcher(['credentials.json'])('config/credentials.json'), 'a bare name matches in any folder');
    assert.ok(!neverSendMatcher(['config/*.json'])('other/config/a.json'));
  });
});

describe('redactEvidence', () => {
  const secrets: [string, string, string][] = [
    ['anthropic key in code', "const k = 'sk-ant-api03-AAAABBBBCCCCDDDDEEEE1234';", 'AAAABBBB'],
    ['env assignment', 'DB_PASSWORD=correcthorse9', 'correcthorse9'],
    ['stripe key in .env style', 'STRIPE_SECRET_KEY=rk_live_51Hx9zKJ2eZvKYlo2C8', 'rk_live'],
    ['JSON key field', '"clientSecret": "9f8e7d6c5b4a39281706"', '9f8e7d6c5b4a'],
    ['JWT', 'auth eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36P', 'SflKxwRJ'],
    ['password in a URL', 'postgres://shop:hunter2hunter2@db.internal:5432/shop', 'hunter2'],
    ['bearer header', 'Authorization: Bearer abc.def.ghijklmnop', 'ghijklmnop'],
  ];
  for (const [name, text, secret] of secrets) {
    it(`redacts a ${name}`, () => {
      const r = redactEvidence(text);
      assert.ok(!r.text.includes(secret), r.text);
      assert.ok(r.count >= 1);
    });
  }

  const code = [
    'const token = this.lexer.next();',
    'const sortKey = keyOf(item);',
    'for (const key of Object.keys(map)) total += map[key];',
    'if (tokens.length > MAX_TOKENS) return;',
    "const cacheKey = 'user-profile';",
    'const API_KEY = process.env.API_KEY;',
    'total += items[i].price * items[i].qty;',
  ];
  it('still redacts a key inside a code value that is otherwise kept', () => {
    const r = redactEvidence('const token = this.use(sk-proj-ABCDEFGHIJKLMNOPQRSTUV, mine_12345678)', ['mine_12345678']);
    assert.equal(r.text, 'const token = this.use([redacted], [redacted])');
  });

  for (const line of code) {
    it(`leaves code alone: ${line}`, () => assert.deepEqual(redactEvidence(line), { text: line, count: 0 }));
  }
});
