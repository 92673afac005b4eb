// The agent's limits come from the user's settings (tiered.agent.maxSteps / maxUsd / maxTokens):
// a workspace cannot raise them, a command argument can only lower them, the preview states them
// before the start, and the loop stops there (against a loopback server that never stops calling
// tools).
import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, normalizeSettings, type SettingKey } from '../../../src/core/config';
import { scopedValue } from '../../../src/core/settingsScope';
import { agentLimitsLabel, taskLimits } from '../../../src/core/agent/limits';
import { DEFAULT_AGENT_LIMITS } from '../../../src/core/agent/types';
import { MemoryLogger } from '../../../src/core/log';
import type { FakeServer } from '../../support/sse';
import { openaiHarness } from '../providers/harness';
import { createAgentRig, type AgentRig } from './rig';

/** Settings as Tiered reads them from a user layer and a workspace layer. */
function effective(user: Partial<Record<SettingKey, unknown>>, workspace: Partial<Record<SettingKey, unknown>> = {}) {
  return normalizeSettings((key) => scopedValue(key, { defaultValue: DEFAULT_SETTINGS[key], globalValue: user[key], workspaceValue: workspace[key] }).value).settings;
}

describe('agent limits (tiered.agent.*)', function () {
  this.timeout(30_000);
  let rig: AgentRig | undefined;
  let fake: FakeServer | undefined;
  afterEach(async () => { await fake?.close(); fake = undefined; rig?.dispose(); rig = undefined; });

  it('defaults to 12 steps, $0.50 and 400,000 tokens, said so before the start', () => {
    const limits = taskLimits(effective({}));
    assert.deepEqual(limits, { maxSteps: 12, maxUsd: 0.5, maxTokens: 400_000 });
    assert.deepEqual(DEFAULT_AGENT_LIMITS, limits);
    assert.equal(agentLimitsLabel(limits), 'at most 12 steps and $0.50 (400,000 tokens) in all');
  });

  it("takes the user's values; a workspace's values are ignored, however generous", () => {
    const limits = taskLimits(effective({ 'agent.maxSteps': 3, 'agent.maxUsd': 0.2, 'agent.maxTokens': 50_000 }, { 'agent.maxSteps': 50, 'agent.maxUsd': 100, 'agent.maxTokens': 10_000_000 }));
    assert.deepEqual(limits, { maxSteps: 3, maxUsd: 0.2, maxTokens: 50_000 });
    assert.equal(agentLimitsLabel(limits), 'at most 3 steps and $0.20 (50,000 tokens) in all');
    assert.deepEqual(taskLimits(effective({}, { 'agent.maxUsd': 100 })), DEFAULT_AGENT_LIMITS);
  });

  it('an invalid value falls back to the default; a command argument lowers a limit, never raises one', () => {
    assert.deepEqual(taskLimits(effective({ 'agent.maxSteps': 0, 'agent.maxUsd': -1, 'agent.maxTokens': 'lots' })), DEFAULT_AGENT_LIMITS);
    const s = effective({ 'agent.maxSteps': 6, 'agent.maxUsd': 0.3 });
    assert.deepEqual(taskLimits(s, { maxSteps: 40, maxUsd: 25, maxTokens: 9_000_000 }), { maxSteps: 6, maxUsd: 0.3, maxTokens: 400_000 });
    assert.deepEqual(taskLimits(s, { maxSteps: 2.7, maxUsd: 0.1 }), { maxSteps: 2, maxUsd: 0.1, maxTokens: 400_000 });
    assert.deepEqual(taskLimits(s, { maxSteps: -3, maxUsd: Number.NaN }), { maxSteps: 6, maxUsd: 0.3, maxTokens: 400_000 });
    assert.deepEqual(taskLimits(s, false), { maxSteps: 6, maxUsd: 0.3, maxTokens: 400_000 });
  });

  it('the loop stops at the step limit the user set, keeping its steps, and names the setting', async () => {
    rig = createAgentRig();
    fake = await openaiHarness.start({ text: '', toolCalls: [{ name: 'list_files', input: {} }] });
    const limits = taskLimits(effective({ 'agent.maxSteps': 3 }, { 'agent.maxSteps': 50 }));
    const out = await rig.run(openaiHarness.provider(fake.url, new MemoryLogger()), { limits });
    assert.equal(out.status, 'step-limit');
    assert.equal(fake.requests.length, 3, 'three model turns, no fourth');
    assert.equal(out.steps.length, 6);
    assert.match(out.message ?? '', /step limit \(3 model turns\).*tiered\.agent\.maxSteps/);
  });

  it('the loop stops before a turn that would pass the dollar limit the user set', async () => {
    rig = createAgentRig();
    fake = await openaiHarness.start({ text: '', toolCalls: [{ name: 'list_files', input: {} }] });
    const limits = taskLimits(effective({ 'agent.maxUsd': 0.05 }, { 'agent.maxUsd': 100 }));
    const out = await rig.run(openaiHarness.provider(fake.url, new MemoryLogger()), {
      limits,
      priceOf: () => 0.02,
      chat: async (turn) => ({ result: await openaiHarness.provider(fake!.url, new MemoryLogger()).chat({ messages: turn.messages, purpose: 'deep-debug', tools: turn.tools }), usd: 0.02 }),
    });
    assert.equal(out.status, 'budget');
    assert.equal(fake.requests.length, 2, 'the third turn would pass $0.05: not sent');
    assert.match(out.message ?? '', /\$0\.05 budget \(\$0\.0400 spent\)\. The limit is tiered\.agent\.maxUsd\./);
  });
});
