// From a finished answer to what the user reviews: the parsed edits (or why there are none), the
// validation report against the workspace as it is now, and a text diff per valid file.
import { formatPlanDiff } from '../edits/apply';
import { parseEditsAnswer, parseEditsToolInput, type ParseResult } from '../edits/parse';
import type { ValidationReport } from '../edits/types';
import { validateEdits } from '../edits/validate';
import type { WorkspaceFs } from '../edits/workspaceFs';
import type { ChatResult } from '../providers/types';

export interface ReviewedAnswer {
  parse: ParseResult;
  /** Undefined when nothing could be parsed. */
  report?: ValidationReport;
  /** Unified diffs of the valid files, by path (for a text preview or the chat panel). */
  diffs: Map<string, string>;
  /** One line for the user: "3 files ready, 1 refused (src/x.ts: …)". */
  summary: string;
}

/** The answer's edits: from a tool call's input when the provider returned one, else from the text. */
export async function reviewAnswer(result: Pick<ChatResult, 'text' | 'incomplete' | 'finishReason'> & { toolInput?: unknown }, ws: WorkspaceFs): Promise<ReviewedAnswer> {
  const truncated = result.incomplete || result.finishReason === 'length';
  const parse = result.toolInput !== undefined ? parseEditsToolInput(result.toolInput, result.text) : parseEditsAnswer(result.text, { truncated });
  if (!parse.ok) return { parse, diffs: new Map(), summary: parse.reason };
  const report = await validateEdits(parse.editSet, ws);
  const diffs = new Map(report.valid.map((p) => [p.path, formatPlanDiff(p)]));
  const ready = `${report.valid.length} file${report.valid.length === 1 ? '' : 's'} ready to preview`;
  const refused = report.refused.length ? `, ${report.refused.length} refused (${report.refused.map((r) => `${r.path}: ${r.reason}`).join('; ')})` : '';
  const partial = parse.complete ? '' : ' — the answer was incomplete, so some edits may be missing';
  return { parse, report, diffs, summary: `${ready}${refused}${partial}.` };
}
