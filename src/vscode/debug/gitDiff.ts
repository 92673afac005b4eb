// The uncommitted changes of the involved files: through the built-in Git extension when it is
// there, else `git diff HEAD` in the workspace folder (bounded in time and size).
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';

interface GitRepository { rootUri: vscode.Uri; diffWithHEAD(path: string): Promise<string> }
interface GitApi { getRepository(uri: vscode.Uri): GitRepository | null }
interface GitExtension { enabled?: boolean; getAPI(version: 1): GitApi }

const MAX_DIFF_CHARS = 200_000;

async function viaExtension(folder: vscode.WorkspaceFolder, paths: readonly string[]): Promise<{ path: string; text: string }[] | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await ext.activate();
  if (!exports || exports.enabled === false) return undefined;
  const repo = exports.getAPI(1).getRepository(folder.uri);
  if (!repo) return undefined;
  const out: { path: string; text: string }[] = [];
  for (const p of paths) {
    const text = await repo.diffWithHEAD(vscode.Uri.joinPath(folder.uri, p).fsPath);
    if (text.trim()) out.push({ path: p, text: text.slice(0, MAX_DIFF_CHARS) });
  }
  return out;
}

function viaCli(folder: vscode.WorkspaceFolder, paths: readonly string[], signal: AbortSignal): Promise<{ path: string; text: string }[]> {
  return Promise.all(paths.map((p) => new Promise<{ path: string; text: string }>((resolve) => {
    execFile('git', ['-c', 'core.quotepath=off', 'diff', '--no-color', '--no-ext-diff', 'HEAD', '--', p], {
      cwd: folder.uri.fsPath, timeout: 5000, maxBuffer: MAX_DIFF_CHARS * 2, signal, windowsHide: true,
    }, (error, stdout) => resolve({ path: p, text: error ? '' : String(stdout).slice(0, MAX_DIFF_CHARS) }));
  }))).then((list) => list.filter((d) => d.text.trim()));
}

/** Per-file unified diffs against HEAD of `paths` (workspace-relative); empty outside a git repository. */
export async function uncommittedDiffs(folder: vscode.WorkspaceFolder, paths: readonly string[], signal: AbortSignal, log?: Logger): Promise<{ path: string; text: string }[]> {
  if (paths.length === 0 || folder.uri.scheme !== 'file') return [];
  try {
    const fromExtension = await viaExtension(folder, paths);
    if (fromExtension) return fromExtension;
  } catch (e) {
    log?.warn(`Deep Debug: the Git extension could not give the diff (${e instanceof Error ? e.message : String(e)}); using git.`);
  }
  return viaCli(folder, paths, signal);
}
