import * as assert from 'node:assert/strict';
import { formatMs, formatUsd, localModelLabel, renderStatus } from '../../src/core/status';

describe('status bar rendering', () => {
  it('shows tier, latency and spend as "Auto · 84 ms · $0.42"', () => {
    const v = renderStatus({ tier: 'auto', completionsEnabled: true, local: { kind: 'ready', model: 'tiny' }, lastLatencyMs: 84.2, todayUsd: 0.4213 });
    assert.equal(v.text, '$(layers) Auto · 84 ms · $0.42');
    assert.match(v.tooltip, /router picks/);
    assert.match(v.tooltip, /Click to choose the tier/);
    assert.equal(v.warning, false);
  });

  it('shows only the tier before anything has run, and says how to get a model', () => {
    const v = renderStatus({ tier: 'local', completionsEnabled: false, local: { kind: 'no-model' } });
    assert.equal(v.text, '$(layers) Local · $(circle-slash) completions off');
    assert.match(v.tooltip, /pinned/);
    assert.match(v.tooltip, /Choose Local Model/);
    assert.match(v.tooltip, /Inline completions: off/);
  });

  it('warns when the local model is in error, and labels the demo model', () => {
    assert.equal(renderStatus({ tier: 'auto', completionsEnabled: true, local: { kind: 'error', message: 'crashed' } }).warning, true);
    assert.match(renderStatus({ tier: 'auto', completionsEnabled: true, local: { kind: 'ready', model: 'tiny', demo: true } }).tooltip, /demo model/);
  });

  it('says when inline completions are off, in the item itself', () => {
    const v = renderStatus({ tier: 'auto', completionsEnabled: false, local: { kind: 'off', model: 'qwen' } });
    assert.equal(v.text, '$(layers) Auto · $(circle-slash) completions off');
    assert.match(v.tooltip, /Inline completions: off — "Tiered: Toggle Inline Completions" turns them on/);
  });

  it('one label for the local model in every state, the demo model marked before it loads', () => {
    const states = [
      { kind: 'off', model: 'Tiered demo (tiny)', demo: true },
      { kind: 'loading', model: 'Tiered demo (tiny)', demo: true },
      { kind: 'ready', model: 'Tiered demo (tiny)', demo: true },
    ] as const;
    for (const local of states) {
      assert.deepEqual(localModelLabel(local), { label: 'Tiered demo (tiny)', demo: true });
      const v = renderStatus({ tier: 'auto', completionsEnabled: true, local });
      assert.match(v.text, /^\$\([a-z~]+\) Auto · demo model$/);
      assert.match(v.tooltip, /Local model: Tiered demo \(tiny\) \(demo model: predicts letters, not code\)/);
    }
    assert.doesNotMatch(renderStatus({ tier: 'auto', completionsEnabled: true, local: { kind: 'off', model: 'qwen' } }).tooltip, /not started|none chosen/);
  });

  it('never shows "0 ms" (a cache hit is under a millisecond)', () => {
    assert.equal(formatMs(0), '< 1 ms');
    assert.equal(renderStatus({ tier: 'local', completionsEnabled: true, local: { kind: 'no-model' }, lastLatencyMs: 0 }).text, '$(layers) Local · < 1 ms');
    assert.equal(formatMs(1), '1 ms');
  });

  it('formats small costs and long latencies readably', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.00123), '$0.0012');
    assert.equal(formatMs(1534), '1.5 s');
  });
});
