// The workspace whose files feed the context ring as "viewed" files: the repository's tracked
// files, plus (for the default, this repository) the .ts/.js files under node_modules, so it
// holds well over 2,000 files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { trackedFiles } from './editHistory';

const TEXT = /\.(ts|tsx|js|jsx|mjs|cjs|py|go|rs|java|c|h|cc|cpp|hpp|cs|rb|php|kt|swift|scala|lua|sh|md|json)$/i;

function walk(dir: string, out: string[], root: string, limit: number): void {
  let entries: fs.Dirent[];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    if (out.length >= limit) return;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out, root, limit);
    else if (e.isFile() && /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.min.js')) out.push(path.relative(root, full));
  }
}

export interface Workspace { root: string; files: string[]; described: string }

export function workspaceFiles(repo: string, withNodeModules: boolean): Workspace {
  const tracked = trackedFiles(repo).filter((f) => TEXT.test(f));
  const files = [...tracked];
  if (withNodeModules) walk(path.join(repo, 'node_modules'), files, repo, tracked.length + 20_000);
  const extra = files.length - tracked.length;
  return { root: repo, files, described: `${files.length} files (${tracked.length} tracked${extra ? ` + ${extra} .ts/.js under node_modules` : ''})` };
}

/** A file's text when it is a reasonable source file (under 256 KB, no NUL), else undefined. */
export function readSource(root: string, rel: string): string | undefined {
  try {
    const full = path.join(root, rel);
    if (fs.statSync(full).size > 256 * 1024) return undefined;
    const text = fs.readFileSync(full, 'utf8');
    return text.includes('\0') ? undefined : text;
  } catch { return undefined; }
}
