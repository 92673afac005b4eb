// The parsed fix, checked and applied: validate against the workspace as it is now (paths inside
// the workspace, no .git, no '..', no symlinks out, hunks matching the text that was sent), list
// what was refused and why, apply the rest as one undoable edit, then report new diagnostics.
import { toEditSet, type DebugResult } from '../../core/debug';
import { validateEdits } from '../../core/edits/validate';
import type { RefusedEdit, ValidationReport } from '../../core/edits/types';
import type { Logger } from '../../core/log';
import {
  diagnosticsSettled, newDiagnostics, previewAndApply, refusedSummary, snapshotDiagnostics, vscodeWorkspaceFs,
  uriOf, type DiagnosticNote, type PreviewMode, type ReadOnlyDocs,
} from '../edits';

export interface FixOutcome {
  applied: boolean;
  refused: RefusedEdit[];
  /** Workspace-relative paths the edit touched. */
  touched: string[];
  newDiagnostics: DiagnosticNote[];
  reason?: string;
}

/** `sentPartial`: files the model saw only in part or redacted (no whole-file rewrite of those). */
export async function checkFix(result: DebugResult, sentVersions: ReadonlyMap<string, string>, sentPartial?: ReadonlySet<string>): Promise<ValidationReport> {
  return validateEdits(toEditSet(result), vscodeWorkspaceFs({ sentVersions, ...(sentPartial ? { sentPartial } : {}) }));
}

export interface ApplyFixOptions {
  mode: PreviewMode;
  docs: ReadOnlyDocs;
  log: Logger;
  signal: AbortSignal;
  /** Wait for the language servers before reporting diagnostics (default 1500 ms of quiet, 6 s at most). */
  settleMs?: number;
  sentPartial?: ReadonlySet<string>;
}

/** Validates again (the files may have changed since the answer), previews, applies, reports. */
export async function applyFix(result: DebugResult, sentVersions: ReadonlyMap<string, string>, options: ApplyFixOptions): Promise<FixOutcome> {
  const report = await checkFix(result, sentVersions, options.sentPartial);
  if (report.valid.length === 0) {
    return { applied: false, refused: report.refused, touched: [], newDiagnostics: [], reason: report.refused.length ? refusedSummary(report.refused) : 'the answer has no edits' };
  }
  const uris = report.valid.map((p) => uriOf(p.absPath));
  const before = snapshotDiagnostics(uris);
  const outcome = await previewAndApply(report.valid, {
    label: 'Deep Debug fix', explanation: result.fix.summary || result.rootCause, mode: options.mode, docs: options.docs, log: options.log,
  });
  const held = new Set((outcome.held ?? []).map((h) => h.path));
  const touched = report.valid.map((p) => p.path).filter((p) => !held.has(p));
  if (!outcome.applied) return { applied: false, refused: report.refused, touched: [], newDiagnostics: [], ...(outcome.reason ? { reason: outcome.reason } : {}) };
  await diagnosticsSettled(outcome.uris, options.settleMs ?? 1500, Math.max(6000, (options.settleMs ?? 1500) * 2), options.signal);
  return { applied: true, refused: report.refused, touched, newDiagnostics: newDiagnostics(outcome.uris, before) };
}

/** One message after applying: what changed, what was refused, what the language servers now say. */
export function fixMessage(o: FixOutcome): string {
  const parts: string[] = [];
  if (o.applied) parts.push(`Applied the fix to ${o.touched.join(', ')} (one undo reverts it).`);
  else parts.push(`The fix was not applied: ${o.reason ?? 'nothing to apply'}.`.replace(/\.\.$/, '.'));
  if (o.applied && o.refused.length) parts.push(refusedSummary(o.refused));
  if (o.applied) {
    parts.push(o.newDiagnostics.length
      ? `New problems: ${o.newDiagnostics.slice(0, 3).map((d) => `${d.path}:${d.line} ${d.message}`).join('; ')}${o.newDiagnostics.length > 3 ? ` and ${o.newDiagnostics.length - 3} more` : ''}.`
      : 'No new problems in the changed files.');
  }
  return parts.join(' ');
}
