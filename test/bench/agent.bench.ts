// Benchmark {"bench":"agent"}: scripted Deep Debug tasks on buggy workspaces (test/fixtures),
// the model's tool calls scripted by the loopback Anthropic server, the real agent loop and
// plain-filesystem tools. Each task runs twice: with the local workers reducing oversized tool
// results, and without (results only cut at the size cap). Per task: steps, cloud input/output
// tokens (as the server counts them), dollars (models/prices.json), solved (the fix validates
// and, where the workspace runs, makes it run), and Tiered's own time per step (the model's
// stream and the commands' processes excluded). Goal: p95 ≤ 20 ms per step. Never fails on timing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runAgent } from '../../src/core/agent/loop';
import { agentMessages } from '../../src/core/agent/prompt';
import { agentToolSpecs, RESULT_TOOL } from '../../src/core/agent/toolSpecs';
import { fsWorkspace } from '../../src/core/agent/fsWorkspace';
import { localReducer } from '../../src/core/agent/localReducer';
import { PriceBook } from '../../src/core/cost/prices';
import { analyzeTrace } from '../../src/core/debug/collect';
import { parseDebugAnswer, toEditSet } from '../../src/core/debug/parseResult';
import { neverSendMatcher } from '../../src/core/debug/privacy';
import { prepareDeepDebug } from '../../src/core/debug/request';
import { withSeen } from '../../src/core/debug/sentVersions';
import { createWorkspaceIndex } from '../../src/core/debug/workspaceMap';
import { applyPlan } from '../../src/core/edits/apply';
import { validateEdits } from '../../src/core/edits/validate';
import { nodeWorkspaceFs } from '../../src/core/edits/workspaceFs';
import { MemoryLogger } from '../../src/core/log';
import { AnthropicProvider } from '../../src/core/providers/anthropic';
import { OpenAIProvider } from '../../src/core/providers/openai';
import type { Usage } from '../../src/core/providers/types';
import { startFakeAnthropic } from '../support/fakeAnthropic';
import { startFakeOpenAI } from '../support/fakeOpenAI';
import { BUGGY_HELPER, CORRECT_HELPER, createHelperBug } from '../support/helperBug';
import { repoRoot } from '../support/paths';
import type { FakeReply } from '../support/sse';

const MODEL = 'claude-sonnet-4-6';
const KEY = 'sk-ant-api03-BenchLoopbackKey0123456789abcdef';

const fixHelper = {
  rootCause: 'lastIndex returns items.length, one past the last index.',
  evidence: [{ file: 'src/stats.js', line: 3, endLine: null, note: 'off by one' }],
  explanation: 'Return the last index.',
  files: [{ path: 'src/stats.js', kind: 'modify', hunks: [{ search: BUGGY_HELPER, replace: CORRECT_HELPER }], content: null }],
  verify: ['node src/main.js'], confidence: 'high',
};
const fixCart = {
  rootCause: 'cartTotal loops while i <= items.length.',
  evidence: [{ file: 'src/cart.ts', line: 14, endLine: null, note: 'inclusive bound' }],
  explanation: 'Make the bound exclusive.',
  files: [{ path: 'src/cart.ts', kind: 'modify', hunks: [{ search: '  for (let i = 0; i <= items.length; i++) {', replace: '  for (let i = 0; i < items.length; i++) {' }], content: null }],
  verify: ['npm start'], confidence: 'high',
};
const result = (input: object): FakeReply => ({ text: 'Found it.', toolCalls: [{ name: RESULT_TOOL, input }] });
const call = (name: string, input: object, text = ''): FakeReply => ({ text, toolCalls: [{ name, input }] });

interface Task {
  name: string;
  fixture: 'helper-bug' | 'buggy';
  /** Extra files written into the copy (generated: a 3,000-line module, a file with 200+ hits). */
  extra?: Record<string, string>;
  script: FakeReply[];
  runs: boolean;
}

const bigModule = Array.from({ length: 3000 }, (_, i) => (i === 2100 ? 'function lastIndexOfPage(page) { return page.items.length - 1; }' : `export const entry${i} = { id: ${i}, label: 'entry ${i}' };`)).join('\n');
const manyHits = Array.from({ length: 240 }, (_, i) => `const lastIndexCache${i} = new Map(); // lastIndex cache ${i}`).join('\n');

const TASKS: Task[] = [
  { name: 'two searches and a read, then the fix', fixture: 'helper-bug', runs: true, script: [call('search_text', { query: 'lastIndex' }), call('search_text', { query: 'function lastIndex' }), call('read_file', { path: 'src/stats.js' }), result(fixHelper)] },
  { name: 'runs the failing program first', fixture: 'helper-bug', runs: true, script: [call('run_command', { command: 'node src/main.js' }), call('read_file', { path: 'src/stats.js' }), result(fixHelper)] },
  { name: 'asks for a neverSend file', fixture: 'helper-bug', runs: true, extra: { '.env': 'STRIPE_KEY=sk_live_BENCHsecret000000000000\n' }, script: [call('read_file', { path: '.env' }), call('read_file', { path: 'src/stats.js' }), result(fixHelper)] },
  { name: 'cut mid-loop (connection reset)', fixture: 'helper-bug', runs: true, script: [call('read_file', { path: 'src/report.js' }), { text: 'Reading the helper next.', chunk: 4, toolCalls: [{ name: 'read_file', input: { path: 'src/stats.js' } }], cut: { after: 5, how: 'reset' } }] },
  { name: 'a 3,000-line file read whole', fixture: 'helper-bug', runs: true, extra: { 'src/pages.js': bigModule }, script: [call('read_file', { path: 'src/pages.js' }), call('read_file', { path: 'src/stats.js' }), result(fixHelper)] },
  { name: '240 search hits', fixture: 'helper-bug', runs: true, extra: { 'src/cache.js': manyHits }, script: [call('search_text', { query: 'lastIndex' }), call('read_file', { path: 'src/stats.js', startLine: 1, endLine: 10 }), result(fixHelper)] },
  { name: 'TypeScript cart: find symbol, diagnostics, git log', fixture: 'buggy', runs: false, script: [call('find_symbol', { name: 'lineTotal', kind: 'definition', path: 'src/cart.ts', line: 15 }), call('git', { op: 'diff' }), call('read_file', { path: 'src/cart.ts' }), result(fixCart)] },
];

const pct = (v: number[], q: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : 0;
};
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

function workspace(task: Task): { root: string; files: string[]; trace: string; dispose(): void } {
  if (task.fixture === 'helper-bug') {
    const ws = createHelperBug();
    for (const [p, t] of Object.entries(task.extra ?? {})) ws.write(p, t);
    return { root: ws.root, files: [...ws.files, ...Object.keys(task.extra ?? {})], trace: ws.run().stderr, dispose: ws.dispose };
  }
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-bench-')));
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'buggy'), root, { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: root });
  const cart = fs.readFileSync(path.join(root, 'src', 'cart.ts'), 'utf8').split('\n');
  const line = (needle: string) => cart.findIndex((l) => l.includes(needle)) + 1;
  const trace = `TypeError: Cannot read properties of undefined (reading 'price')\n    at lineTotal (${root}/src/cart.ts:${line('return item.price')}:15)\n    at cartTotal (${root}/src/cart.ts:${line('total += lineTotal')}:14)\n    at checkout (${root}/src/checkout.ts:10:17)`;
  const files = ['src/cart.ts', 'src/checkout.ts', 'src/main.ts', 'src/secrets/stripe.ts', '.env', 'package.json', 'README.md', 'tsconfig.json'];
  return { root, files, trace, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}

interface Run { steps: number; usage: Usage; usd: number; solved: boolean; ownMs: number[]; status: string; workers: string[] }

async function runTask(task: Task, workers: boolean, teamUrl: string): Promise<Run> {
  const ws = workspace(task);
  const fake = await startFakeAnthropic(task.script, { apiKey: KEY });
  try {
    const index = createWorkspaceIndex(ws.root, ws.files);
    const analysis = analyzeTrace(ws.trace, index);
    const prepared = prepareDeepDebug({ traceText: ws.trace, files: analysis.involved.map((p) => ({ path: p, text: fs.readFileSync(path.join(ws.root, p), 'utf8') })) }, { index, tier: 'reasoning', mode: 'tool' });
    const provider = new AnthropicProvider({ apiKey: async () => KEY, baseUrl: fake.url, defaultModel: MODEL, logger: new MemoryLogger(), maxRetries: 0 });
    const team = new OpenAIProvider({ apiKey: async () => 'team', baseUrl: teamUrl, defaultModel: 'qwen2.5-coder-1.5b', logger: new MemoryLogger(), dialect: 'compatible', maxRetries: 0 });
    const book = new PriceBook();
    const isNeverSend = neverSendMatcher(['**/.env', '**/secrets/**']);
    const out = await runAgent({
      messages: agentMessages(prepared.messages),
      chat: async (turn) => {
        const r = await provider.chat({ messages: turn.messages, purpose: 'deep-debug', signal: turn.signal, ...(turn.tools ? { tools: turn.tools } : {}) });
        const cost = book.costOf(MODEL, r.usage);
        return { result: r, usd: 'usd' in cost ? cost.usd : null };
      },
      tools: agentToolSpecs('Report the result.'),
      resultTool: RESULT_TOOL,
      limits: { maxSteps: 10, maxTokens: 1_000_000, maxUsd: 5 },
      ws: fsWorkspace(ws.root),
      policy: { isNeverSend, knownSecrets: [], maxResultChars: 12_000 },
      signal: new AbortController().signal,
      approve: async () => true,
      question: ws.trace,
      workers,
      ...(workers ? { reduce: localReducer(() => team) } : {}),
    });
    let solved = false;
    if (out.status === 'answered') {
      const parsed = parseDebugAnswer({ text: out.text, toolInput: out.resultInput }, index);
      if (parsed.ok) {
        const report = await validateEdits(toEditSet(parsed.result), nodeWorkspaceFs([ws.root], { sentVersions: withSeen(new Map(), out.seen) }));
        solved = report.refused.length === 0 && report.valid.length > 0;
        if (solved && task.runs) {
          for (const plan of report.valid) fs.writeFileSync(path.join(ws.root, plan.path), applyPlan(fs.readFileSync(path.join(ws.root, plan.path), 'utf8'), plan)!);
          solved = spawnSync(process.execPath, [path.join(ws.root, 'src', 'main.js')], { encoding: 'utf8' }).status === 0;
        }
      }
    }
    return { steps: out.steps.length, usage: out.usage, usd: out.usd ?? 0, solved, ownMs: out.steps.map((s) => s.ownMs), status: out.status, workers: out.steps.flatMap((s) => (s.worker ? [s.worker] : [])) };
  } finally {
    await fake.close();
    ws.dispose();
  }
}

async function main(): Promise<void> {
  // The team endpoint (an OpenAI-compatible server) plays the local worker: it names the regions to keep.
  const team = await startFakeOpenAI((req) => {
    const prompt = JSON.stringify(req.body.messages);
    const wanted = [...prompt.matchAll(/\[(\d+)\]\\n[^[]*?lastIndex/g)].map((m) => m[1]).slice(0, 8);
    return { text: wanted.length ? wanted.join(', ') : '1' };
  }, { flavor: 'compatible' });
  const rows: { task: string; with: Run; without: Run }[] = [];
  try {
    for (const task of TASKS) {
      const withW = await runTask(task, true, team.url);
      const without = await runTask(task, false, team.url);
      rows.push({ task: task.name, with: withW, without });
      console.log(`${task.name.padEnd(48)} ${withW.status.padEnd(8)} solved=${withW.solved ? 'yes' : 'no '} steps=${withW.steps}  in/out with workers ${withW.usage.inputTokens}/${withW.usage.outputTokens} $${withW.usd.toFixed(4)}  without ${without.usage.inputTokens}/${without.usage.outputTokens} $${without.usd.toFixed(4)}`);
      for (const w of withW.workers) console.log(`    worker: ${w}`);
    }
  } finally {
    await team.close();
  }
  const own = rows.flatMap((r) => [...r.with.ownMs, ...r.without.ownMs]);
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
  console.log(`own time per step: p50 ${r4(pct(own, 0.5))} ms, p95 ${r4(pct(own, 0.95))} ms over ${own.length} steps (goal p95 ≤ 20 ms)`);
  console.log(JSON.stringify({
    bench: 'agent',
    tasks: rows.length,
    solved: rows.filter((r) => r.with.solved).length,
    cloudInputTokens: { withWorkers: sum((r) => r.with.usage.inputTokens), withoutWorkers: sum((r) => r.without.usage.inputTokens) },
    usd: { withWorkers: r4(sum((r) => r.with.usd)), withoutWorkers: r4(sum((r) => r.without.usd)) },
    stepOverheadMsP95: r4(pct(own, 0.95)),
    cloudOutputTokens: { withWorkers: sum((r) => r.with.usage.outputTokens), withoutWorkers: sum((r) => r.without.usage.outputTokens) },
    stepOverheadMsP50: r4(pct(own, 0.5)),
    perTask: rows.map((r) => ({ task: r.task, status: r.with.status, solved: r.with.solved, steps: r.with.steps, inWith: r.with.usage.inputTokens, inWithout: r.without.usage.inputTokens, usdWith: r4(r.with.usd), usdWithout: r4(r.without.usd) })),
  }));
}

void main();
