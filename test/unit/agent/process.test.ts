// The agent's command runner: an approved command runs in its own process group, so the time
// limit and Stop end it together with what it started in the background; its output is captured
// as head + tail with a marker that says how much was cut; the exit code is reported; a command
// line hiding characters from the approval dialog is refused before anyone is asked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fsWorkspace } from '../../../src/core/agent/fsWorkspace';
import { executeTool } from '../../../src/core/agent/execute';
import { runProcess, unsafeCommand } from '../../../src/core/agent/process';

/** Running (a zombie waiting for its parent counts as ended). */
function alive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return true; }
}

async function waitForFile(file: string, ms = 10_000): Promise<string> {
  const until = Date.now() + ms;
  while (!fs.existsSync(file) || !fs.readFileSync(file, 'utf8').trim()) {
    if (Date.now() > until) assert.fail(`${file} never appeared`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return fs.readFileSync(file, 'utf8').trim();
}

describe('agent command runner (core/agent/process)', function () {
  this.timeout(25_000);
  let dir: string;
  const started: number[] = [];
  // A shell that starts a background child (its pid in child.pid), then waits in the foreground.
  const BACKGROUND = 'sleep 60 & echo $! > child.pid; sleep 60';

  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tproc-')); });
  afterEach(() => {
    for (const pid of started.splice(0)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the time limit ends the command and the child it started in the background, and says so', async () => {
    const t0 = Date.now();
    const ws = fsWorkspace(dir, { commandTimeoutMs: 1500 });
    const run = ws.runCommand(BACKGROUND, new AbortController().signal);
    const child = Number(await waitForFile(path.join(dir, 'child.pid')));
    started.push(child);
    assert.ok(alive(child), 'the background child runs');
    const r = await run;
    assert.ok(Date.now() - t0 < 12_000, `ended at the limit, not when the sleeps did (${Date.now() - t0} ms)`);
    assert.equal(r.exitCode, null);
    assert.equal(r.endedBy, 'timeout');
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(alive(child), false, 'the background child was killed with the shell');
  });

  it('Stop ends the whole process group at once', async () => {
    const stop = new AbortController();
    const run = runProcess(BACKGROUND, { cwd: dir, signal: stop.signal });
    const child = Number(await waitForFile(path.join(dir, 'child.pid')));
    started.push(child);
    const t0 = Date.now();
    stop.abort();
    const r = await run;
    assert.ok(Date.now() - t0 < 4000, 'no wait for the command');
    assert.equal(r.endedBy, 'stopped');
    assert.equal(r.exitCode, null);
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(alive(child), false);
  });

  it('reports the exit code, with stdout and stderr captured, and passes output on live', async () => {
    const live: string[] = [];
    const r = await runProcess('echo out; echo err 1>&2; exit 3', { cwd: dir, onOutput: (t) => live.push(t) });
    assert.equal(r.exitCode, 3);
    assert.equal(r.endedBy, 'exit');
    assert.match(r.output, /out/);
    assert.match(r.output, /err/);
    assert.equal(r.cutChars, 0);
    assert.equal(live.join(''), r.output);
  });

  it('the command does not get the API keys from the environment (its output goes to the model)', async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = 'sk-ant-api03-ProcessEnvKey0123456789abcdefXYZ';
    try {
      const r = await fsWorkspace(dir).runCommand(`"${process.execPath}" -e "console.log('key:' + (process.env.ANTHROPIC_API_KEY ?? 'unset') + ' home:' + (process.env.HOME ? 'set' : 'unset'))"`, new AbortController().signal);
      assert.match(r.output, /key:unset home:set/);
    } finally {
      if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it('long output keeps its head and its tail, and the marker says how much of the middle was cut', async () => {
    const total = 100_008;
    const script = path.join(dir, 'long.js');
    fs.writeFileSync(script, "process.stdout.write('HEAD' + 'x'.repeat(100000) + 'TAIL');\n");
    const r = await runProcess(`"${process.execPath}" long.js`, { cwd: dir, maxChars: 1000 });
    assert.equal(r.exitCode, 0);
    assert.ok(r.output.startsWith('HEADxxx'));
    assert.ok(r.output.endsWith('xxxTAIL'));
    assert.equal(r.cutChars, total - 1000);
    assert.match(r.output, new RegExp(`${(total - 1000).toLocaleString('en-US')} characters of output cut here`));
    assert.ok(r.output.length < 1200, `captured ${r.output.length} characters`);
  });

  it('refuses command lines with hidden, control or bidirectional characters before asking the user', async () => {
    assert.equal(unsafeCommand('npm test -- --grep "lastIndex"'), undefined);
    assert.match(unsafeCommand('npm test \u202e# tset mr -rf ~') ?? '', /U\+202E/);
    assert.match(unsafeCommand('npm\u200btest') ?? '', /hidden or control character/);
    assert.match(unsafeCommand('echo hi\u001b[2K') ?? '', /U\+001B/);
    const asked: string[] = [];
    const out = await executeTool({ id: '1', name: 'run_command', input: { command: `touch ran.txt \u2066&& node x.js` } }, {
      ws: fsWorkspace(dir), policy: { isNeverSend: () => false, knownSecrets: [], maxResultChars: 12_000 }, signal: new AbortController().signal,
      approve: async (c) => { asked.push(c); return true; }, question: 'q', seen: new Map(),
    });
    assert.equal(out.isError, true);
    assert.match(out.summary, /refused/);
    assert.deepEqual(asked, [], 'the user was not asked');
    assert.equal(fs.existsSync(path.join(dir, 'ran.txt')), false, 'nothing ran');
  });

  it('a refusal from the approval (Restricted Mode) runs nothing and tells the model why', async () => {
    const out = await executeTool({ id: '1', name: 'run_command', input: { command: 'touch ran.txt' } }, {
      ws: fsWorkspace(dir), policy: { isNeverSend: () => false, knownSecrets: [], maxResultChars: 12_000 }, signal: new AbortController().signal,
      approve: async () => ({ refused: 'this workspace is in Restricted Mode (not trusted), where Tiered runs no commands.' }), question: 'q', seen: new Map(),
    });
    assert.equal(out.isError, true);
    assert.match(out.content, /Restricted Mode/);
    assert.equal(fs.existsSync(path.join(dir, 'ran.txt')), false);
  });
});
