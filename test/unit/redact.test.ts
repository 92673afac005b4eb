import * as assert from 'node:assert/strict';
import { REDACTED, redactSecrets } from '../../src/core/redact';
import { createLogger } from '../../src/core/log';
import { UserFacingError, userMessage } from '../../src/core/errors';

describe('redactSecrets', () => {
  const cases: [string, string][] = [
    ['anthropic key', 'key sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345 end'],
    ['openai key', 'OPENAI_API_KEY=sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX'],
    ['bearer header', 'Authorization: Bearer abcdefghijklmnop.qrstuv'],
    ['github token', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['aws key id', 'aws AKIAIOSFODNN7EXAMPLE here'],
    ['assignment', 'password = "hunter2hunter2"'],
    ['private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----'],
  ];
  for (const [name, text] of cases) {
    it(`removes a ${name}`, () => {
      const out = redactSecrets(text);
      assert.ok(out.includes(REDACTED), out);
      assert.ok(!/abcdefghijklmnop|ABCDEFGHIJKLMNOP|IOSFODNN7|hunter2|MIIEow/.test(out), out);
    });
  }

  it('removes known secrets even when they do not look like keys', () => {
    assert.equal(redactSecrets('the key is plainsecret99', ['plainsecret99']), `the key is ${REDACTED}`);
  });

  it('leaves ordinary code alone', () => {
    const code = 'const skip = tokens.length > 0; // sk- prefix\nfunction task() { return "ok"; }';
    assert.equal(redactSecrets(code), code);
  });

  it('the logger never writes a key, even inside an error', () => {
    const lines: string[] = [];
    const log = createLogger((_l, line) => lines.push(line), () => ['s3cr3t-value-123']);
    log.error('request failed', new Error('401 for key s3cr3t-value-123 / sk-ant-api03-zzzzzzzzzzzzzzzzzzzz'));
    assert.equal(lines.length, 1);
    assert.ok(!lines[0].includes('s3cr3t-value-123') && !lines[0].includes('zzzzzzzz'), lines[0]);
  });

  it('shows users their own message for UserFacingError and a generic one otherwise (no stack)', () => {
    assert.equal(userMessage(new UserFacingError('No API key for Anthropic — run "Tiered: Set API Key".')), 'No API key for Anthropic — run "Tiered: Set API Key".');
    const generic = userMessage(new TypeError('x is undefined\n    at foo (file.js:1:1)'));
    assert.ok(!generic.includes(' at ') && !generic.includes('undefined'), generic);
  });
});
