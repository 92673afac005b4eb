// The agent loop with each provider against the fakes: it reads the helper the trace never names
// before proposing the fix; the fix validates against what the tools showed; refused approval,
// a neverSend file, a budget stop, Stop in the middle of a tool, malformed calls, a fault.
import * as assert from 'node:assert/strict';
import { toEditSet, parseDebugAnswer } from '../../../src/core/debug/parseResult';
import { sentVersions, withSeen } from '../../../src/core/debug/sentVersions';
import { validateEdits } from '../../../src/core/edits/validate';
import { nodeWorkspaceFs } from '../../../src/core/edits/workspaceFs';
import { applyPlan } from '../../../src/core/edits/apply';
import { MemoryLogger } from '../../../src/core/log';
import { RESULT_TOOL } from '../../../src/core/agent/toolSpecs';
import type { FakeServer } from '../../support/sse';
import { HARNESSES, anthropicHarness, openaiHarness } from '../providers/harness';
import { createAgentRig, FIX_INPUT, SECRET_MARKER, type AgentRig } from './rig';

describe('agent loop (loopback providers, plain-filesystem tools)', function () {
  this.timeout(30_000);
  let rig: AgentRig;
  let fake: FakeServer | undefined;
  beforeEach(() => { rig = createAgentRig(); });
  afterEach(async () => { await fake?.close(); fake = undefined; rig.dispose(); });

  for (const h of HARNESSES) {
    it(`${h.label}: reads the helper through a tool, then proposes a fix that validates and makes the program run`, async () => {
      fake = await h.start([
        { text: 'The caller indexes with lastIndex; reading it.', thinking: 'lastIndex may be off.', reasoningField: 'reasoning_content', toolCalls: [{ name: 'search_text', input: { query: 'function lastIndex' } }] },
        { text: '', toolCalls: [{ name: 'read_file', input: { path: 'src/stats.js' } }] },
        { text: 'Found it.', toolCalls: [{ name: RESULT_TOOL, input: FIX_INPUT }] },
      ]);
      const steps: string[] = [];
      const out = await rig.run(h.provider(fake.url, new MemoryLogger()), { onStep: (s) => steps.push(`${s.kind}:${s.tool ?? ''}`) });
      assert.equal(out.status, 'answered', out.message);
      assert.deepEqual(steps, ['model:', 'tool:search_text', 'model:', 'tool:read_file', 'model:']);
      assert.equal(fake.requests.length, 3);
      assert.ok(!fake.requests[0].raw.includes('return items.length;'), 'the first request lacks the helper');
      assert.match(fake.requests[1].raw, /src\/stats\.js:2: function lastIndex\(items\) \{/);
      assert.ok(fake.requests[2].raw.includes('3 |   return items.length;'), 'the file read reached the model');
      if (h.name === 'anthropic') {
        const last = fake.requests[2].body.messages.at(-1).content.at(-1);
        assert.deepEqual(last.cache_control, { type: 'ephemeral' }, 'the growing prefix is cached');
      }
      assert.ok(out.steps.every((s) => s.usdSoFar !== null && s.tokensSoFar > 0 || s.index === 1));
      const parsed = parseDebugAnswer({ text: out.text, toolInput: out.resultInput }, rig.index);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      const versions = withSeen(sentVersions([], new Map()), out.seen);
      const report = await validateEdits(toEditSet(parsed.result), nodeWorkspaceFs([rig.ws.root], { sentVersions: versions }));
      assert.deepEqual(report.refused, []);
      for (const plan of report.valid) rig.ws.write(plan.path, applyPlan(rig.ws.read(plan.path), plan)!);
      assert.equal(rig.ws.run().status, 0);
    });
  }

  it('a refused approval: the command never runs and the model is told', async () => {
    fake = await anthropicHarness.start([
      { text: '', toolCalls: [{ name: 'run_command', input: { command: 'touch ran.txt && node src/main.js' } }] },
      { text: 'Without running it: see the helper.', toolCalls: [{ name: RESULT_TOOL, input: FIX_INPUT }] },
    ]);
    const asked: string[] = [];
    const out = await rig.run(anthropicHarness.provider(fake.url, new MemoryLogger()), { approve: async (c) => { asked.push(c); return false; } });
    assert.equal(out.status, 'answered');
    assert.deepEqual(asked, ['touch ran.txt && node src/main.js']);
    assert.throws(() => rig.ws.read('ran.txt'));
    assert.match(JSON.stringify(fake.requests[1].body.messages.at(-1)), /declined to run/);
    assert.equal(out.steps[1].isError, true);
  });

  it('an approved test command runs; its output comes back truncated to the cap', async () => {
    fake = await openaiHarness.start([
      { text: '', toolCalls: [{ name: 'run_command', input: { command: 'node src/main.js' } }] },
      { text: 'done', toolCalls: [{ name: RESULT_TOOL, input: FIX_INPUT }] },
    ]);
    const out = await rig.run(openaiHarness.provider(fake.url, new MemoryLogger()));
    assert.equal(out.status, 'answered');
    const toolMsg = fake.requests[1].body.messages.find((m: { role: string }) => m.role === 'tool');
    assert.match(toolMsg.content, /\$ node src\/main\.js\n\(exit code 1\)\n[\s\S]*TypeError: Cannot read properties of undefined \(reading 'name'\)/);
    assert.match(out.steps[1].summary, /ran node src\/main\.js: exit 1/);
  });

  it('a neverSend file: the tool refuses it, nothing of it reaches the cloud (read, search, list, git)', async () => {
    fake = await anthropicHarness.start([
      { text: '', toolCalls: [{ name: 'read_file', input: { path: '.env' } }, { name: 'read_file', input: { path: './src/secrets/../secrets/keys.js' } }, { name: 'read_file', input: { path: `${'/etc/passwd'}` } }] },
      { text: '', toolCalls: [{ name: 'search_text', input: { query: 'STRIPE' } }, { name: 'list_files', input: {} }, { name: 'git', input: { op: 'log', path: 'src/secrets/keys.js' } }] },
      { text: 'ok', toolCalls: [{ name: RESULT_TOOL, input: FIX_INPUT }] },
    ]);
    const out = await rig.run(anthropicHarness.provider(fake.url, new MemoryLogger()));
    assert.equal(out.status, 'answered');
    for (const r of fake.requests) assert.ok(!r.raw.includes(SECRET_MARKER), 'the secret never left');
    const results = fake.requests[1].body.messages.at(-1).content;
    assert.match(results[0].content, /\.env matches tiered\.privacy\.neverSend/);
    assert.equal(results[0].is_error, true);
    assert.match(results[1].content, /leaves the workspace|neverSend/);
    assert.match(results[2].content, /not a workspace-relative path/);
    const second = fake.requests[2].body.messages.at(-1).content;
    assert.match(second[0].content, /No matches for "STRIPE" \(\d+ in files never sent\)/);
    assert.ok(!second[1].content.includes('.env') && !second[1].content.includes('secrets/'), second[1].content);
    assert.match(second[2].content, /neverSend/);
    assert.ok(!out.seen.has('.env'));
  });

  it('the budget: stops before a turn that would pass the dollar limit, keeping the steps so far', async () => {
    fake = await anthropicHarness.start({ text: '', toolCalls: [{ name: 'list_files', input: {} }] });
    const out = await rig.run(anthropicHarness.provider(fake.url, new MemoryLogger()), {
      limits: { maxSteps: 10, maxTokens: 1_000_000, maxUsd: 0.05 },
      priceOf: () => 0.02,
      chat: async (turn) => ({ result: await anthropicHarness.provider(fake!.url, new MemoryLogger()).chat({ messages: turn.messages, purpose: 'deep-debug', tools: turn.tools }), usd: 0.016 }),
    });
    assert.equal(out.status, 'budget');
    assert.match(out.message ?? '', /the next turn \(~\$0\.0200\) would pass the task's \$0\.05 budget \(\$0\.0320 spent\)/);
    assert.equal(fake.requests.length, 2, 'two turns fit, the third is not sent');
    assert.equal(out.steps.length, 4);
    assert.ok(Math.abs((out.usd ?? 0) - 0.032) < 1e-9);
  });

  it('the step limit and the token limit are enforced too', async () => {
    fake = await openaiHarness.start({ text: '', toolCalls: [{ name: 'list_files', input: {} }] });
    const steps = await rig.run(openaiHarness.provider(fake.url, new MemoryLogger()), { limits: { maxSteps: 2, maxTokens: 1_000_000, maxUsd: 10 } });
    assert.equal(steps.status, 'step-limit');
    assert.equal(fake.requests.length, 2);
    const tokens = await rig.run(openaiHarness.provider(fake.url, new MemoryLogger()), { limits: { maxSteps: 10, maxTokens: 500, maxUsd: 10 } });
    assert.equal(tokens.status, 'budget');
    assert.match(tokens.message ?? '', /500-token budget/);
  });

  it('Stop in the middle of a tool: the command is killed, the run ends at once and says where', async () => {
    fake = await anthropicHarness.start({ text: '', toolCalls: [{ name: 'run_command', input: { command: 'node -e "setTimeout(() => {}, 20000)"' } }] });
    const stop = new AbortController();
    const started = Date.now();
    const out = await rig.run(anthropicHarness.provider(fake.url, new MemoryLogger()), {
      signal: stop.signal,
      approve: async () => { setTimeout(() => stop.abort(), 300); return true; },
    });
    assert.equal(out.status, 'stopped');
    assert.ok(Date.now() - started < 10_000, 'did not wait for the command');
    assert.match(out.message ?? '', /Stopped by you during step 2 \(run_command\)/);
    assert.equal(out.steps.length, 2);
  });

  it('malformed calls: unreadable arguments and an unknown tool come back as errors; the model recovers', async () => {
    fake = await openaiHarness.start([
      { text: '', toolCalls: [{ name: 'read_file', rawArguments: '{"path": "src/stats.js"' }, { name: 'delete_everything', input: {} }] },
      { text: '', toolCalls: [{ name: RESULT_TOOL, rawArguments: '{"rootCause": ' }] },
      { text: '', toolCalls: [{ name: RESULT_TOOL, input: FIX_INPUT }] },
    ]);
    const out = await rig.run(openaiHarness.provider(fake.url, new MemoryLogger()));
    assert.equal(out.status, 'answered');
    const tools = fake.requests[1].body.messages.filter((m: { role: string }) => m.role === 'tool');
    assert.match(tools[0].content, /could not be read: the arguments are not valid JSON/);
    assert.match(tools[1].content, /There is no tool named delete_everything/);
    assert.match(fake.requests[2].body.messages.at(-1).content, /report_debug_result call could not be read/);
  });

  it('a fault mid-loop (429 after the first turn): the steps are kept and it says where it stopped', async () => {
    fake = await anthropicHarness.start([
      { text: 'Reading.', toolCalls: [{ name: 'read_file', input: { path: 'src/stats.js' } }] },
      { status: 429, headers: { 'retry-after': '0' } },
    ]);
    const out = await rig.run(anthropicHarness.provider(fake.url, new MemoryLogger(), { maxRetries: 0 }));
    assert.equal(out.status, 'fault');
    assert.match(out.message ?? '', /^Stopped at step 3 \(model turn\): .*rate/i);
    assert.deepEqual(out.steps.map((s) => s.tool ?? s.kind), ['model', 'read_file']);
    assert.equal(out.text, 'Reading.');
  });

  it('a server without tool use: the tools go in the prompt and calls are read from the text', async () => {
    fake = await openaiHarness.start([
      { text: 'Let me read the helper.\n```json\n{"tool": "read_file", "arguments": {"path": "src/stats.js", "startLine": 1, "endLine": 5}}\n```' },
      { text: `The helper is off by one.\n\n\`\`\`json\n${JSON.stringify(FIX_INPUT)}\n\`\`\`` },
    ], { flavor: 'compatible' });
    const out = await rig.run(openaiHarness.provider(fake.url, new MemoryLogger(), { dialect: 'compatible' }), { native: false });
    assert.equal(out.status, 'answered');
    assert.equal(fake.requests[0].body.tools, undefined);
    assert.match(fake.requests[0].body.messages[0].content, /To call one, end your message with one fenced block/);
    assert.match(fake.requests[1].body.messages.at(-1).content, /Result of read_file:\n```\n1 \| \/\/ Statistics helpers/);
    const parsed = parseDebugAnswer({ text: out.text }, rig.index);
    assert.ok(parsed.ok);
  });

  it('a compatible server that rejects tools: the loop switches to tools in the prompt by itself', async () => {
    const replies = [
      { text: '```json\n{"tool": "read_file", "arguments": {"path": "src/stats.js"}}\n```' },
      { text: `\`\`\`json\n${JSON.stringify(FIX_INPUT)}\n\`\`\`` },
    ];
    let n = 0;
    fake = await openaiHarness.start((req) => (req.body.tools ? { status: 400, errorMessage: 'This model does not support tools.' } : replies[n++] ?? { text: 'none' }), { flavor: 'compatible' });
    const out = await rig.run(openaiHarness.provider(fake.url, new MemoryLogger(), { dialect: 'compatible', maxRetries: 0 }));
    assert.equal(out.status, 'answered', out.message);
    assert.match(out.steps[0].summary, /does not take tools/);
    assert.equal(fake.requests.length, 3);
    assert.match(fake.requests[2].body.messages.at(-1).content, /Result of read_file:\n```\n 1 \| \/\/ Statistics helpers|Result of read_file:\n```\n1 \| \/\/ Statistics/);
    assert.ok(parseDebugAnswer({ text: out.text }, rig.index).ok);
  });

  it('a result too big: the local worker reduces it, the reason says so, and a handle asks for the full text', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => (i === 1500 ? 'function lastIndex(items) { return items.length; }' : `const filler${i} = ${i};`)).join('\n');
    rig.ws.write('src/big.js', big);
    fake = await anthropicHarness.start([
      { text: '', toolCalls: [{ name: 'read_file', input: { path: 'src/big.js' } }] },
      { text: '', toolCalls: [{ name: RESULT_TOOL, input: FIX_INPUT }] },
    ]);
    const asked: number[] = [];
    const out = await rig.run(anthropicHarness.provider(fake.url, new MemoryLogger()), {
      reduce: async (input) => { asked.push(input.text.length); return { text: input.text.split('\n').filter((l) => l.includes('lastIndex')).join('\n'), note: 'the local model kept 1 of 3,000 lines bearing on the question' }; },
    });
    assert.equal(out.status, 'answered');
    assert.equal(asked.length, 1);
    const result = fake.requests[1].body.messages.at(-1).content[0].content as string;
    assert.ok(result.length < 1000, String(result.length));
    assert.match(result, /^\[Reduced: the local model kept 1 of 3,000 lines/);
    assert.match(result, /full: true/);
    assert.match(result, /1501 \| function lastIndex/);
    assert.equal(out.steps[1].worker, 'the local model kept 1 of 3,000 lines bearing on the question');
  });
});
