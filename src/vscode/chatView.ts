import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { HostMessage, HostToWebview, WebviewMessage } from '../shared/protocol';

/** The webview view `tiered.chat`: a strict CSP, scripts by nonce, resources only from dist/ and media/. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'tiered.chat';
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly getState: () => HostToWebview['state'],
    private readonly onCommand: (command: string) => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: roots };
    view.webview.html = this.html(view.webview);
    this.disposables.push(
      view.webview.onDidReceiveMessage((m: WebviewMessage) => this.receive(m)),
      view.onDidDispose(() => { this.view = undefined; }),
    );
  }

  /** True while the panel is resolved and visible to the user. */
  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Pushes the current state to the panel if it is open. */
  refresh(): void {
    this.post({ type: 'state', payload: this.getState() });
  }

  private post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private receive(message: WebviewMessage): void {
    switch (message?.type) {
      case 'ready': this.refresh(); break;
      case 'chooseTier': this.onCommand('tiered.chooseTier'); break;
    }
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(18).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'chat.css'));
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
<link rel="stylesheet" href="${style}">
<title>Tiered Chat</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
