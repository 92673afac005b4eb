// The evidence of a Deep Debug request as the user reads it before sending (the cost prompt, the
// evidence document, the report): one line per file with what of it goes along — the failing
// lines, the selection, the definitions and identifiers looked up, its problems, its uncommitted
// changes — instead of one line per item ("sum at src/buggy.ts:14", "total at src/buggy.ts:20").
// Evidence tied to no file (the error output, a whole-repository diff) keeps a line of its own,
// first. Pure.
import type { EvidenceItem } from './types';

interface Kept { item: EvidenceItem; truncated: boolean }

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The file an item is about, and what of that file it carries. */
function describe(item: EvidenceItem): { path?: string; part: string; identifier?: string } {
  const { kind, title, path } = item;
  switch (kind) {
    case 'failing-lines':
      // "src/cart.ts: line 12 in lineTotal, 15 in cartTotal (selection: lines 3-4)"
      return { path, part: `failing ${path && title.startsWith(`${path}: `) ? title.slice(path.length + 2) : title}` };
    case 'selection':
      return { path, part: path && title.startsWith(`${path} `) ? title.slice(path.length + 1) : title };
    case 'diagnostics': {
      const n = /\((\d+)\)$/.exec(title);
      return { path, part: n ? plural(Number(n[1]), 'problem') : 'problems' };
    }
    case 'definition': {
      // "lineTotal (called at src/cart.ts:15): src/line.ts lines 3-9"
      const m = /^(.+?) \(called at .+?\): .+ lines (\d+)-(\d+)$/.exec(title);
      return { path, part: m ? `definition of ${m[1]} (lines ${m[2]}-${m[3]})` : title };
    }
    case 'symbols': {
      // "sum at src/buggy.ts:14": the identifier's file is in its title.
      const m = /^(.+?) at (.+):(\d+)$/.exec(title);
      return m ? { path: m[2], part: '', identifier: `${m[1]} (line ${m[3]})` } : { part: title };
    }
    case 'diff':
      return path ? { path, part: 'uncommitted changes' } : { part: title };
    case 'related-file':
      return { path, part: 'whole file' };
    default:
      return { part: title };
  }
}

/** One line per file ("src/cart.ts: failing line 12 in lineTotal · identifiers lineTotal (line 12), items (line 14) · 2 problems"). */
export function evidenceList(kept: readonly Kept[]): string[] {
  const loose: string[] = [];
  const files = new Map<string, { parts: string[]; identifiers: string[] }>();
  for (const { item, truncated } of kept) {
    const d = describe(item);
    const cut = truncated ? ' (truncated)' : '';
    if (!d.path) { loose.push(`${d.part}${cut}`); continue; }
    let f = files.get(d.path);
    if (!f) files.set(d.path, (f = { parts: [], identifiers: [] }));
    if (d.identifier) f.identifiers.push(d.identifier);
    else f.parts.push(`${d.part}${cut}`);
  }
  const lines = [...files].map(([path, f]) => {
    const parts = [...f.parts];
    if (f.identifiers.length) parts.push(`${f.identifiers.length === 1 ? 'identifier' : 'identifiers'} ${f.identifiers.join(', ')}`);
    return `${path}: ${parts.join(' · ')}`;
  });
  return [...loose, ...lines];
}
