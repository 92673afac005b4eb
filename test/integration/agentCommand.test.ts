// The Deep Debug agent's run_command in a real extension host: the model (a loopback Anthropic
// server) asks for a command; once approved it runs as a `tiered-agent` VS Code task (its output
// live in the terminal panel) and its output reaches the model; a declined command runs nothing;
// Stop in the panel ends the running command and the task.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TieredApi } from '../../src/extension';
import type { DeepDebugReport } from '../../src/vscode/debug';
import { startFakeAnthropic, type FakeReply, type FakeServer } from '../support/fakeAnthropic';
import { BUGGY_HELPER, CORRECT_HELPER } from '../support/helperBug';
import { repoRoot } from '../support/paths';
import { activated, waitFor } from './host';

const API_KEY = 'sk-ant-api03-AgentCommandLoopbackKey0123456789abcdef';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return true; }
}

const FINISH: FakeReply = { text: 'Done.', toolCalls: [{ name: 'report_debug_result', input: { rootCause: 'lastIndex is one past the end.', evidence: [], explanation: 'No change proposed here.', files: [], verify: [], confidence: 'low' } }] };

describe('Deep Debug agent commands as VS Code tasks (extension host)', function () {
  this.timeout(120_000);
  let api: TieredApi;
  let fake: FakeServer;
  let dir: string;
  let trace: string;
  const replies: FakeReply[] = [];
  const tasks: vscode.Task[] = [];
  const ended: vscode.Task[] = [];
  const subs: vscode.Disposable[] = [];
  const savedKey = process.env.ANTHROPIC_API_KEY;
  const cfg = () => vscode.workspace.getConfiguration('tiered');
  const SETTINGS = ['tier', 'reasoning.provider', 'reasoning.baseUrl', 'budget.confirmAboveUsd', 'budget.dailyUsd'];
  const run = async (options: object) => (await api.testHooks!.deepDebug!({ confirm: false, apply: 'none', trace, symbolTimeLimitMs: 3000, ...options })) as DeepDebugReport;

  before(async () => {
    api = await activated();
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    dir = path.join(root, 'agentcmd');
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'helper-bug', 'src'), dir, { recursive: true });
    const stats = path.join(dir, 'stats.js');
    fs.writeFileSync(stats, fs.readFileSync(stats, 'utf8').replace(CORRECT_HELPER, BUGGY_HELPER));
    trace = [
      "TypeError: Cannot read properties of undefined (reading 'name')",
      `    at latestName (${dir}/report.js:4:38)`,
      `    at report (${dir}/report.js:9:27)`,
      `    at Object.<anonymous> (${dir}/main.js:3:13)`,
    ].join('\n');
    fake = await startFakeAnthropic(() => replies.shift() ?? { text: 'No more scripted answers.' }, { apiKey: API_KEY });
    process.env.ANTHROPIC_API_KEY = API_KEY;
    await cfg().update('reasoning.provider', 'anthropic', vscode.ConfigurationTarget.Global);
    await cfg().update('reasoning.baseUrl', fake.url, vscode.ConfigurationTarget.Global);
    await cfg().update('tier', 'reasoning', vscode.ConfigurationTarget.Global);
    await cfg().update('budget.confirmAboveUsd', 1000, vscode.ConfigurationTarget.Global);
    await cfg().update('budget.dailyUsd', 1000, vscode.ConfigurationTarget.Global);
    subs.push(vscode.tasks.onDidStartTask((e) => tasks.push(e.execution.task)), vscode.tasks.onDidEndTask((e) => ended.push(e.execution.task)));
    await api.services;
  });

  beforeEach(() => { tasks.length = 0; ended.length = 0; replies.length = 0; });

  after(async () => {
    for (const s of subs) s.dispose();
    for (const key of SETTINGS) await cfg().update(key, undefined, vscode.ConfigurationTarget.Global);
    if (savedKey === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = savedKey;
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an approved command runs as a tiered-agent task and its output (computed when it ran) reaches the model', async () => {
    const command = 'node -e "console.log(\'TASK_OUT_\' + (6 * 7))" && node agentcmd/main.js';
    replies.push({ text: 'Running the program.', toolCalls: [{ name: 'run_command', input: { command } }] }, FINISH);
    const asked: string[] = [];
    const before = fake.requests.length;
    const report = await run({ approve: async (c: string) => { asked.push(c); return true; } });
    assert.equal(report.status, 'answered', report.message);
    assert.deepEqual(asked, [command], 'the user was asked for that exact command');
    const task = tasks.find((t) => t.definition.type === 'tiered-agent');
    assert.ok(task, `a tiered-agent task ran (started: ${tasks.map((t) => t.definition.type).join(', ') || 'none'})`);
    assert.equal(task.definition.command, command);
    assert.equal(task.source, 'Tiered');
    await waitFor(() => ended.some((t) => t.definition.type === 'tiered-agent'), 'the task ended');
    // The model got what the command printed: the computed marker and the program's real error, with the exit code.
    const second = fake.requests[before + 1];
    assert.ok(second, 'a second model turn was sent');
    assert.ok(second.raw.includes('TASK_OUT_42'), 'the command output went to the model');
    assert.match(second.raw, /exit code 1/);
    assert.match(second.raw, /Cannot read properties of undefined/);
    const step = report.agent?.steps.find((s) => s.tool === 'run_command');
    assert.match(step?.summary ?? '', /ran .*: exit 1/);
  });

  it('a declined command runs nothing (no task, no file) and the model is told', async () => {
    const command = 'node -e "require(\'fs\').writeFileSync(\'agentcmd/ran.txt\', \'x\')"';
    replies.push({ text: 'Let me run it.', toolCalls: [{ name: 'run_command', input: { command } }] }, FINISH);
    const before = fake.requests.length;
    const report = await run({ approve: async () => false });
    assert.equal(report.status, 'answered', report.message);
    assert.equal(tasks.filter((t) => t.definition.type === 'tiered-agent').length, 0, 'no task started');
    assert.equal(fs.existsSync(path.join(dir, 'ran.txt')), false, 'the command did not run');
    assert.match(fake.requests[before + 1]?.raw ?? '', /declined to run/);
  });

  it('Stop in the panel ends the running command and its task at once', async () => {
    const pidFile = path.join(dir, 'cmd.pid');
    const command = 'node -e "require(\'fs\').writeFileSync(\'agentcmd/cmd.pid\', String(process.pid)); setInterval(() => {}, 1000)"';
    replies.push({ text: 'Running the tests.', toolCalls: [{ name: 'run_command', input: { command } }] }, FINISH);
    const running = run({ approve: async () => true });
    await waitFor(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').length > 0, 'the command started');
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.ok(alive(pid), 'the command runs');
    const shown = (api.chatConversations() as { shown: { turns: { role: string; id: string }[] } }).shown;
    const question = shown.turns.find((t) => t.role === 'user');
    assert.ok(question, 'the run has a question in the panel');
    const t0 = Date.now();
    assert.equal(api.testHooks!.panel!({ type: 'stop', payload: { id: question.id } }), true);
    const report = await running;
    assert.ok(Date.now() - t0 < 10_000, 'Stop did not wait for the command');
    assert.equal(report.agent?.status, 'stopped', JSON.stringify(report.agent));
    await waitFor(() => !alive(pid), 'the command process ended', 5000);
    await waitFor(() => ended.some((t) => t.definition.type === 'tiered-agent'), 'the task ended', 5000);
  });
});
