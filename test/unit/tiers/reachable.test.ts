import * as assert from 'node:assert/strict';
import { localTierRemoteHost, reasoningReachable, workflowRunsLocally } from '../../../src/core/tiers/reachable';

describe('where a workflow runs (one test for the Dispatcher and Deep Debug)', () => {
  it('a keyless OpenAI-compatible server on this machine or a private network is reachable; a remote one is not', () => {
    for (const url of ['http://localhost:11434/v1', 'http://127.0.0.1:8080/v1', 'http://[::1]:8080/v1', 'http://192.168.1.5:11434/v1', 'http://10.0.0.2/v1']) {
      assert.equal(reasoningReachable('openai', url, false), true, url);
      assert.equal(workflowRunsLocally('auto', 'openai', url, false), false, url);
    }
    for (const url of ['https://api.openai.com/v1', 'http://localhost.attacker.example/v1', 'http://127.0.0.1.nip.io/v1']) {
      assert.equal(reasoningReachable('openai', url, false), false, url);
      assert.equal(workflowRunsLocally('auto', 'openai', url, false), true, url);
    }
    assert.equal(reasoningReachable('anthropic', 'http://127.0.0.1:1/v1', false), false, 'Anthropic always needs a key');
  });

  it('pinned local runs locally even with a key; pinned reasoning without a way to reach it runs locally, as the Dispatcher routes it', () => {
    assert.equal(workflowRunsLocally('local', 'anthropic', '', true), true);
    assert.equal(workflowRunsLocally('reasoning', 'anthropic', '', false), true);
    assert.equal(workflowRunsLocally('reasoning', 'anthropic', '', true), false);
  });

  it('a local tier on a remote endpoint is not "nothing leaves this machine"', () => {
    assert.equal(localTierRemoteHost(''), undefined);
    assert.equal(localTierRemoteHost('http://127.0.0.1:8080/v1'), undefined);
    assert.equal(localTierRemoteHost('https://llm.team.example:8443/v1'), 'llm.team.example:8443');
  });
});
