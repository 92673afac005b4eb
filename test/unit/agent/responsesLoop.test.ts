// The agent loop through OpenAI's Responses API (the `openai` SDK against the loopback Responses
// server): a plain answer, a tool call then the answer (results as function_call_output, the
// encrypted reasoning sent back), malformed arguments the model recovers from, and a 429 in the
// middle of the loop that keeps the steps so far.
import * as assert from 'node:assert/strict';
import { parseDebugAnswer } from '../../../src/core/debug/parseResult';
import { MemoryLogger } from '../../../src/core/log';
import { RESULT_TOOL } from '../../../src/core/agent/toolSpecs';
import { OpenAIProvider } from '../../../src/core/providers/openai';
import { decryptReasoning, startFakeResponses } from '../../support/fakeResponses';
import type { FakeScript, FakeServer } from '../../support/sse';
import { OPENAI_KEY } from '../providers/harness';
import { createAgentRig, FIX_INPUT, type AgentRig } from './rig';

type Item = { type?: string; role?: string; call_id?: string; output?: string; encrypted_content?: string };

describe('agent loop through the OpenAI Responses API', function () {
  this.timeout(30_000);
  let rig: AgentRig;
  let fake: FakeServer | undefined;
  const start = async (script: FakeScript) => (fake = await startFakeResponses(script, { apiKey: OPENAI_KEY }));
  const provider = (url: string) => new OpenAIProvider({ apiKey: async () => OPENAI_KEY, baseUrl: url, defaultModel: 'o4-mini', logger: new MemoryLogger(), api: 'responses', maxRetries: 0 });
  beforeEach(() => { rig = createAgentRig(); });
  afterEach(async () => { await fake?.close(); fake = undefined; rig.dispose(); });

  it('a plain text answer ends the run in one step', async () => {
    const f = await start({ text: 'lastIndex in src/stats.js is off by one.', thinking: 'The trace names latestName.' });
    const out = await rig.run(provider(f.url));
    assert.equal(out.status, 'answered', out.message);
    assert.equal(out.text, 'lastIndex in src/stats.js is off by one.');
    assert.equal(out.steps.length, 1);
    assert.equal(f.requests.length, 1);
    assert.equal(f.requests[0].path, '/v1/responses');
    const names = (f.requests[0].body.tools as { name: string }[]).map((t) => t.name);
    assert.ok(names.includes('read_file') && names.includes(RESULT_TOOL), names.join());
    assert.ok(out.usage.inputTokens > 0 && out.usage.outputTokens > 0);
  });

  it('a tool call, then the answer: the file read goes back as function_call_output with the reasoning, and the fix parses', async () => {
    const f = await start([
      { text: 'Reading the helper.', thinking: 'lastIndex may be off.', toolCalls: [{ name: 'read_file', input: { path: 'src/stats.js' } }] },
      { text: 'Found it.', toolCalls: [{ name: RESULT_TOOL, input: FIX_INPUT }] },
    ]);
    const steps: string[] = [];
    const out = await rig.run(provider(f.url), { onStep: (s) => steps.push(`${s.kind}:${s.tool ?? ''}`) });
    assert.equal(out.status, 'answered', out.message);
    assert.deepEqual(steps, ['model:', 'tool:read_file', 'model:']);
    const input = f.requests[1].body.input as Item[];
    const call = input.find((i) => i.type === 'function_call')!;
    const result = input.find((i) => i.type === 'function_call_output')!;
    assert.equal(result.call_id, call.call_id);
    assert.match(result.output ?? '', /3 \| {3}return items\.length;/);
    const reasoning = input.find((i) => i.type === 'reasoning');
    assert.equal(decryptReasoning(reasoning?.encrypted_content)?.thinking, 'lastIndex may be off.');
    assert.ok(input.indexOf(reasoning!) < input.indexOf(call), 'the reasoning precedes its call');
    assert.ok(out.seen.has('src/stats.js'));
    assert.ok(parseDebugAnswer({ text: out.text, toolInput: out.resultInput }, rig.index).ok);
  });

  it('malformed arguments come back as a tool error; the model calls again and the run ends with the result', async () => {
    const f = await start([
      { text: '', toolCalls: [{ name: 'read_file', rawArguments: '{"path": "src/stats.js"' }] },
      { text: '', toolCalls: [{ name: RESULT_TOOL, rawArguments: '{"rootCause": ' }] },
      { text: '', toolCalls: [{ name: RESULT_TOOL, input: FIX_INPUT }] },
    ]);
    const out = await rig.run(provider(f.url));
    assert.equal(out.status, 'answered', out.message);
    const first = (f.requests[1].body.input as Item[]).filter((i) => i.type === 'function_call_output');
    assert.match(first[0].output ?? '', /could not be read: the arguments are not valid JSON/);
    const second = (f.requests[2].body.input as Item[]).filter((i) => i.type === 'function_call_output').at(-1);
    assert.match(second?.output ?? '', /report_debug_result call could not be read/);
    assert.equal(out.steps[1].isError, true);
    assert.deepEqual(out.resultInput, FIX_INPUT);
  });

  it('a 429 after the first turn: the run stops as a fault, keeps its steps and says where', async () => {
    const f = await start([
      { text: 'Reading.', toolCalls: [{ name: 'read_file', input: { path: 'src/stats.js' } }] },
      { status: 429, headers: { 'retry-after': '0' } },
    ]);
    const out = await rig.run(provider(f.url));
    assert.equal(out.status, 'fault');
    assert.match(out.message ?? '', /^Stopped at step 3 \(model turn\): .*rate/i);
    assert.deepEqual(out.steps.map((s) => s.tool ?? s.kind), ['model', 'read_file']);
    assert.equal(out.text, 'Reading.');
    assert.ok(out.usage.inputTokens > 0, 'the first turn\'s usage is kept');
  });
});
