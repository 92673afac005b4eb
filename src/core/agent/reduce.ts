// Local workers: a tool result too big to send whole (a 3,000-line file, 200 search hits) is
// reduced first — by the local model or the team endpoint when there is one (a Reducer the
// caller supplies), else by this module's outline — and the model gets the reduced form with a
// handle to ask for the full text.

export interface ReduceInput {
  kind: 'file' | 'search';
  /** The file (for 'file'). */
  path?: string;
  /** The result as it would be sent (numbered lines, or path:line: text hits). */
  text: string;
  /** What the task is about (the error, the question): what the reduction keeps. */
  question: string;
  /** Characters the reduced form may take. */
  maxChars: number;
}

export interface Reduced {
  text: string;
  /** For the reason line: "the local model kept 42 of 3,000 lines bearing on the question". */
  note: string;
}

/** A worker: resolves with the reduced form, or undefined to fall back to the outline. */
export type Reducer = (input: ReduceInput, signal?: AbortSignal) => Promise<Reduced | undefined>;

const DECLARATION = /^\s*\d+ \| \s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?|class|interface|type|enum|def|fn|func|struct|impl|const\s+\w+\s*=\s*(?:async\s*)?\(|(?:public|private|protected|static)\s)/;

/** Words of the question worth matching (identifiers, paths' basenames, error words). */
export function questionWords(question: string): string[] {
  const words = question.match(/[A-Za-z_$][\w$]{2,}/g) ?? [];
  const stop = new Set(['the', 'and', 'for', 'with', 'from', 'this', 'that', 'not', 'cannot', 'read', 'properties', 'undefined', 'null', 'error', 'reading', 'find', 'root', 'cause', 'line', 'file', 'src']);
  return [...new Set(words.filter((w) => !stop.has(w.toLowerCase())))].slice(0, 30);
}

/**
 * The outline of a numbered file or hit list: declarations and lines naming the question's words,
 * each with a line of context, within maxChars. No model needed.
 */
export function outline(input: ReduceInput): Reduced {
  const lines = input.text.split('\n');
  const words = questionWords(input.question).map((w) => w.toLowerCase());
  const keep = new Set<number>();
  lines.forEach((l, i) => {
    const lower = l.toLowerCase();
    if (words.some((w) => lower.includes(w))) { keep.add(i); if (input.kind === 'file') { keep.add(i - 1); keep.add(i + 1); } }
  });
  if (input.kind === 'file') lines.forEach((l, i) => { if (DECLARATION.test(l)) keep.add(i); });
  const out: string[] = [];
  let size = 0;
  let last = -2;
  for (const i of [...keep].filter((i) => i >= 0 && i < lines.length).sort((a, b) => a - b)) {
    const add = (i > last + 1 && out.length ? '  ⋮\n' : '') + lines[i];
    if (size + add.length + 1 > input.maxChars) break;
    out.push(add);
    size += add.length + 1;
    last = i;
  }
  const what = input.kind === 'file' ? `an outline of ${input.path} (${keep.size} of ${lines.length} lines: declarations and lines naming the question's identifiers)` : `${out.length} of ${lines.length} hits naming the question's identifiers`;
  return { text: out.join('\n'), note: `outlined to ${what}` };
}
