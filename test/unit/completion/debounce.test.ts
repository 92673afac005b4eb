import * as assert from 'node:assert/strict';
import { AdaptiveDebounce } from '../../../src/core/completion/debounce';

function typed(gaps: number[], options = {}) {
  const d = new AdaptiveDebounce(options);
  let t = 1000;
  d.record(t);
  for (const gap of gaps) { t += gap; d.record(t); }
  return d;
}

describe('AdaptiveDebounce', () => {
  it('starts from the initial value before any rhythm is known', () => {
    assert.equal(new AdaptiveDebounce().currentMs, 75);
  });

  it('waits a little longer than the typing rhythm while the user types fast', () => {
    const fast = typed([80, 90, 85, 80, 90]);
    assert.ok(fast.currentMs > 85 && fast.currentMs <= 150, String(fast.currentMs));
  });

  it('waits less when keys come slowly (the next key would not arrive in time anyway)', () => {
    const slow = typed([400, 450, 420, 400]);
    assert.equal(slow.currentMs, 25);
    const fast = typed([80, 90, 85, 80, 90]);
    assert.ok(slow.currentMs < fast.currentMs);
  });

  it('stays within its bounds', () => {
    for (const gap of [1, 10, 50, 100, 130, 180, 250, 500, 900]) {
      const d = typed(Array(10).fill(gap));
      assert.ok(d.currentMs >= 25 && d.currentMs <= 150, `${gap}: ${d.currentMs}`);
    }
    assert.equal(typed(Array(10).fill(1)).currentMs, 25);
  });

  it('does not count pauses as typing rhythm', () => {
    const d = typed([80, 80, 80, 5000]);
    assert.equal(d.lastGapMs, 5000);
    assert.equal(d.averageGapMs, 80);
  });
});
