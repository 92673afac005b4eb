// A multi-file unified diff (git diff output) split per file, so files matching neverSend can
// be dropped and each file's changes can be weighed on its own.

export interface DiffSection {
  /** Workspace-relative path of the file (the new name; the old one for deletions). */
  path?: string;
  text: string;
}

const GIT_HEADER = /^diff --git (?:"?a\/(.+?)"?) (?:"?b\/(.+?)"?)$/;
const PLUS_HEADER = /^\+\+\+ (?:b\/)?(.+?)(?:\t.*)?$/;
const MINUS_HEADER = /^--- (?:a\/)?(.+?)(?:\t.*)?$/;

/** Splits at "diff --git" lines (or at "--- "/"+++ " pairs for plain unified diffs). */
export function splitUnifiedDiff(diff: string): DiffSection[] {
  const lines = diff.replace(/\r\n?/g, '\n').split('\n');
  const sections: { lines: string[]; path?: string }[] = [];
  const hasGit = lines.some((l) => GIT_HEADER.test(l));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const starts = hasGit ? GIT_HEADER.test(line) : MINUS_HEADER.test(line) && PLUS_HEADER.test(lines[i + 1] ?? '');
    if (starts || !sections.length) sections.push({ lines: [] });
    const cur = sections[sections.length - 1];
    cur.lines.push(line);
    const git = GIT_HEADER.exec(line);
    if (git) cur.path = git[2];
    const plus = PLUS_HEADER.exec(line);
    if (plus && lines[i - 1] !== undefined && MINUS_HEADER.test(lines[i - 1])) {
      if (plus[1] !== '/dev/null') cur.path = plus[1];
      else cur.path = MINUS_HEADER.exec(lines[i - 1])?.[1] ?? cur.path;
    }
  }
  return sections
    .map((s) => ({ text: s.lines.join('\n'), ...(s.path !== undefined ? { path: s.path } : {}) }))
    .filter((s) => s.text.trim() !== '');
}
