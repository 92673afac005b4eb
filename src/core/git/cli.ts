// git, run as a child process in a workspace folder, bounded in time and output: the uncommitted
// diff of some paths, `log -p` of a path, `blame` of a range. Used where VS Code's Git extension
// is not there (unit tests, the benchmark, the agent's file-system tools) and as its fallback.
import { execFile } from 'node:child_process';

export const MAX_GIT_CHARS = 200_000;

export interface GitRun {
  cwd: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Runs git with `args`; resolves with stdout ('' when git fails or is missing). */
export function git(args: readonly string[], run: GitRun): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: run.cwd, timeout: run.timeoutMs ?? 5000, maxBuffer: MAX_GIT_CHARS * 2, windowsHide: true, ...(run.signal ? { signal: run.signal } : {}),
    }, (error, stdout) => resolve(error ? '' : String(stdout).slice(0, MAX_GIT_CHARS)));
  });
}

/** Per-file unified diffs against HEAD (workspace-relative paths); empty outside a repository. */
export async function uncommittedDiffs(paths: readonly string[], run: GitRun): Promise<{ path: string; text: string }[]> {
  const list = await Promise.all(paths.map(async (p) => ({ path: p, text: await git(['diff', '--no-color', '--no-ext-diff', 'HEAD', '--', p], run) })));
  return list.filter((d) => d.text.trim());
}

/** `git log -p` of one path, newest first. */
export function logPatch(path: string, maxCommits: number, run: GitRun): Promise<string> {
  return git(['log', '--no-color', '--no-ext-diff', '-p', `-n${Math.max(1, Math.min(50, maxCommits))}`, '--', path], run);
}

/** `git blame` of lines start..end (1-based, inclusive). */
export function blame(path: string, start: number, end: number, run: GitRun): Promise<string> {
  return git(['blame', '--date=short', '-L', `${Math.max(1, start)},${Math.max(start, end)}`, '--', path], run);
}
