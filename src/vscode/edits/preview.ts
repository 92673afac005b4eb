// Shows validated plans before they change anything, then applies them as one undoable
// WorkspaceEdit. Three ways: 'diff' (a diff per file — the multi-file changes editor when there
// are several — and a modal Apply / Cancel), 'refactor' (VS Code's refactor preview) and 'none'
// (apply directly: the caller already asked).
// Sensitive files (core/edits/sensitive.ts: files that run code) are never applied silently: in
// 'diff' they are listed apart in the modal and need a second, explicit confirmation whose default
// is to skip them; in 'refactor' they start unchecked under a warning while every other validated
// edit starts checked (VS Code opens its refactor preview only when some entry needs confirmation,
// so without a sensitive file 'refactor' shows the 'diff' preview); in 'none' they are held back.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import { planTexts } from '../../core/edits/apply';
import type { Logger } from '../../core/log';
import { splitSensitive, type SensitivePlan } from '../../core/edits/sensitive';
import type { FilePlan } from '../../core/edits/types';
import { closeTabsOf, type ReadOnlyDocs } from './readOnlyDocs';
import { buildWorkspaceEdit, versionsOf } from './workspaceEdit';
import { uriOf } from './workspaceFs';

export type PreviewMode = 'diff' | 'refactor' | 'none';

export interface ApplyOptions {
  /** Undo label and preview title, e.g. "Deep Debug fix". */
  label: string;
  /** What the change does (shown in the modal). */
  explanation?: string;
  mode: PreviewMode;
  /** Holds the proposed texts for the 'diff' preview. */
  docs: ReadOnlyDocs;
  log?: Logger;
  /** Reveal the first changed range afterwards (default true). */
  reveal?: boolean;
}

export interface ApplyOutcome {
  applied: boolean;
  /** The files the edit touched (or would have). */
  uris: vscode.Uri[];
  /** Why nothing was applied (declined, VS Code refused...). */
  reason?: string;
  /** Files that can run code which were not applied (not confirmed, or a run without a preview). */
  held?: { path: string; reason: string }[];
}

/** One line per plan: "modify src/a.ts (2 changes)". */
export function describePlans(plans: readonly FilePlan[]): string[] {
  return plans.map((p) => p.kind === 'modify' ? `modify ${p.path} (${p.replacements.length} change${p.replacements.length === 1 ? '' : 's'})` : `${p.kind} ${p.path}`);
}

async function showDiffs(plans: readonly FilePlan[], docs: ReadOnlyDocs, title: string): Promise<vscode.Uri[]> {
  const shown: vscode.Uri[] = [];
  const rows: [vscode.Uri, vscode.Uri, vscode.Uri][] = [];
  for (const plan of plans) {
    const { after } = planTexts(plan);
    const name = path.posix.basename(plan.path);
    const uri = uriOf(plan.absPath);
    const left = plan.kind === 'create' ? docs.add(`${name} (new file)`, '') : uri;
    const right = docs.add(plan.kind === 'delete' ? `${name} (deleted)` : name, after ?? '');
    shown.push(right);
    if (left !== uri) shown.push(left);
    rows.push([uri, left, right]);
  }
  if (rows.length === 1) {
    await vscode.commands.executeCommand('vscode.diff', rows[0][1], rows[0][2], `${plans[0].path}: current ↔ ${title}`, { preview: true });
  } else {
    // The multi-file changes editor; older hosts without it get the first file's diff.
    await vscode.commands.executeCommand('vscode.changes', title, rows).then(undefined, () =>
      vscode.commands.executeCommand('vscode.diff', rows[0][1], rows[0][2], `${plans[0].path}: current ↔ ${title}`, { preview: true }));
  }
  return shown;
}

/** Previews (per `mode`) and applies `plans` as one WorkspaceEdit. Throws UserFacingError when a file changed meanwhile. */
export async function previewAndApply(allPlans: readonly FilePlan[], options: ApplyOptions): Promise<ApplyOutcome> {
  const { ordinary, sensitive } = splitSensitive(allPlans);
  const reasons = new Map(sensitive.map((s) => [s.plan, s.reason]));
  const heldOf = (list: readonly SensitivePlan[]) => list.map((s) => ({ path: s.plan.path, reason: s.reason }));
  let plans: readonly FilePlan[] = allPlans;
  let held: SensitivePlan[] = [];
  const uris = () => plans.map((p) => uriOf(p.absPath));
  if (allPlans.length === 0) return { applied: false, uris: [], reason: 'there is nothing to apply' };
  let applied = false;
  if (options.mode === 'refactor' && sensitive.length > 0) {
    const names = sensitive.map((x) => `${x.plan.path} can run code (${x.reason})`).join('; ');
    void vscode.window.showWarningMessage(`Tiered: ${names}. ${sensitive.length === 1 ? 'It starts' : 'They start'} unchecked in the refactor preview: check ${sensitive.length === 1 ? 'it' : 'them'} only if you expected this change.`);
    const { edit } = await buildWorkspaceEdit(plans, { label: options.label, confirmReason: (p) => reasons.get(p) });
    applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    if (!applied) return { applied, uris: uris(), reason: 'the change was discarded in the preview' };
  } else {
    let shown: vscode.Uri[] = [];
    try {
      if (options.mode === 'none') {
        plans = ordinary;
        held = sensitive;
        if (plans.length === 0) return { applied: false, uris: [], reason: 'every change is to a file that can run code, which needs your confirmation in a preview', held: heldOf(held) };
      } else {
        const before = versionsOf(uris());
        shown = await showDiffs(allPlans, options.docs, options.label);
        const warn = sensitive.length ? ['', `⚠ Not included unless you confirm them next — they can run code:`, ...sensitive.map((s) => `  ${s.plan.path}: ${s.reason}`)] : [];
        if (ordinary.length) {
          const detail = [options.explanation, ...describePlans(ordinary), 'One undo reverts it.', ...warn].filter((l) => l !== undefined).join('\n');
          const choice = await vscode.window.showInformationMessage(`Apply the ${options.label} to ${ordinary.length === 1 ? ordinary[0].path : `${ordinary.length} files`}?`, { modal: true, detail }, 'Apply');
          if (choice !== 'Apply') return { applied: false, uris: uris(), reason: 'you cancelled' };
        }
        plans = ordinary;
        if (sensitive.length) {
          const include = await confirmSensitive(sensitive);
          if (include) plans = allPlans;
          else held = sensitive;
          if (plans.length === 0) return { applied: false, uris: [], reason: 'you did not confirm the changes to files that can run code', held: heldOf(held) };
        }
        const now = versionsOf(uris());
        const changed = [...before].find(([u, v]) => now.has(u) && now.get(u) !== v);
        if (changed) throw new UserFacingError(`${vscode.workspace.asRelativePath(vscode.Uri.parse(changed[0]), false)} changed while the preview was open; nothing was applied. Run the command again.`);
      }
      const { edit } = await buildWorkspaceEdit(plans, { label: options.label });
      applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    } finally {
      if (shown.length) {
        await closeTabsOf(shown);
        for (const u of shown) options.docs.delete(u);
      }
    }
    if (!applied) return { applied, uris: uris(), reason: 'VS Code refused the edit; nothing was applied', held: heldOf(held) };
  }
  options.log?.info(`${options.label}: applied to ${describePlans(plans).join(', ')}.${held.length ? ` Held back (can run code): ${held.map((h) => h.plan.path).join(', ')}.` : ''}`);
  if (options.reveal !== false) await revealFirst(plans, uris());
  return { applied, uris: uris(), ...(held.length ? { held: heldOf(held) } : {}) };
}

/** The second, explicit confirmation for files that can run code. Its default button skips them. */
async function confirmSensitive(sensitive: readonly SensitivePlan[]): Promise<boolean> {
  const names = sensitive.map((s) => s.plan.path).join(', ');
  const detail = [...sensitive.map((s) => `${s.plan.kind} ${s.plan.path}: ${s.reason}.`), '', 'A model answer can be steered by text in the repository. Apply these only if you read the diff and expected the change.'].join('\n');
  const choice = await vscode.window.showWarningMessage(`The change also edits ${sensitive.length === 1 ? 'a file' : `${sensitive.length} files`} that can run code: ${names}. Apply ${sensitive.length === 1 ? 'it' : 'them'} too?`, { modal: true, detail }, 'Skip Them', 'Apply Them Too');
  return choice === 'Apply Them Too';
}

/** Opens the first modified or created file at its first change. */
async function revealFirst(plans: readonly FilePlan[], uris: readonly vscode.Uri[]): Promise<void> {
  const i = plans.findIndex((p) => p.kind !== 'delete');
  if (i < 0) return;
  const plan = plans[i];
  const editor = await vscode.window.showTextDocument(uris[i], { preview: false });
  const offset = plan.kind === 'modify' ? plan.replacements[0]?.start ?? 0 : 0;
  const pos = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
