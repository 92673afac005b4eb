// Where to ask VS Code for definitions and references: the identifiers on a failing line,
// keywords and literals skipped.

const KEYWORDS = new Set(`
abstract as async await boolean break case catch class const continue def default del delete do elif else enum
except export extends false final finally fn for from func function go if impl implements import in instanceof
interface is let match mod mut new nil none null number object package pass private protected pub public raise
readonly return self static string struct super switch this throw throws true try type typeof undefined use var
void while with yield any never unknown lambda not and or`.split(/\s+/).filter(Boolean));

export interface IdentifierAt {
  name: string;
  /** 1-based column of the first character. */
  column: number;
}

/**
 * Identifiers on a line of code, in order, without keywords, strings or comments, and each name
 * once. The adapter asks the definition/reference providers at these columns.
 */
export function identifiersOnLine(line: string, max = 6): IdentifierAt[] {
  const code = line
    .replace(/(["'`])(?:\\.|(?!\1).)*\1/g, (m) => ' '.repeat(m.length))
    .replace(/(?:\/\/|(?:^|\s)#(?:\s|$)).*$/, (m) => ' '.repeat(m.length));
  const out: IdentifierAt[] = [];
  const seen = new Set<string>();
  for (const m of code.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const name = m[0];
    if (KEYWORDS.has(name.toLowerCase()) || seen.has(name) || name.length < 2) continue;
    seen.add(name);
    out.push({ name, column: (m.index ?? 0) + 1 });
    if (out.length >= max) break;
  }
  return out;
}
