// What the chat's code blocks and links do in the editor: copy, insert at the cursor, apply with a
// preview, open a workspace file at a line, open a web link in the browser.
import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import type { Logger } from '../../core/log';
import { isWebUrl } from '../../core/chat/stats';
import type { EditorActions } from '../../core/chat/types';
import { applyWithPreview, type ProposedContent } from './applyPreview';
import { lastTextEditor } from './contextSource';
import { resolveWorkspacePath } from './workspaceFiles';

export class VsCodeEditorActions implements EditorActions {
  constructor(private readonly proposed: ProposedContent, private readonly log: Logger) {}

  async copy(code: string): Promise<void> {
    await vscode.env.clipboard.writeText(code);
    vscode.window.setStatusBarMessage('Tiered: code copied', 2000);
  }

  async insert(code: string): Promise<void> {
    const editor = lastTextEditor();
    if (!editor) throw new UserFacingError('Open a file and place the cursor where the code should go, then click Insert again.');
    const ok = await editor.edit((b) => { for (const s of editor.selections) b.replace(s, code); });
    if (!ok) throw new UserFacingError('VS Code refused the edit (is the file read-only?).');
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  }

  async apply(code: string, _language: string, pathHint?: string): Promise<void> {
    await applyWithPreview(this.proposed, this.log, code, pathHint);
  }

  async openLink(path: string, line?: number, column?: number): Promise<void> {
    const uri = await resolveWorkspacePath(path);
    if (!uri) throw new UserFacingError(`Tiered opens only files inside the workspace; ${JSON.stringify(path.slice(0, 200))} is not one of them.`);
    const pos = line ? new vscode.Position(line - 1, Math.max(0, (column ?? 1) - 1)) : undefined;
    await vscode.window.showTextDocument(uri, { preview: true, ...(pos ? { selection: new vscode.Range(pos, pos) } : {}) });
  }

  async openExternal(url: string): Promise<void> {
    if (!isWebUrl(url)) throw new UserFacingError('Only http and https links open outside VS Code.');
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }
}
