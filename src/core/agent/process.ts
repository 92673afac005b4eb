// One approved command as a process: a shell in its own process group (so Stop, cancel and the
// time limit end the command and every child it started, not just the shell), its output passed
// on live (the terminal) and captured for the model as head + tail with a marker saying how much
// of the middle was cut, and how it ended (exit code, stopped, timed out).
import { spawn } from 'node:child_process';

export const COMMAND_TIMEOUT_MS = 5 * 60_000;
export const MAX_CAPTURED_CHARS = 400_000;

export interface ProcessOptions {
  cwd: string;
  signal?: AbortSignal;
  /** Stops the command (the whole group) after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Characters captured at most (head and tail halves; default 400,000). */
  maxChars?: number;
  /** Every chunk of output as it arrives (stdout and stderr interleaved). */
  onOutput?: (text: string) => void;
  /** The environment (default: this process's, without the reasoning providers' API keys). */
  env?: NodeJS.ProcessEnv;
}

/** Environment variables a command never gets: Tiered's keys must not reach a command whose output goes to the model. */
export const WITHHELD_ENV = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY'];

function commandEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of WITHHELD_ENV) delete env[k];
  return env;
}

export interface ProcessResult {
  /** The command's exit code; null when it was stopped, timed out or could not start. */
  exitCode: number | null;
  endedBy: 'exit' | 'stopped' | 'timeout' | 'error';
  /** The captured output (head and tail, the cut marked). */
  output: string;
  /** Characters cut from the middle of the output (0: all of it is there). */
  cutChars: number;
  /** Why it could not start (endedBy 'error'). */
  message?: string;
}

/** Keeps the first and the last `max / 2` characters of a stream, counting what falls between. */
export class OutputCapture {
  private head = '';
  private tail = '';
  private total = 0;
  private readonly half: number;

  constructor(max: number) {
    this.half = Math.max(1, Math.floor(max / 2));
  }

  add(text: string): void {
    this.total += text.length;
    if (this.head.length < this.half) {
      const room = this.half - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
    }
    if (!text) return;
    this.tail += text;
    if (this.tail.length > this.half * 2) this.tail = this.tail.slice(-this.half);
  }

  get cutChars(): number {
    return Math.max(0, this.total - this.head.length - Math.min(this.tail.length, this.half));
  }

  text(): string {
    const cut = this.cutChars;
    if (cut === 0) return this.head + this.tail;
    return `${this.head}\n… (${cut.toLocaleString('en-US')} characters of output cut here; the first and the last ${this.half.toLocaleString('en-US')} are kept) …\n${this.tail.slice(-this.half)}`;
  }
}

/** Ends the process group led by `pid` (the shell and everything it started). */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }).on('error', () => undefined);
    else process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs `command` through the shell in `cwd`; resolves once it ended (never rejects). */
export function runProcess(command: string, o: ProcessOptions): Promise<ProcessResult> {
  const capture = new OutputCapture(o.maxChars ?? MAX_CAPTURED_CHARS);
  const result = (endedBy: ProcessResult['endedBy'], exitCode: number | null, message?: string): ProcessResult => ({
    exitCode, endedBy, output: capture.text(), cutChars: capture.cutChars, ...(message ? { message } : {}),
  });
  if (o.signal?.aborted) return Promise.resolve(result('stopped', null));
  return new Promise((resolve) => {
    let ending: 'stopped' | 'timeout' | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const child = spawn(command, {
      cwd: o.cwd, shell: true, windowsHide: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'],
      env: o.env ?? commandEnv(),
    });
    const finish = (r: ProcessResult) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      o.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const end = (why: 'stopped' | 'timeout') => {
      if (ending || settled || child.pid === undefined) return;
      ending = why;
      killGroup(child.pid, 'SIGTERM');
      // Whatever ignored SIGTERM gets SIGKILL; a grandchild that left the group and holds the
      // pipes open must not keep the run waiting either.
      timers.push(setTimeout(() => { if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL'); }, 2000));
      timers.push(setTimeout(() => finish(result(why, null)), 5000));
    };
    const onAbort = () => end('stopped');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => end('timeout'), o.timeoutMs ?? COMMAND_TIMEOUT_MS));
    const take = (b: Buffer) => {
      const text = b.toString('utf8');
      capture.add(text);
      o.onOutput?.(text);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.on('error', (e) => finish(result('error', null, e.message)));
    child.on('close', (code) => {
      // The shell ended: make sure nothing it started in the background outlives the run.
      if (child.pid !== undefined && process.platform !== 'win32') killGroup(child.pid, 'SIGKILL');
      finish(ending ? result(ending, null) : result('exit', code));
    });
  });
}

/** Characters a command line may not contain: controls, zero-width and bidirectional overrides. */
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]/;

/** Why a command line cannot be shown to the user for approval as it is (undefined: it can). */
export function unsafeCommand(command: string): string | undefined {
  if (/[\r\n]/.test(command)) return 'it spans more than one line';
  if (HIDDEN.test(command)) {
    const c = HIDDEN.exec(command)![0];
    return `it contains a hidden or control character (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) that would not show in the approval`;
  }
  return undefined;
}
