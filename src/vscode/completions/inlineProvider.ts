import * as vscode from 'vscode';
import { chunkWindow, type ChunkSource, type ContextChunks } from '../../core/completion/contextChunks';
import { DocumentVersions } from '../../core/completion/documentVersions';
import { extendItem, requestWithItem, type SelectedItem } from '../../core/completion/selectedItem';
import type { CompletionScheduler } from '../../core/completion/scheduler';
import type { CompletionRequest, Suggestion } from '../../core/completion/types';
import type { Logger } from '../../core/log';
import type { LatencyTraceFile } from './latencyTraceFile';

/** Lines of the document around the cursor handed to the pipeline (it windows further). */
const PREFIX_LINES = 400;
const SUFFIX_LINES = 200;
export const ACCEPT_COMMAND = 'tiered.internal.completionAccepted';

/** Path as the model sees it: workspace-relative with '/' separators. */
export function displayPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
}

/**
 * VS Code's inline completion provider: turns document + cursor into a CompletionRequest, the
 * CancellationToken into an AbortSignal, and the scheduler's Suggestion into ghost text.
 * Automatic requests never leave the machine: the scheduler's engine is the local tier.
 */
export class TieredInlineProvider implements vscode.InlineCompletionItemProvider {
  private readonly versions = new DocumentVersions();

  private first = true;

  constructor(
    private readonly log: Logger,
    private readonly scheduler: CompletionScheduler,
    private readonly enabled: () => boolean,
    private readonly onServed: (s: Suggestion) => void,
    /** Stage timestamps for the ghost-text benchmark (TIERED_LATENCY_TRACE), usually off. */
    readonly trace?: LatencyTraceFile,
  ) {}

  /** Latest version per document, so a suggestion for an older text is never shown. */
  noteVersion(doc: vscode.TextDocument): void {
    this.versions.note(displayPath(doc.uri), doc.version);
  }

  forget(doc: vscode.TextDocument): void {
    this.versions.forget(displayPath(doc.uri));
  }

  isCurrent = (req: CompletionRequest): boolean => this.versions.isCurrent(req);

  async provideInlineCompletionItems(document: vscode.TextDocument, position: vscode.Position,
    context: vscode.InlineCompletionContext, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[] | undefined> {
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    if (!explicit && !this.enabled()) return undefined;
    if (this.first) { this.first = false; this.log.info(`First inline completion request (${document.languageId}).`); }
    this.noteVersion(document);
    const start = new vscode.Position(Math.max(0, position.line - PREFIX_LINES), 0);
    const endLine = Math.min(document.lineCount - 1, position.line + SUFFIX_LINES);
    const end = document.lineAt(endLine).range.end;
    const typed: CompletionRequest = {
      filePath: displayPath(document.uri),
      languageId: document.languageId,
      prefix: document.getText(new vscode.Range(start, position)),
      suffix: document.getText(new vscode.Range(position, end)),
      cursorLine: position.line,
      documentVersion: document.version,
      trigger: explicit ? 'explicit' : 'automatic',
    };
    // The suggest widget is open: VS Code shows only a completion that extends its selected item.
    const selected = context.selectedCompletionInfo;
    const item: SelectedItem | undefined = selected && {
      text: selected.text,
      replacedBefore: Math.max(0, document.offsetAt(position) - document.offsetAt(selected.range.start)),
      replacedAfter: Math.max(0, document.offsetAt(selected.range.end) - document.offsetAt(position)),
    };
    const request = item ? requestWithItem(typed, item) : typed;
    this.trace?.mark(request, 'entry');
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    let why = 'no-suggestion';
    try {
      const suggestion = await this.scheduler.request(request, controller.signal);
      if (token.isCancellationRequested) { why = 'cancelled-by-vscode'; return undefined; }
      if (!suggestion || !suggestion.text) return undefined;
      this.onServed(suggestion);
      const accept = { title: 'Tiered: accepted', command: ACCEPT_COMMAND, arguments: [suggestion] };
      const shown = item && selected
        ? new vscode.InlineCompletionItem(extendItem(item, suggestion.text), selected.range, accept)
        : new vscode.InlineCompletionItem(suggestion.text, new vscode.Range(position, position), accept);
      why = item ? 'served-extending-suggest-item' : 'served';
      return [shown];
    } finally {
      this.trace?.done(request, why.startsWith('served'), why);
      sub.dispose();
    }
  }
}

/** Feeds the context ring: edited and viewed files, and the clipboard when it holds code. */
export function watchContext(chunks: ContextChunks, provider: TieredInlineProvider): vscode.Disposable[] {
  // Reads only the chunk's lines: this runs on every keystroke, whatever the file's size.
  const addAround = (doc: vscode.TextDocument, line: number, source: ChunkSource) => {
    const { start, end } = chunkWindow(line, doc.lineCount, chunks.chunkLines);
    const text = doc.getText(new vscode.Range(start, 0, end - 1, doc.lineAt(end - 1).text.length));
    chunks.add({ filePath: displayPath(doc.uri), text, startLine: start, source });
  };
  const isCode = (doc: vscode.TextDocument) => doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-remote';
  const view = (editor: vscode.TextEditor | undefined) => {
    if (!editor || !isCode(editor.document)) return;
    addAround(editor.document, editor.selection.active.line, 'view');
    // In a browser (code-server, vscode.dev) reading the clipboard asks for permission with a
    // toast: take the clipboard as context on desktop only.
    if (vscode.env.uiKind !== vscode.UIKind.Desktop) return;
    void vscode.env.clipboard.readText().then((text) => {
      if (text && text.includes('\n') && text.length < 4000) chunks.add({ filePath: 'clipboard', text, source: 'clipboard', startLine: 0 });
    }, () => undefined);
  };
  return [
    vscode.window.onDidChangeActiveTextEditor(view),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isCode(e.document) || e.contentChanges.length === 0) return;
      provider.noteVersion(e.document);
      provider.trace?.changed(displayPath(e.document.uri), e.document.version);
      addAround(e.document, e.contentChanges[0].range.start.line, 'edit');
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      chunks.removeFile(displayPath(doc.uri));
      provider.forget(doc);
    }),
  ];
}
