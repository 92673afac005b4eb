// An approved agent command as a VS Code task (type `tiered-agent`): a CustomExecution whose
// pseudoterminal shows the command and its output live in the terminal panel while the core's
// process runner (core/agent/process.ts) captures it for the model. Stop (the run's signal),
// killing the terminal, and the time limit end the command's whole process group. Commands run
// only after the user approved that exact command, and never in Restricted Mode.
import * as vscode from 'vscode';
import { COMMAND_TIMEOUT_MS, runProcess } from '../../core/agent/process';
import type { CommandRun } from '../../core/agent/types';

export const TASK_TYPE = 'tiered-agent';

const RESTRICTED = 'this workspace is in Restricted Mode (not trusted), where Tiered runs no commands.';

/** Runs `command` in `folder` as a task; resolves when it ended (never rejects). */
export function runCommandAsTask(folder: vscode.WorkspaceFolder, command: string, signal: AbortSignal, timeoutMs = COMMAND_TIMEOUT_MS): Promise<CommandRun> {
  if (folder.uri.scheme !== 'file') return Promise.resolve({ exitCode: null, endedBy: 'error', output: '', message: 'commands run only in a folder on this machine' });
  if (signal.aborted) return Promise.resolve({ exitCode: null, endedBy: 'stopped', output: '' });
  return new Promise<CommandRun>((resolve) => {
    const write = new vscode.EventEmitter<string>();
    const closed = new vscode.EventEmitter<number | void>();
    const stop = new AbortController();
    let started = false;
    let done = false;
    const finish = (r: CommandRun) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = () => {
      stop.abort();
      if (!started) finish({ exitCode: null, endedBy: 'stopped', output: '' });
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const pty: vscode.Pseudoterminal = {
      onDidWrite: write.event,
      onDidClose: closed.event,
      open: () => {
        if (started || done) return;
        started = true;
        write.fire(`\x1b[1m$ ${command}\x1b[0m\r\n`);
        void runProcess(command, {
          cwd: folder.uri.fsPath, signal: stop.signal, timeoutMs,
          onOutput: (text) => write.fire(text.replace(/\r?\n/g, '\r\n')),
        }).then((r) => {
          const how = r.endedBy === 'timeout' ? `stopped after the ${Math.round(timeoutMs / 1000)} s limit`
            : r.endedBy === 'stopped' ? 'stopped'
              : r.endedBy === 'error' ? `could not start: ${r.message ?? 'unknown error'}` : `exit code ${r.exitCode}`;
          write.fire(`\r\n\x1b[2m[Tiered: ${how}. The output goes to the model, redacted and truncated.]\x1b[0m\r\n`);
          closed.fire(r.exitCode ?? 1);
          finish({ exitCode: r.exitCode, output: r.output, endedBy: r.endedBy, cutChars: r.cutChars, ...(r.message ? { message: r.message } : {}) });
        });
      },
      // The user closed the terminal: stop the command.
      close: () => stop.abort(),
    };
    const task = new vscode.Task({ type: TASK_TYPE, command }, folder, command.length > 60 ? `${command.slice(0, 59)}…` : command, 'Tiered', new vscode.CustomExecution(async () => pty));
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, focus: false, clear: true, echo: false, showReuseMessage: false };
    vscode.tasks.executeTask(task).then((execution) => {
      if (signal.aborted) execution.terminate();
      else signal.addEventListener('abort', () => execution.terminate(), { once: true });
    }, () => finish({ exitCode: null, endedBy: 'error', output: '', message: 'VS Code could not start the task' }));
  });
}

/** Asks the user, modally, to run this exact command in the workspace folder. */
export async function approveCommand(command: string): Promise<boolean> {
  const run = 'Run';
  const choice = await vscode.window.showWarningMessage(
    'Deep Debug wants to run a command in the workspace folder.',
    { modal: true, detail: `${command}\n\nIt runs with your permissions as a task in the terminal panel; its output goes to the model (redacted, truncated). Stop ends it.` },
    run,
  );
  return choice === run;
}

/** The agent's approval: never in Restricted Mode (and says so), otherwise `ask` for the exact command. */
export function commandApproval(ask: (command: string) => Promise<boolean> = approveCommand): (command: string) => Promise<boolean | { refused: string }> {
  return async (command) => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(`Deep Debug did not run "${command}": ${RESTRICTED} Trust the workspace to let it run test commands.`);
      return { refused: RESTRICTED };
    }
    return ask(command);
  };
}
