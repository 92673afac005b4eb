// Which symbols a chat code block (re)defines: the names declared on its outermost lines
// ("export function cartTotal(", "class Cart", "def total(", "fn main(", a method "total(lines) {").
// Text only; the editor's document symbols say where those names live in the file.

export interface SnippetDecl {
  name: string;
  /** Index of the declaring line in the snippet's lines. */
  line: number;
}

const DECLS: RegExp[] = [
  /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/,
  /^(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/,
  /^(?:export\s+)?(?:declare\s+)?(?:interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/,
  /^(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=/,
  /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/,
  /^(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:fn|struct|enum|trait|mod)\s+([A-Za-z_]\w*)/,
  /^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*\(/,
  // A method or Java/C#-style member: modifiers, maybe a type, a name, a parameter list, a body
  // ("total(lines: Line[]): number {", "public int total() {", or "total(" opening a long list).
  /^(?:(?:public|private|protected|internal|static|async|readonly|override|abstract|final|virtual|get|set)\s+)*(?:[\w<>[\],.?]+\s+)?([A-Za-z_$][\w$]*)\s*(?:<[^>()]*>)?\s*\((?:[^)]*\)\s*(?::\s*[^={;]+)?\s*(?:\{|=>)\s*)?$/,
];

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'else', 'do', 'try', 'with', 'new', 'await', 'typeof', 'super', 'this', 'constructor']);

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;
const isComment = (t: string) => /^(\/\/|\/\*|\*|#(?!\[)|--|"""|''')/.test(t);

/** Declarations on the snippet's outermost indentation level, in order. */
export function snippetDecls(lines: string[]): SnippetDecl[] {
  const code = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.trim() !== '' && !isComment(l.trim()));
  if (!code.length) return [];
  const outer = Math.min(...code.map(({ l }) => indentOf(l)));
  const out: SnippetDecl[] = [];
  for (const { l, i } of code) {
    if (indentOf(l) !== outer) continue;
    const t = l.trim().replace(/^@\w+(\([^)]*\))?\s+/, '');
    for (const re of DECLS) {
      const m = re.exec(t);
      if (m && !KEYWORDS.has(m[1])) { out.push({ name: m[1], line: i }); break; }
    }
  }
  return out;
}

/** Comment and decorator lines directly above the declaration at `line` (they travel with it). */
export function leadingTrivia(lines: string[], line: number): number {
  let i = line;
  while (i > 0 && (isComment(lines[i - 1].trim()) || /^@\w/.test(lines[i - 1].trim()))) i--;
  return line - i;
}

export { isComment, indentOf };
