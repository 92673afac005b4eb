import * as assert from 'node:assert/strict';
import { REDACTED, redact, redactSecrets } from '../../../src/core/redact';
import { LOOK_ALIKES, SECRETS } from './corpus';

describe('redaction corpus', () => {
  it('has at least 40 secret kinds and 40 look-alikes', () => {
    assert.ok(new Set(SECRETS.map((c) => c.kind)).size >= 40, `${SECRETS.length} secrets`);
    assert.ok(new Set(LOOK_ALIKES).size >= 40, `${LOOK_ALIKES.length} look-alikes`);
  });

  for (const c of SECRETS) {
    it(`redacts ${c.kind}`, () => {
      const out = redact(c.text);
      assert.ok(!out.text.includes(c.secret), `still there: ${out.text}`);
      assert.ok(out.text.includes(REDACTED) && out.count > 0, out.text);
    });
  }

  for (const text of LOOK_ALIKES) {
    it(`leaves alone: ${text.slice(0, 60)}`, () => {
      assert.equal(redactSecrets(text), text);
    });
  }

  it('keeps the name of what was redacted readable, and says which kinds went', () => {
    const out = redact('DB_HOST=db\nDB_PASSWORD=supersecret\nSTRIPE=sk_live_abcdefghijklmnop1234');
    assert.equal(out.text, `DB_HOST=db\nDB_PASSWORD=${REDACTED}\nSTRIPE=${REDACTED}`);
    assert.equal(out.count, 2);
    assert.deepEqual(out.kinds, ['password', 'stripe']);
  });

  it('redacts every secret in a file that has many, and keeps the code between them (a cut-off key swallows nothing)', () => {
    const all = SECRETS.map((c, i) => `${c.text}\nconst marker${i} = compute(${i});`).join('\n\n');
    const out = redactSecrets(all);
    for (const c of SECRETS) assert.ok(!out.includes(c.secret), `${c.kind} survived in the mixed file`);
    for (let i = 0; i < SECRETS.length; i++) assert.ok(out.includes(`const marker${i} = compute(${i});`), `the code after ${SECRETS[i].kind} was redacted too`);
  });
});
