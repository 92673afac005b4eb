// The workspace's file list for trace mapping and reference checks (first workspace folder;
// dependency and build folders left out, bounded).
import * as vscode from 'vscode';
import { createWorkspaceIndex, type WorkspaceIndex } from '../../core/debug';

const EXCLUDE = '**/{node_modules,.git,dist,out,build,.venv,venv,__pycache__,target,.next,coverage}/**';

export interface IndexedWorkspace {
  folder: vscode.WorkspaceFolder;
  index: WorkspaceIndex;
}

/** The first workspace folder and its files (at most `maxFiles`); undefined without a folder. */
export async function indexWorkspace(token?: vscode.CancellationToken, maxFiles = 20_000): Promise<IndexedWorkspace | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), EXCLUDE, maxFiles, token);
  const files = uris.map((u) => relativePath(folder, u)).filter((p): p is string => p !== undefined);
  return { folder, index: createWorkspaceIndex(folder.uri.fsPath, files) };
}

/** Workspace-relative path with '/' separators, or undefined when `uri` is outside `folder`. */
export function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority) return undefined;
  const root = folder.uri.path.replace(/\/+$/, '');
  if (!uri.path.startsWith(`${root}/`)) return undefined;
  return uri.path.slice(root.length + 1);
}
