// The webview view `tiered.chat`: scripts only by nonce under `default-src 'none'`, resources only
// from dist/ (bundle, codicons) and media/ (stylesheet), no retainContextWhenHidden (the panel
// keeps its draft and scroll in webview state and asks for the rest with `ready`).
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { HostMessage } from '../../shared/protocol';

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'tiered.chat';
  private view: vscode.WebviewView | undefined;
  private viewDisposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly onMessage: (message: unknown) => void) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: roots };
    view.webview.html = chatHtml(view.webview, this.extensionUri);
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        this.disposeView();
      }),
    );
  }

  /** True while the panel is resolved and visible to the user. */
  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Sends a message to the panel if it is open (it asks for everything again with `ready` when it opens). */
  post(message: HostMessage): void {
    void this.view?.webview.postMessage(message).then(undefined, () => undefined);
  }

  private disposeView(): void {
    for (const d of this.viewDisposables) d.dispose();
    this.viewDisposables = [];
  }

  dispose(): void {
    this.disposeView();
    this.view = undefined;
  }
}

/** The panel's HTML: a CSP with a fresh nonce, the codicon and panel stylesheets, the bundle. */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = crypto.randomBytes(18).toString('base64');
  const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'codicon.css')}">
<link rel="stylesheet" href="${asset('media', 'chat.css')}">
<title>Tiered Chat</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
}
