// Real edits from a git repository's history: the hunks of the commits that touched source
// files (git log -p -U0), sampled with a seed, each turned into a replay: the file as it was
// just before the hunk (the rest of that commit applied), the lines the hunk removed deleted at
// once (a selection deleted), then the lines it added typed at the cursor.
import { execFileSync } from 'node:child_process';

export interface Hunk {
  commit: string;
  path: string;
  newStart: number;
  newCount: number;
  removed: string[];
  added: string[];
}

export interface Replay {
  hunk: Hunk;
  languageId: string;
  /** The file before the hunk: the removed lines still in place. */
  original: string;
  /** Characters of `original` at `offset` that the first edit deletes (the removed lines). */
  deleteChars: number;
  /** The document once they are deleted, before typing. */
  before: string;
  /** Cursor offset in `before` where typing starts. */
  offset: number;
  /** Text the typist enters (capped). */
  text: string;
}

const LANGUAGES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript', cjs: 'javascript',
  py: 'python', go: 'go', rs: 'rust', java: 'java', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', cs: 'csharp',
  rb: 'ruby', php: 'php', kt: 'kotlin', swift: 'swift', scala: 'scala', lua: 'lua', sh: 'shellscript',
};
export const SOURCE_PATHSPECS = Object.keys(LANGUAGES).map((e) => `*.${e}`);

export function languageOf(path: string): string {
  return LANGUAGES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'plaintext';
}

function git(repo: string, args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

/** Hunks adding real text, from the newest `maxCommits` commits (oldest first). */
export function collectHunks(repo: string, pathspecs: string[], maxCommits: number): Hunk[] {
  const out = git(repo, ['log', '--reverse', '-p', '-U0', '--no-color', '--no-merges', '--no-renames', '--format=@@@COMMIT %H',
    `--max-count=${maxCommits}`, '--', ...pathspecs]);
  const hunks: Hunk[] = [];
  let commit = '';
  let path: string | undefined;
  let hunk: Hunk | undefined;
  const close = () => {
    if (hunk && hunk.newCount > 0 && hunk.added.join('').trim().length >= 10 && hunk.added.every((l) => l.length <= 200)) hunks.push(hunk);
    hunk = undefined;
  };
  for (const line of out.split('\n')) {
    if (line.startsWith('@@@COMMIT ')) { close(); commit = line.slice(10).trim(); path = undefined; continue; }
    if (line.startsWith('diff --git ')) { close(); path = undefined; continue; }
    if (line.startsWith('+++ ')) { path = line === '+++ /dev/null' ? undefined : line.slice(6); continue; }
    if (line.startsWith('--- ')) continue;
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m) {
      close();
      if (path) hunk = { commit, path, newStart: Number(m[1]), newCount: m[2] === undefined ? 1 : Number(m[2]), removed: [], added: [] };
      continue;
    }
    if (!hunk) continue;
    if (line.startsWith('+')) hunk.added.push(line.slice(1));
    else if (line.startsWith('-')) hunk.removed.push(line.slice(1));
  }
  close();
  return hunks;
}

/** A seeded PRNG (mulberry32) in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` hunks spread over the history (seeded), in history order. */
export function sampleHunks(hunks: Hunk[], count: number, rand: () => number): Hunk[] {
  if (hunks.length <= count) return hunks;
  const picked = new Set<number>();
  const stride = hunks.length / count;
  for (let i = 0; i < count; i++) picked.add(Math.min(hunks.length - 1, Math.floor(i * stride + rand() * stride)));
  return [...picked].sort((a, b) => a - b).map((i) => hunks[i]);
}

/**
 * The replay of one hunk: the file at the hunk's commit with the hunk's added lines replaced by
 * its removed lines (`original`); the first edit deletes the removed lines; the typist enters "\n" + the added lines at the end of the line
 * before (as one types new lines), or the lines + "\n" at the top of the file. Typed text is cut
 * at `maxChars`.
 */
export function replayOf(repo: string, hunk: Hunk, maxChars: number): Replay | undefined {
  let file: string;
  try { file = git(repo, ['show', `${hunk.commit}:${hunk.path}`]); } catch { return undefined; }
  if (file.includes('\0')) return undefined;
  const lines = file.split('\n');
  const at = hunk.newStart - 1;
  if (lines.slice(at, at + hunk.newCount).join('\n') !== hunk.added.join('\n')) return undefined;
  const rest = [...lines.slice(0, at), ...lines.slice(at + hunk.newCount)];
  const body = hunk.added.join('\n');
  let before: string;
  let offset: number;
  let text: string;
  if (at === 0) {
    before = rest.join('\n');
    offset = 0;
    text = `${body}\n`;
  } else {
    before = rest.join('\n');
    offset = rest.slice(0, at).join('\n').length;
    text = `\n${body}`;
  }
  if (text.length > maxChars) text = text.slice(0, maxChars);
  const removed = hunk.removed.length === 0 ? '' : at === 0 ? `${hunk.removed.join('\n')}\n` : `\n${hunk.removed.join('\n')}`;
  const original = before.slice(0, offset) + removed + before.slice(offset);
  return { hunk, languageId: languageOf(hunk.path), original, deleteChars: removed.length, before, offset, text };
}

/** Files of the repository (git ls-files), workspace-relative. */
export function trackedFiles(repo: string): string[] {
  return git(repo, ['ls-files', '-z']).split('\0').filter(Boolean);
}
