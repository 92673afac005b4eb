// Where "Apply to file" puts a code block, decided from the text alone (pure). The user always
// sees the result as a diff before anything changes, so this errs toward something reviewable:
//  - a selection in the target editor: the block replaces the selection;
//  - a block whose first line occurs exactly once in the file, and whose last line (same
//    indentation) follows it: it replaces that span (the usual "here is the changed function");
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
  const lines = original.split('\n').map((l) => l.trimEnd());
  const codeLines = code.replace(/\n$/, '').split('\n').map((l) => l.trimEnd());
  const lead = codeLines.findIndex((l) => l.trim() !== '');
  let tail = codeLines.length - 1;
  while (tail > lead && codeLines[tail].trim() === '') tail--;
  if (lead >= 0 && tail > lead && significant(codeLines[lead])) {
    const first = codeLines[lead].trim();
    const firstAt = lines.flatMap((l, i) => (l.trim() === first ? [i] : []));
    if (firstAt.length === 1) {
      // The span ends at the first line after the anchor equal to the block's last line (same indentation).
      const lastAt = lines.findIndex((l, i) => i > firstAt[0] && l === codeLines[tail]);
      if (lastAt > firstAt[0]) {
        const starts = lineStarts(original);
        const start = starts[firstAt[0]];
        const end = lastAt + 1 < starts.length ? starts[lastAt + 1] : original.length;
        const body = codeLines.slice(lead, tail + 1).join('\n');
        const text = end === original.length && !original.endsWith('\n') ? body : `${body}\n`;
        return { start, end, text, how: 'span' };
      }
    }
  }
  return { start: 0, end: original.length, text: block, how: 'whole-file' };
}

/** The file after the plan is applied. */
export function applied(original: string, plan: ApplyPlan): string {
  return original.slice(0, plan.start) + plan.text + original.slice(plan.end);
}
