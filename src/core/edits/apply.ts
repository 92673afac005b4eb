// Applying a validated plan to text, purely: for previews, tests and adapters that write files.
import { formatDiff } from './diff';
import type { FilePlan, Replacement } from './types';

/** Applies sorted, non-overlapping replacements to `content`. Throws on ranges that do not fit. */
export function applyReplacements(content: string, replacements: readonly Replacement[]): string {
  let out = '';
  let at = 0;
  for (const r of [...replacements].sort((a, b) => a.start - b.start)) {
    if (r.start < at || r.end < r.start || r.end > content.length) throw new RangeError(`replacement for hunk ${r.hunk + 1} does not fit the text`);
    out += content.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + content.slice(at);
}

/**
 * The file's text after the plan: new content for modify and create, undefined for delete.
 * `content` is the current text (ignored for create). Throws if a modify plan was computed against
 * different text (the file changed after validation): validate again.
 */
export function applyPlan(content: string, plan: FilePlan): string | undefined {
  switch (plan.kind) {
    case 'create':
      return plan.content;
    case 'delete':
      return undefined;
    case 'modify':
      if (content !== plan.original) throw new Error(`${plan.path} changed after the edits were validated`);
      return applyReplacements(content, plan.replacements);
  }
}

/** The before/after texts of a plan (after undefined for delete, before '' for create). */
export function planTexts(plan: FilePlan): { before: string; after: string | undefined } {
  if (plan.kind === 'create') return { before: '', after: plan.content };
  return { before: plan.original, after: applyPlan(plan.original, plan) };
}

/** A unified diff of one planned file, for a text preview. */
export function formatPlanDiff(plan: FilePlan, context = 3): string {
  const { before, after } = planTexts(plan);
  return formatDiff(plan.path, plan.kind === 'create' ? undefined : before, after, context);
}

export { formatDiff };
