// The text fallback: Aider-style SEARCH/REPLACE blocks, each after a line naming the file.
//
//   src/math.ts
//   ```ts
//   <<<<<<< SEARCH
//   export function add(a, b) {
//   =======
//   export function add(a: number, b: number) {
//   >>>>>>> REPLACE
//   ```
//
// An empty SEARCH section creates the file with the REPLACE section as its content.
import type { FileEdit } from './types';

const SEARCH = /^\s*<{5,9}\s*SEARCH\b.*$/;
const DIVIDER = /^\s*={5,9}\s*$/;
const REPLACE = /^\s*>{5,9}\s*REPLACE\b.*$/;
const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;

export interface SearchReplaceParse {
  files: FileEdit[];
  /** Blocks found (complete ones). */
  blocks: number;
  /** False when the text ends inside a block. */
  complete: boolean;
  problems: string[];
  /** The prose before the first block. */
  explanation: string;
}

/** A file path named on a line before a block, or undefined when the line is prose. */
export function pathFromLine(line: string): string | undefined {
  let s = line.trim();
  const fence = FENCE.exec(s);
  if (fence) {
    // ```ts:src/a.ts or ```ts src/a.ts
    const info = fence[2].trim();
    const m = /^[\w+#.-]*[:\s]\s*(\S+)$/.exec(info);
    if (!m) return undefined;
    s = m[1];
  }
  s = s.replace(/^(?:#+\s*|[-*]\s+)/, '').replace(/^(?:\*\*|__)?(?:file(?:path)?|path)\s*:\s*/i, '');
  s = s.replace(/^[*_`'"]+|[*_`'":]+$/g, '').trim();
  if (s === '' || /\s/.test(s)) return undefined;
  if (!/[./\\]/.test(s)) return undefined;
  return s;
}

export function hasSearchReplaceBlocks(text: string): boolean {
  return text.split('\n').some((l) => SEARCH.test(l.replace(/\r$/, '')));
}

/** Parses every SEARCH/REPLACE block; blocks for one file become one modify edit with several hunks. */
export function parseSearchReplace(text: string): SearchReplaceParse {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const byPath = new Map<string, FileEdit>();
  const order: FileEdit[] = [];
  const problems: string[] = [];
  let candidate: string | undefined;
  let lastPath: string | undefined;
  let blocks = 0;
  let complete = true;
  let firstBlockLine = -1;
  let candidateLine = -1;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!SEARCH.test(line)) {
      const p = pathFromLine(line);
      if (p !== undefined) {
        candidate = p;
        candidateLine = i;
      }
      continue;
    }
    if (firstBlockLine === -1) firstBlockLine = candidate !== undefined ? candidateLine : i;
    const path = candidate ?? lastPath;
    candidate = undefined;
    const search: string[] = [];
    const replace: string[] = [];
    let j = i + 1;
    while (j < lines.length && !DIVIDER.test(lines[j])) search.push(lines[j++]);
    let closed = false;
    if (j < lines.length) {
      j++;
      while (j < lines.length && !REPLACE.test(lines[j])) {
        if (SEARCH.test(lines[j])) break;
        replace.push(lines[j++]);
      }
      closed = j < lines.length && REPLACE.test(lines[j]);
    }
    if (!closed) {
      complete = false;
      problems.push(`the SEARCH/REPLACE block starting at line ${i + 1}${path ? ` (${path})` : ''} is not finished`);
      if (j < lines.length && SEARCH.test(lines[j])) { i = j - 1; continue; }
      break;
    }
    i = j;
    if (path === undefined) {
      problems.push(`the SEARCH/REPLACE block at line ${i + 1} has no file path before it`);
      continue;
    }
    lastPath = path;
    blocks++;
    const searchText = search.map((l) => `${l}\n`).join('');
    const replaceText = replace.map((l) => `${l}\n`).join('');
    if (searchText.trim() === '') {
      const created: FileEdit = { path, kind: 'create', content: replaceText };
      order.push(created);
      continue;
    }
    let edit = byPath.get(path);
    if (!edit) {
      edit = { path, kind: 'modify', hunks: [] };
      byPath.set(path, edit);
      order.push(edit);
    }
    edit.hunks?.push({ search: searchText, replace: replaceText });
  }

  const explanation = firstBlockLine > 0 ? lines.slice(0, firstBlockLine).join('\n').replace(/\n*\s*(`{3,}|~{3,})\w*\s*$/, '').trim() : '';
  return { files: order, blocks, complete, problems, explanation };
}
