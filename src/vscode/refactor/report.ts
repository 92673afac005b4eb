// Refused edits, per file with the reason: a warning that names them, the full list in the log,
// and "Show Details" opening them as a read-only document.
import * as vscode from 'vscode';
import type { RefusedEdit } from '../../core/edits/types';
import type { Logger } from '../../core/log';
import { refusedSummary, type ReadOnlyDocs } from '../edits';

export function refusedMarkdown(refused: readonly RefusedEdit[], title: string): string {
  return [`# ${title}: refused edits`, '', 'These edits were not applied (nothing in these files changed):', '',
    ...refused.map((r) => `- \`${r.path}\` — ${r.reason}`), ''].join('\n');
}

/** Does not wait for the user. */
export function reportRefused(refused: readonly RefusedEdit[], docs: ReadOnlyDocs, log: Logger, title: string): void {
  for (const r of refused) log.warn(`Refactor: refused ${r.path}: ${r.reason}`);
  void vscode.window.showWarningMessage(`Tiered: ${refusedSummary(refused)}`, 'Show Details').then(async (choice) => {
    if (choice !== 'Show Details') return;
    const uri = docs.add('refused edits.md', refusedMarkdown(refused, title));
    await vscode.window.showTextDocument(uri, { preview: true });
  }, () => undefined);
}
