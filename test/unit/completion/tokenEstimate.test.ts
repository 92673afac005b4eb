// The token estimate the prompt layout uses, calibrated by the engine's own counts.
import * as assert from 'node:assert/strict';
import { INITIAL_CHARS_PER_TOKEN, TokenEstimate } from '../../../src/core/completion/tokenEstimate';

describe('TokenEstimate', () => {
  it('learns a byte-sized vocabulary from one measured prompt, leaning to more tokens than measured', () => {
    const e = new TokenEstimate();
    assert.equal(e.charsPerToken, INITIAL_CHARS_PER_TOKEN);
    assert.ok(e.observe(4000, 3900));
    assert.ok(e.charsPerToken < 4000 / 3900 && e.charsPerToken > 0.85, `${e.charsPerToken}`);
    assert.ok(e.count('x'.repeat(1000)) >= 1000 * (3900 / 4000));
  });

  it('stays put for measurements close to it (the layout must not move while typing)', () => {
    const e = new TokenEstimate();
    e.observe(4000, 3900);
    const learnt = e.charsPerToken;
    for (const tokens of [3800, 3950, 4050, 3700]) assert.equal(e.observe(4000, tokens), false);
    assert.equal(e.charsPerToken, learnt);
  });

  it('ignores small prompts and resets for another model', () => {
    const e = new TokenEstimate();
    assert.equal(e.observe(100, 100), false);
    e.observe(4000, 4000);
    e.reset();
    assert.equal(e.charsPerToken, INITIAL_CHARS_PER_TOKEN);
  });
});
