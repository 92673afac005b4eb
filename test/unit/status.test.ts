import * as assert from 'node:assert/strict';
import { formatMs, formatUsd, renderStatus } from '../../src/core/status';

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
    assert.equal(v.text, '$(layers) Local');
    assert.match(v.tooltip, /pinned/);
    assert.match(v.tooltip, /Choose Local Model/);
    assert.match(v.tooltip, /Inline completions: off/);
  });

  it('warns when the local model is in error, and labels the demo model', () => {
    assert.equal(renderStatus({ tier: 'auto', completionsEnabled: true, local: { kind: 'error', message: 'crashed' } }).warning, true);
    assert.match(renderStatus({ tier: 'auto', completionsEnabled: true, local: { kind: 'ready', model: 'tiny', demo: true } }).tooltip, /demo model/);
  });

  it('formats small costs and long latencies readably', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.00123), '$0.0012');
    assert.equal(formatMs(1534), '1.5 s');
  });
});
