// Reads a fenced code block's info string (and first line) for the language and the file the
// code belongs to. Pure: no DOM. Accepted forms: ```ts src/a.ts, ```ts:src/a.ts,
// ```ts title="src/a.ts" (also file=, path=, filename=), or a first line comment
// `// src/a.ts`, `# file: src/a.ts`, `<!-- src/a.html -->`.
import { parseFileRef } from './links';

export interface FenceInfo {
  /** Lower-case language id as written ('' when none). */
  language: string;
  pathHint?: string;
}

const KEYED = /(?:^|\s)(?:title|file|path|filename)=("([^"]*)"|'([^']*)'|(\S+))/i;
const FIRST_LINE = /^\s*(?:\/\/|#|--|;|\/\*|<!--)\s*(?:(?:file(?:name)?|path)\s*:\s*)?([^\s*]+?)\s*(?:\*\/|-->)?\s*$/i;

function cleanPath(candidate: string | undefined): string | undefined {
  if (!candidate) return undefined;
  const ref = parseFileRef(candidate);
  return ref ? ref.path : undefined;
}

export function parseFence(info: string | undefined, code: string): FenceInfo {
  const text = (info ?? '').trim().slice(0, 300);
  const words = text.split(/\s+/);
  let first = words[0] ?? '';
  const rest = words.slice(1);
  let pathHint: string | undefined;
  const colon = first.indexOf(':');
  if (colon > 0 && !/^[A-Za-z]:[\\/]/.test(first)) {
    pathHint = cleanPath(first.slice(colon + 1));
    first = first.slice(0, colon);
  }
  let language = /^[\w+#.-]{1,30}$/.test(first) ? first.toLowerCase() : '';
  if (!language && first && cleanPath(first)) {
    pathHint = cleanPath(first);
    language = '';
  }
  const keyed = KEYED.exec(text);
  if (!pathHint && keyed) pathHint = cleanPath(keyed[2] ?? keyed[3] ?? keyed[4]);
  if (!pathHint) pathHint = cleanPath(rest.find((word) => !word.includes('=')));
  if (!pathHint) {
    const firstLine = code.split('\n', 1)[0] ?? '';
    const m = FIRST_LINE.exec(firstLine);
    pathHint = cleanPath(m?.[1]);
  }
  return pathHint ? { language, pathHint } : { language };
}
