// The workspace as src/core/edits sees it from VS Code: the workspace folders' paths, with the
// unsaved contents of open editors counting as the current text.
import * as vscode from 'vscode';
import { nodeWorkspaceFs, type WorkspaceFs } from '../../core/edits/workspaceFs';

/** Absolute paths of the workspace folders on disk (file: folders only). */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** The folders' names as VS Code shows them (a .code-workspace file can rename a folder), in workspaceRoots() order. */
export function workspaceRootNames(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.name);
}

/** Unsaved editor contents by absolute path. */
export function dirtyOverlays(): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme === 'file' && doc.isDirty) out.set(doc.uri.fsPath, doc.getText());
  }
  return out;
}

/**
 * A WorkspaceFs for validateEdits: the real disk under the workspace folders, dirty editors
 * overlaid. `sentVersions` (path -> contentHash of the text sent to the model) makes validation
 * refuse files that changed since, or that were never sent.
 */
export function vscodeWorkspaceFs(options: { sentVersions?: ReadonlyMap<string, string> | Readonly<Record<string, string>>; sentPartial?: ReadonlySet<string> | readonly string[]; roots?: readonly string[] } = {}): WorkspaceFs {
  return nodeWorkspaceFs(options.roots ?? workspaceRoots(), {
    overlays: dirtyOverlays(), ...(options.roots ? {} : { rootNames: workspaceRootNames() }), ...(options.sentVersions ? { sentVersions: options.sentVersions } : {}), ...(options.sentPartial ? { sentPartial: options.sentPartial } : {}),
  });
}

/** The URI of an absolute path inside a workspace folder (keeps the folder's scheme and authority). */
export function uriOf(absPath: string): vscode.Uri {
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const root = f.uri.fsPath.replace(/[\\/]+$/, '');
    if (absPath === root || absPath.startsWith(root + '/') || absPath.startsWith(root + '\\')) {
      const rest = absPath.slice(root.length).split(/[\\/]/).filter(Boolean);
      return rest.length ? vscode.Uri.joinPath(f.uri, ...rest) : f.uri;
    }
  }
  return vscode.Uri.file(absPath);
}
