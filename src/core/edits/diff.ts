// A line-based unified diff (Myers' algorithm after trimming the common head and tail), for
// showing a planned change as text.

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Marks a last line that has no newline, so that adding one shows as a change. */
const NO_EOL = '\u0000no-eol';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

/** Beyond this many changed lines the diff is shown as "all old lines out, all new lines in". */
const MAX_EDIT_DISTANCE = 2000;

/** Shortest edit script between two line arrays (Myers, O((N+M)·D) time, O(D²) memory). */
function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  // trace[d] keeps v for k in [-d-1, d+1] before round d, at index k + d + 1.
  const trace: Int32Array[] = [];
  const off = max + 1;
  outer: for (let d = 0; d <= max; d++) {
    if (d > MAX_EDIT_DISTANCE) {
      return [...a.map((line) => ({ kind: '-' as const, line })), ...b.map((line) => ({ kind: '+' as const, line }))];
    }
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[off + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  // Backtrack.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const at = (kk: number) => vd[kk + d + 1];
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  return ops.reverse();
}

/** Line operations turning `before` into `after`. */
function diffLines(before: string, after: string): Op[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const mid = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [
    ...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })),
    ...mid,
    ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })),
  ];
}

/**
 * A unified diff of `path` from `before` to `after` (undefined before = new file, undefined
 * after = deleted file), with `context` lines around each change. Empty string when equal.
 */
export function formatDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string {
  const ops = diffLines(before ?? '', after ?? '');
  if (!ops.some((o) => o.kind !== ' ') && before !== undefined && after !== undefined) return '';
  const out = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ ${after === undefined ? '/dev/null' : `b/${path}`}`];
  // Positions (1-based) in each file before each op.
  const changed = ops.map((o) => o.kind !== ' ');
  let i = 0;
  let oldLine = 1;
  let newLine = 1;
  const advance = (o: Op) => { if (o.kind !== '+') oldLine++; if (o.kind !== '-') newLine++; };
  while (i < ops.length) {
    if (!changed[i]) { advance(ops[i]); i++; continue; }
    // Hunk: from `context` lines before this change to `context` lines after the last change
    // that is within 2*context of the previous one.
    let start = i;
    let back = 0;
    while (start > 0 && back < context && !changed[start - 1]) { start--; back++; }
    let end = i;
    for (;;) {
      while (end < ops.length && changed[end]) end++;
      let gap = 0;
      while (end + gap < ops.length && !changed[end + gap]) gap++;
      if (end + gap < ops.length && gap <= 2 * context) { end += gap; continue; }
      end = Math.min(ops.length, end + Math.min(gap, context));
      break;
    }
    const slice = ops.slice(start, end);
    const oldStart = oldLine - back;
    const newStart = newLine - back;
    const oldCount = slice.filter((o) => o.kind !== '+').length;
    const newCount = slice.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@`);
    for (const o of slice) {
      if (o.line.endsWith(NO_EOL)) out.push(o.kind + o.line.slice(0, -NO_EOL.length), '\\ No newline at end of file');
      else out.push(o.kind + o.line);
    }
    for (let j = i; j < end; j++) advance(ops[j]);
    i = end;
  }
  return out.join('\n') + '\n';
}
