import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGuard } from '../../../src/core/cost/budget';
import { RollingLatency } from '../../../src/core/cost/latency';
import { Ledger } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import { MemoryLogger } from '../../../src/core/log';
import { AnthropicProvider } from '../../../src/core/providers/anthropic';
import type { ChatProvider, ChatRequest, ChatResult, StreamEvent } from '../../../src/core/providers/types';
import { Dispatcher, type DispatcherDeps } from '../../../src/core/tiers/dispatcher';
import type { Tier } from '../../../src/core/config';
import { startFakeAnthropic, type FakeServer } from '../../support/fakeAnthropic';

const KEY = 'sk-ant-api03-dispatcher-test-key-0123456789';
const MODEL = 'claude-sonnet-4-6';

/** A local tier that answers instantly, counting its calls. */
class LocalStub implements ChatProvider {
  readonly id = 'local' as const;
  readonly tier = 'local' as const;
  calls = 0;
  defaultModel() { return 'tiny'; }
  async chat(_req: ChatRequest, onEvent?: (e: StreamEvent) => void): Promise<ChatResult> {
    this.calls++;
    onEvent?.({ type: 'text', text: 'local answer' });
    return { text: 'local answer', thinking: '', usage: { inputTokens: 10, outputTokens: 2 }, finishReason: 'stop', incomplete: false, model: 'tiny', provider: 'local', totalMs: 5, timeToFirstTokenMs: 1 };
  }
}

describe('Dispatcher: route, confirm, budget, stream, ledger', function () {
  this.timeout(20_000);
  let fake: FakeServer;
  let dir: string;
  let ledger: Ledger;
  let local: LocalStub;
  let pinned: Tier;
  let daily: number;
  let confirmAbove: number;
  let confirms: string[];
  let answerConfirm: boolean;

  beforeEach(async () => {
    fake = await startFakeAnthropic({ text: 'The bug is an off-by-one.', usage: { input: 1000, output: 200 } }, { apiKey: KEY });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tdisp-'));
    const prices = new PriceBook();
    ledger = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => prices, savingsModel: () => MODEL });
    local = new LocalStub();
    pinned = 'auto';
    daily = 5;
    confirmAbove = 1;
    confirms = [];
    answerConfirm = true;
  });
  afterEach(async () => { await ledger.dispose(); await fake.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  let guard: BudgetGuard;
  function dispatcher(over: Partial<DispatcherDeps> = {}) {
    const prices = new PriceBook();
    guard = new BudgetGuard(() => ({ dailyUsd: daily, monthlyUsd: 0, confirmAboveUsd: confirmAbove }), ledger);
    const reasoning = new AnthropicProvider({ apiKey: async () => KEY, baseUrl: fake.url, defaultModel: MODEL, logger: new MemoryLogger() });
    return new Dispatcher({
      local: () => local, reasoning: () => reasoning, hasReasoningKey: async () => true, prices: () => prices, ledger,
      budget: guard,
      latency: new RollingLatency(), pinned: () => pinned,
      confirm: async (m) => { confirms.push(m); return answerConfirm; },
      ...over,
    });
  }
  const debugRequest = { purpose: 'deep-debug' as const, messages: [{ role: 'user' as const, content: 'TypeError at cart.ts:8' }], route: { kind: 'deep-debug' as const, hasStackTrace: true } };

  it('sends Deep Debug to the reasoning model, streams it and records the priced usage once', async () => {
    const events: string[] = [];
    const out = await dispatcher().dispatch({ ...debugRequest, onEvent: (e) => { if (e.type === 'text') events.push(e.text); } });
    assert.equal(out.kind, 'answered');
    if (out.kind !== 'answered') return;
    assert.equal(out.tier, 'reasoning');
    assert.match(out.decision.reason, /Deep Debug/);
    assert.equal(events.join(''), 'The bug is an off-by-one.');
    assert.equal(fake.requests.length, 1);
    // 1000 input at $3/M + 200 output at $15/M on claude-sonnet-4-6
    const expected = (1000 * 3 + 200 * 15) / 1e6;
    assert.ok(out.usd !== null && Math.abs(out.usd - expected) < 1e-9, `usd ${out.usd}`);
    assert.ok(Math.abs(ledger.day().usd - expected) < 1e-9);
    assert.equal(ledger.day().tiers.reasoning.requests, 1);
    assert.equal(local.calls, 0);
  });

  const lookup = { purpose: 'chat' as const, messages: [{ role: 'user' as const, content: 'What does Array.prototype.at do?' }], route: { kind: 'chat' as const } };
  const completionOnly = async () => ({ name: 'Tiered Demo Coder', chat: false });

  it('sends an easy chat question to a local model that can chat', async () => {
    const out = await dispatcher({ localCapabilities: async () => ({ name: 'Qwen2.5-Coder', chat: true }) }).dispatch(lookup);
    assert.equal(out.kind === 'answered' && out.tier, 'local');
    assert.equal(local.calls, 1);
  });

  it('routes chat away from a completion-only local model, and says so in the reason', async () => {
    const out = await dispatcher({ localCapabilities: completionOnly }).dispatch(lookup);
    assert.equal(out.kind, 'answered');
    if (out.kind !== 'answered') return;
    assert.equal(out.tier, 'reasoning');
    assert.equal(out.decision.reason, 'Reasoning: the local model Tiered Demo Coder is completion-only (no chat template)');
    assert.equal(local.calls, 0);
  });

  it('refuses chat on a completion-only local model when the reasoning tier cannot run, and says what to do', async () => {
    const out = await dispatcher({ localCapabilities: completionOnly, hasReasoningKey: async () => false }).dispatch(lookup);
    assert.equal(out.kind, 'declined');
    if (out.kind !== 'declined') return;
    assert.match(out.message, /Tiered Demo Coder is completion-only .*cannot chat/);
    assert.match(out.message, /Tiered: Set API Key/);
    assert.equal(local.calls, 0);
    assert.equal(fake.requests.length, 0);
    pinned = 'local';
    const pinnedOut = await dispatcher({ localCapabilities: completionOnly }).dispatch(lookup);
    assert.equal(pinnedOut.kind, 'declined');
    assert.equal(local.calls, 0);
  });

  it('with the tier pinned to Local nothing reaches the cloud', async () => {
    pinned = 'local';
    const out = await dispatcher().dispatch(debugRequest);
    assert.equal(out.kind === 'answered' && out.tier, 'local');
    assert.equal(fake.requests.length, 0);
    assert.equal(local.calls, 1);
    assert.equal(ledger.day().usd, 0);
  });

  it('tier pinned to Local is a kill switch: an escalation or a conversation saved on reasoning stays local', async () => {
    pinned = 'local';
    for (const kind of ['chat', 'deep-debug', 'refactor'] as const) {
      const out = await dispatcher().dispatch({ purpose: kind === 'chat' ? 'chat' : kind, messages: [{ role: 'user', content: 'why?' }], route: { kind, explicitTier: 'reasoning' } });
      assert.equal(out.kind === 'answered' && out.tier, 'local', kind);
      assert.match(out.kind === 'answered' ? out.decision.fallback ?? '' : '', /tiered\.tier is "local"/);
    }
    assert.equal(fake.requests.length, 0);
    assert.equal(ledger.day().tiers.reasoning.requests, 0);
  });

  it('asks before an estimate above the threshold, and sends nothing when declined', async () => {
    confirmAbove = 0.0000001;
    answerConfirm = false;
    const out = await dispatcher().dispatch(debugRequest);
    assert.equal(out.kind, 'declined');
    assert.equal(confirms.length, 1);
    assert.match(confirms[0], /\$/);
    assert.equal(fake.requests.length, 0);
    assert.equal(ledger.day().tiers.reasoning.requests, 0);
  });

  it('does not ask twice when a workflow already showed the same estimate', async () => {
    confirmAbove = 0.0000001;
    const d = dispatcher();
    const estimate = d.estimate('deep-debug', debugRequest.messages);
    const out = await d.dispatch({ ...debugRequest, preApprovedUsd: estimate.usd });
    assert.equal(out.kind, 'answered');
    assert.equal(confirms.length, 0);
    // A larger request than the one approved still asks.
    answerConfirm = false;
    const bigger = await d.dispatch({ ...debugRequest, messages: [{ role: 'user', content: 'x'.repeat(50_000) }], preApprovedUsd: estimate.usd });
    assert.equal(bigger.kind, 'declined');
    assert.equal(confirms.length, 1);
  });

  it('keeps automatic chat local once the daily budget is spent, and says why', async () => {
    daily = 0.001;
    ledger.record({ tier: 'reasoning', provider: 'anthropic', model: MODEL, purpose: 'chat', usage: { inputTokens: 1000, outputTokens: 0 }, totalMs: 10, outcome: 'ok', usd: 0.002 });
    const out = await dispatcher().dispatch({ purpose: 'chat', messages: [{ role: 'user', content: 'Why does this deadlock? Walk through the root cause across these files and propose a design fix.' }], route: { kind: 'chat', fileCount: 3, hasStackTrace: true } });
    assert.equal(out.kind === 'answered' && out.tier, 'local');
    assert.match(out.kind === 'answered' ? out.decision.reason : '', /budget/);
    assert.equal(fake.requests.length, 0);
  });

  it('releases the reservation when the provider fails, so a failed call costs no budget', async () => {
    fake.setScript({ status: 401, errorType: 'authentication_error', errorMessage: 'invalid x-api-key' });
    const d = dispatcher();
    const pending = d.dispatch(debugRequest);
    await assert.rejects(pending, /Set API Key|rejected|key/i);
    assert.equal(guard.state().reservedUsd, 0);
    assert.equal(ledger.day().usd, 0);
  });
});
