// Read-only virtual documents (a proposed file, an evidence summary) under one URI scheme per
// feature. Each feature module creates one and disposes it with its registrations. A document's
// text is dropped when VS Code closes the document, so they do not pile up in memory.
import * as vscode from 'vscode';

export class ReadOnlyDocs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;
  private readonly closing: vscode.Disposable;
  private next = 0;
  readonly onDidChange = this.changed.event;

  /** `scheme` must be unique to the caller (e.g. 'tiered-debug', 'tiered-refactor'). */
  constructor(readonly scheme: string) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
    this.closing = vscode.workspace.onDidCloseTextDocument((d) => { if (d.uri.scheme === scheme) this.delete(d.uri); });
  }

  /** How many documents are held (for tests). */
  get size(): number {
    return this.docs.size;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }

  /** A new document named `name` (its extension picks the language) holding `text`. */
  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${++this.next}/${name}` });
    this.docs.set(uri.toString(), text);
    return uri;
  }

  delete(uri: vscode.Uri): void {
    this.docs.delete(uri.toString());
  }

  /** Opens `text` as a read-only document beside the editor. */
  async show(name: string, text: string, options: vscode.TextDocumentShowOptions = { preview: true, viewColumn: vscode.ViewColumn.Beside }): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(this.add(name, text));
    return vscode.window.showTextDocument(doc, options);
  }

  dispose(): void {
    this.docs.clear();
    this.registration.dispose();
    this.closing.dispose();
    this.changed.dispose();
  }
}

/** Closes the editor tabs showing any of `uris` (as the modified side of a diff, or alone). */
export async function closeTabsOf(uris: readonly vscode.Uri[]): Promise<void> {
  const wanted = new Set(uris.map((u) => u.toString()));
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => {
    const input = t.input;
    if (input instanceof vscode.TabInputTextDiff) return wanted.has(input.modified.toString()) || wanted.has(input.original.toString());
    if (input instanceof vscode.TabInputText) return wanted.has(input.uri.toString());
    return false;
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true).then(undefined, () => undefined);
}
