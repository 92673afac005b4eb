// Which words of a refactor instruction look like code identifiers, worth a workspace symbol
// search: anything in backticks, and words shaped like code (camelCase, PascalCase with an inner
// capital, snake_case, $names, a word followed by '('). Plain English words are left alone: a
// search for "price" would bring half the workspace.

/** Identifiers in `instruction`, in order of appearance, without duplicates, at most `max`. */
export function identifiersIn(instruction: string, max = 6): string[] {
  const out: string[] = [];
  const add = (w: string) => {
    if (w.length < 2 || w.length > 80 || out.includes(w)) return;
    out.push(w);
  };
  for (const m of instruction.matchAll(/`([^`\n]+)`/g)) {
    for (const w of m[1].matchAll(/[A-Za-z_$][\w$]*/g)) add(w[0]);
  }
  const plain = instruction.replace(/`[^`\n]*`/g, ' ');
  for (const m of plain.matchAll(/[A-Za-z_$][\w$]*(\s*\()?/g)) {
    const w = m[0].replace(/\s*\($/, '');
    if (looksLikeCode(w) || (m[1] !== undefined && /^[a-z_$]/i.test(w))) add(w);
  }
  return out.slice(0, max);
}

/** camelCase, PascalCase with an inner capital, snake_case, $-names, or letters mixed with digits. */
export function looksLikeCode(word: string): boolean {
  if (/[_$]/.test(word) && /[A-Za-z]/.test(word)) return true;
  if (/^[a-z]+[A-Z]/.test(word)) return true; // camelCase
  if (/^[A-Z][a-z0-9]+[A-Z]/.test(word)) return true; // PascalCase with two humps
  if (/[a-z][0-9]|[0-9][a-z]/i.test(word) && /[a-z]/i.test(word) && word.length > 2) return true;
  return false;
}
