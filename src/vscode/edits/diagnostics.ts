// What the language servers say about the touched files after an edit: errors that were not
// there before, once the diagnostics settle (an event or the settle time, whichever comes last
// within the limit; no polling).
import * as vscode from 'vscode';

export interface DiagnosticNote {
  uri: vscode.Uri;
  /** Workspace-relative path. */
  path: string;
  /** 1-based. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

const key = (d: vscode.Diagnostic) => `${d.severity}|${d.message}`;

/** Error and warning diagnostics of `uris` now, for comparison after the edit. */
export function snapshotDiagnostics(uris: readonly vscode.Uri[]): Map<string, Set<string>> {
  return new Map(uris.map((u) => [u.toString(), new Set(vscode.languages.getDiagnostics(u).filter(relevant).map(key))]));
}

const relevant = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning;

/** Resolves after `settleMs` without diagnostic changes for `uris` (at most `limitMs`), or on abort. */
export function diagnosticsSettled(uris: readonly vscode.Uri[], settleMs = 1500, limitMs = 6000, signal?: AbortSignal): Promise<void> {
  const wanted = new Set(uris.map((u) => u.toString()));
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(quiet);
      clearTimeout(limit);
      sub.dispose();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const restart = () => {
      clearTimeout(quiet);
      quiet = setTimeout(done, settleMs);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => wanted.has(u.toString()))) restart();
    });
    const limit = setTimeout(done, limitMs);
    signal?.addEventListener('abort', done, { once: true });
    restart();
  });
}

/** Errors and warnings in `uris` that are not in `before`. */
export function newDiagnostics(uris: readonly vscode.Uri[], before: Map<string, Set<string>>): DiagnosticNote[] {
  const out: DiagnosticNote[] = [];
  for (const uri of uris) {
    const had = before.get(uri.toString()) ?? new Set<string>();
    for (const d of vscode.languages.getDiagnostics(uri).filter(relevant)) {
      if (had.has(key(d))) continue;
      out.push({
        uri, path: vscode.workspace.asRelativePath(uri, false), line: d.range.start.line + 1, message: d.message,
        severity: d.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning',
      });
    }
  }
  return out;
}
