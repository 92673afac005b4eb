// Where "Apply to file" puts a code block, decided from the text alone (pure). The user always
// sees the result as a diff before anything changes, so this errs toward something reviewable:
//  - a selection in the target editor: the block replaces the selection;
//  - a block whose first and last lines each occur once in the file (in that order): it replaces
//    that span (the usual "here is the changed function");
//  - otherwise: the block becomes the whole file.

export interface ApplyPlan {
  /** Offsets in the original text replaced by `text`. */
  start: number;
  end: number;
  text: string;
  how: 'selection' | 'span' | 'whole-file';
}

const significant = (line: string) => line.trim().length >= 3 && !/^[\s{}()[\];,]*$/.test(line);

/** Offsets of every line start in `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

export function planApply(original: string, code: string, selection?: { start: number; end: number }): ApplyPlan {
  const block = code.endsWith('\n') || original === '' ? code : `${code}\n`;
  if (selection && selection.end > selection.start) {
    return { start: selection.start, end: selection.end, text: original.slice(selection.start, selection.end).endsWith('\n') ? block : code, how: 'selection' };
  }
  const lines = original.split('\n');
  const codeLines = code.replace(/\n$/, '').split('\n');
  const first = codeLines.find(significant);
  const last = [...codeLines].reverse().find(significant);
  if (first !== undefined && last !== undefined && codeLines.length > 1) {
    const firstAt = lines.map((l, i) => (l.trim() === first.trim() ? i : -1)).filter((i) => i >= 0);
    const lastAt = lines.map((l, i) => (l.trim() === last.trim() ? i : -1)).filter((i) => i >= 0);
    if (firstAt.length === 1 && lastAt.length === 1 && lastAt[0] >= firstAt[0]) {
      const starts = lineStarts(original);
      // Extend to the block's own leading/trailing lines that are not significant (braces).
      const lead = codeLines.indexOf(first);
      const trail = codeLines.length - 1 - codeLines.lastIndexOf(last);
      const from = Math.max(0, firstAt[0] - lead);
      const to = Math.min(lines.length - 1, lastAt[0] + trail);
      const start = starts[from];
      const end = to + 1 < starts.length ? starts[to + 1] : original.length;
      const text = end === original.length && !original.endsWith('\n') ? code.replace(/\n$/, '') : block;
      return { start, end, text, how: 'span' };
    }
  }
  return { start: 0, end: original.length, text: block, how: 'whole-file' };
}

/** The file after the plan is applied. */
export function applied(original: string, plan: ApplyPlan): string {
  return original.slice(0, plan.start) + plan.text + original.slice(plan.end);
}
