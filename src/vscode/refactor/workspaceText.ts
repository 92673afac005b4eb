// Files as the user sees them: an open document's text (saved or not) wins over the disk. Paths
// are workspace-relative with '/' separators, named the way src/core/edits resolves them (the
// folder name first only in a multi-root workspace).
import * as vscode from 'vscode';

const decoder = new TextDecoder('utf-8');

export function fileFolders(): readonly vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}

/** The workspace-relative path of `uri`, or undefined when it is not a file inside a workspace folder. */
export function relativePathOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri)) return undefined;
  return vscode.workspace.asRelativePath(uri, fileFolders().length > 1).replace(/\\/g, '/');
}

/** The Uri of a workspace-relative path (as relativePathOf names it), or undefined without a folder. */
export function uriOfRelative(path: string): vscode.Uri | undefined {
  const folders = fileFolders();
  if (folders.length === 0) return undefined;
  const segments = path.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  if (folders.length > 1 && segments.length > 1) {
    const named = folders.find((f) => f.name === segments[0]);
    if (named) return vscode.Uri.joinPath(named.uri, ...segments.slice(1));
  }
  return vscode.Uri.joinPath(folders[0].uri, ...segments);
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** Current text: the open document's, else the file's (UTF-8, no BOM); undefined when unreadable. */
export async function currentText(uri: vscode.Uri, maxBytes = 1_000_000): Promise<string | undefined> {
  const doc = openDocument(uri);
  if (doc) return doc.getText();
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory || stat.size > maxBytes) return undefined;
    const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** True when something exists at `uri`. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
