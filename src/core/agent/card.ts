// A Deep Debug result as the panel's card: the root cause and the explanation as prose, the
// evidence grouped by file (one heading per file, its lines under it), one diff per file that
// validated, and the refused edits with their reasons.
import type { DebugResult } from '../debug/types';
import { formatPlanDiff } from '../edits/apply';
import type { ValidationReport } from '../edits/types';
import type { ResultCard } from '../../shared/protocol';

export function groupEvidence(evidence: DebugResult['evidence']): ResultCard['evidence'] {
  const byFile = new Map<string, ResultCard['evidence'][number]>();
  for (const e of evidence) {
    const path = e.path ?? e.file;
    const group = byFile.get(path) ?? { path, known: e.known, refs: [] };
    group.refs.push({ line: e.line, ...(e.endLine !== undefined && e.endLine !== e.line ? { endLine: e.endLine } : {}), note: e.note });
    byFile.set(path, group);
  }
  for (const g of byFile.values()) g.refs.sort((a, b) => a.line - b.line);
  return [...byFile.values()];
}

export function debugCard(result: DebugResult, checked: ValidationReport, note?: string): ResultCard {
  return {
    kind: 'debug',
    headline: result.rootCause,
    explanation: result.fix.summary,
    ...(result.confidence ? { confidence: result.confidence } : {}),
    evidence: groupEvidence(result.evidence),
    diffs: checked.valid.map((p) => ({ path: p.path, diff: formatPlanDiff(p) })),
    refused: checked.refused.map((r) => ({ path: r.path, reason: r.reason })),
    verify: result.verify,
    canApply: checked.valid.length > 0,
    ...(note ? { note } : {}),
  };
}
