// Decides what a link in a model answer may do. Pure: no DOM. Only two kinds survive — http(s)
// links (the host opens them externally after a click) and workspace file references
// (`src/a.ts:12`, `src/a.ts#L12`, `./a.ts:12:5`), which post `openLink`. Everything else
// (javascript:, data:, vbscript:, file:, command:, mailto:, protocol-relative //host …) is dropped.

export type LinkTarget =
  | { kind: 'external'; url: string }
  | { kind: 'file'; path: string; line?: number; column?: number }
  | { kind: 'none' };

const MAX_HREF = 2048;
/** Characters browsers ignore or strip inside URLs, used to smuggle schemes (`java\tscript:`). */
const URL_NOISE = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g;
const FILE_REF = /^((?:[A-Za-z]:[\\/])?[\w@~.+\-/\\ ]*?[\w@~+\-]\.[A-Za-z0-9]{1,12}|[\w@~.+\-/\\]*(?:Makefile|Dockerfile|LICENSE))(?:(?::(\d{1,7})(?::(\d{1,5}))?)|(?:#L(\d{1,7})(?:C(\d{1,5}))?(?:-L?\d{1,7})?))?$/;

function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A workspace file reference written by a model: a path with an extension, optionally `:line[:col]` or `#Lline`. */
export function parseFileRef(text: string): { path: string; line?: number; column?: number } | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 512 || trimmed.startsWith('//')) return undefined;
  const m = FILE_REF.exec(trimmed);
  if (!m) return undefined;
  const path = m[1];
  if (/^\.+$/.test(path) || path.includes('..\\..') ) return undefined;
  const line = toNumber(m[2] ?? m[4]);
  const column = toNumber(m[3] ?? m[5]);
  return { path, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) };
}

/** What a link with this raw `href` (as written in the answer) may do. */
export function classifyHref(raw: string | null | undefined): LinkTarget {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_HREF) return { kind: 'none' };
  const href = raw.replace(URL_NOISE, '');
  let decoded = href;
  try { decoded = decodeURIComponent(href); } catch { /* keep as written */ }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(href)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    try {
      const url = new URL(href);
      if (url.username || url.password || !url.hostname) return { kind: 'none' };
      return { kind: 'external', url: url.href };
    } catch {
      return { kind: 'none' };
    }
  }
  // A Windows drive letter looks like a one-letter scheme.
  const driveLetter = scheme !== undefined && scheme.length === 1 && /^[A-Za-z]:[\\/]/.test(href);
  if (scheme !== undefined && !driveLetter) {
    // `src/a.ts:12` has no scheme; `a.ts:12` parses as scheme "a.ts" — a file ref only if it looks like one.
    if (!/^[\w.-]+\.[A-Za-z0-9]{1,12}:\d/.test(href)) return { kind: 'none' };
  }
  if (href.startsWith('//') || href.startsWith('\\\\')) return { kind: 'none' };
  const ref = parseFileRef(decoded);
  return ref ? { kind: 'file', ...ref } : { kind: 'none' };
}

/** Splits plain text into text and file references, for linkifying `path:line` written in prose. */
export function splitFileRefs(text: string): ({ text: string } | { ref: string; path: string; line?: number; column?: number })[] {
  const parts: ({ text: string } | { ref: string; path: string; line?: number; column?: number })[] = [];
  const candidate = /(?:[A-Za-z]:[\\/])?[\w@~.+\-/\\]*[\w@~+\-]\.[A-Za-z0-9]{1,12}(?::\d{1,7}(?::\d{1,5})?|#L\d{1,7})/g;
  let last = 0;
  for (const m of text.matchAll(candidate)) {
    const start = m.index ?? 0;
    const before = start > 0 ? text[start - 1] : '';
    if (before && /[\w/:]/.test(before)) continue; // part of a URL or a longer word
    const ref = parseFileRef(m[0]);
    if (!ref) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ ref: m[0], ...ref });
    last = start + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
