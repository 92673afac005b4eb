// The structured result for the user: the root cause in a notification with "Apply Fix…" and
// "Evidence…"; the evidence as a list of file:line entries that open the file at the line, with
// the verify steps below. Refused edits are listed with their reasons.
import * as vscode from 'vscode';
import { groupEvidence } from '../../core/agent/card';
import type { DebugResult } from '../../core/debug';
import type { ValidationReport } from '../../core/edits/types';
import { userMessage } from '../../core/errors';
import { refusedSummary } from '../edits';
import { fixMessage, type FixOutcome } from './fix';

export async function showEvidence(result: DebugResult): Promise<void> {
  type Item = vscode.QuickPickItem & { path?: string; line?: number };
  // One group per file (a separator names it), its lines in order.
  const items: Item[] = groupEvidence(result.evidence).flatMap((g) => [
    { label: g.known ? g.path : `${g.path} (no such file in the workspace)`, kind: vscode.QuickPickItemKind.Separator },
    ...g.refs.map((r): Item => ({
      label: `${g.known ? '$(go-to-file)' : '$(warning)'} line ${r.line}${r.endLine ? `-${r.endLine}` : ''}`,
      detail: r.note,
      ...(g.known ? { path: g.path, line: r.line } : {}),
    })),
  ]);
  if (result.verify.length) items.push({ label: 'How to verify', kind: vscode.QuickPickItemKind.Separator }, ...result.verify.map((v) => ({ label: `$(check) ${v}` })));
  const pick = await vscode.window.showQuickPick(items, { title: `Root cause: ${result.rootCause}`.slice(0, 200), placeHolder: 'Open the evidence at its line', matchOnDetail: true });
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!pick?.path || !folder) return;
  const line = Math.max(0, (pick.line ?? 1) - 1);
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, pick.path), { selection: new vscode.Range(line, 0, line, 0), preview: true });
}

/** Non-blocking: the command has finished; the notification stays until the user acts. */
export async function offerResult(result: DebugResult, checked: ValidationReport, actions: { apply: () => Promise<FixOutcome> }): Promise<void> {
  if (checked.refused.length) void vscode.window.showWarningMessage(`Deep Debug: ${refusedSummary(checked.refused)}`);
  const buttons = [...(checked.valid.length ? ['Apply Fix…'] : []), 'Evidence…'];
  const noFix = checked.valid.length === 0 ? (result.fix.edits.length ? ' None of the proposed edits can be applied.' : ' The answer proposes no code change.') : '';
  const confidence = result.confidence ? ` (confidence: ${result.confidence})` : '';
  for (;;) {
    const choice = await vscode.window.showInformationMessage(`Deep Debug — root cause${confidence}: ${result.rootCause}${noFix}`, ...buttons);
    if (choice === 'Evidence…') {
      await showEvidence(result);
      continue;
    }
    if (choice === 'Apply Fix…') {
      try {
        const o = await actions.apply();
        const show = o.applied && o.newDiagnostics.length === 0 ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
        void show(`Deep Debug: ${fixMessage(o)}`);
      } catch (e) {
        void vscode.window.showErrorMessage(`Deep Debug: ${userMessage(e)}`);
      }
    }
    return;
  }
}
