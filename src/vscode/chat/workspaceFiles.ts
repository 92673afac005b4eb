// Paths from the chat (a model's answer) to files inside the workspace, and nothing else: a
// relative path is looked up in each workspace folder, an absolute one must lie inside one, and
// symlinks are followed before the check so a link cannot lead outside.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkRelativePath, isInside } from '../../core/edits/paths';

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';

async function real(p: string): Promise<string | undefined> {
  try { return await fs.realpath(p); } catch { return undefined; }
}

function folders(): vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}

/** True when `fsPath` (existing or not) is inside a workspace folder, symlinks resolved. */
async function insideWorkspace(fsPath: string): Promise<boolean> {
  let probe = fsPath;
  let resolved = await real(probe);
  const rest: string[] = [];
  while (resolved === undefined && path.dirname(probe) !== probe) { // a new file: check its nearest existing folder
    rest.unshift(path.basename(probe));
    probe = path.dirname(probe);
    resolved = await real(probe);
  }
  if (resolved === undefined) return false;
  const full = path.join(resolved, ...rest);
  for (const f of folders()) {
    const root = (await real(f.uri.fsPath)) ?? f.uri.fsPath;
    if (isInside(root, full, path.sep, caseInsensitive)) return true;
  }
  return false;
}

/**
 * The workspace file a chat path names. `mustExist` false also accepts a new file (for Apply).
 * Undefined when the path leaves the workspace or names nothing there.
 */
export async function resolveWorkspacePath(raw: string, mustExist = true): Promise<vscode.Uri | undefined> {
  const cleaned = raw.trim().replace(/^file:\/\//, '');
  if (path.isAbsolute(cleaned)) {
    // Made relative to the folder it lies in, then held to the same lexical rules as any model path (no .git, no controls...).
    const abs = path.normalize(cleaned);
    const folder = folders().find((f) => isInside(f.uri.fsPath, abs, path.sep, caseInsensitive) && abs !== f.uri.fsPath);
    if (!folder) return undefined;
    const inside = checkRelativePath(path.relative(folder.uri.fsPath, abs).split(path.sep).join('/'));
    if (!inside.ok) return undefined;
    const uri = vscode.Uri.joinPath(folder.uri, ...inside.segments);
    if (!(await insideWorkspace(uri.fsPath))) return undefined;
    if (mustExist && (await real(uri.fsPath)) === undefined) return undefined;
    return uri;
  }
  const check = checkRelativePath(cleaned);
  if (!check.ok) return undefined;
  const candidates = folders().map((f) => vscode.Uri.joinPath(f.uri, ...check.segments));
  for (const uri of candidates) {
    if ((await real(uri.fsPath)) !== undefined && (await insideWorkspace(uri.fsPath))) return uri;
  }
  if (mustExist || candidates.length === 0) return undefined;
  return (await insideWorkspace(candidates[0].fsPath)) ? candidates[0] : undefined;
}

/** True when a file exists at `uri`. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try { await vscode.workspace.fs.stat(uri); return true; } catch { return false; }
}
