// Where a validated relative path really lands: which workspace folder, the absolute path, and the
// real path with every symlink (of the file or any parent folder) resolved. Anything that lands
// outside the workspace folders, or in a .git folder, is refused.
import * as nodePath from 'node:path';
import { isGitSegment, isInside } from './paths';
import type { EntryKind, WorkspaceFs } from './workspaceFs';

export type Resolved =
  | { ok: true; absPath: string; realPath: string; /** lstat of absPath */ kind: EntryKind | undefined; parentIsDirectory: boolean }
  | { ok: false; reason: string };

/**
 * The workspace folder a normalised relative path belongs to, and the path inside it. In a
 * multi-root workspace a path starts with the folder's name as VS Code shows it (`names`, from a
 * .code-workspace file's "name"), else its base name.
 */
export function pickRoot(roots: readonly string[], segments: string[], names?: readonly string[]): { root: string; inner: string[] } | undefined {
  if (roots.length === 0) return undefined;
  if (roots.length > 1 && segments.length > 1) {
    const i = roots.findIndex((r, k) => (names?.[k] ?? nodePath.basename(r)) === segments[0]);
    if (i >= 0) return { root: roots[i], inner: segments.slice(1) };
  }
  return { root: roots[0], inner: segments };
}

export function defaultCaseInsensitive(): boolean {
  return process.platform === 'win32' || process.platform === 'darwin';
}

/** Resolves `segments` (already lexically checked) against the workspace on the real file system. */
export async function resolveInWorkspace(ws: WorkspaceFs, segments: string[], realRoots: Map<string, string | undefined>): Promise<Resolved> {
  const picked = pickRoot(ws.roots, segments, ws.rootNames);
  if (!picked) return { ok: false, reason: 'there is no workspace folder open' };
  const { root, inner } = picked;
  const absPath = nodePath.join(root, ...inner);
  const caseInsensitive = ws.caseInsensitive ?? defaultCaseInsensitive();
  if (!isInside(root, absPath, nodePath.sep, caseInsensitive) || absPath === root) {
    return { ok: false, reason: 'the path leaves the workspace folder' };
  }

  // Walk up to the deepest part of the path that exists, resolving symlinks there.
  const tail: string[] = [];
  let probe = absPath;
  let real: string | undefined;
  for (;;) {
    real = await ws.realpath(probe);
    if (real !== undefined) break;
    if ((await ws.entryKind(probe)) !== undefined) {
      return {
        ok: false,
        reason: probe === absPath
          ? 'the path is a symbolic link whose target does not exist (writing it could create a file anywhere)'
          : 'a parent folder of the path is a broken symbolic link',
      };
    }
    const up = nodePath.dirname(probe);
    if (up === probe || !isInside(root, up, nodePath.sep, caseInsensitive)) return { ok: false, reason: 'the workspace folder does not exist' };
    tail.unshift(nodePath.basename(probe));
    probe = up;
  }
  const realPath = nodePath.join(real, ...tail);

  for (const r of ws.roots) {
    if (!realRoots.has(r)) realRoots.set(r, await ws.realpath(r));
  }
  const home = ws.roots.map((r) => realRoots.get(r)).find((r): r is string => r !== undefined && isInside(r, realPath, nodePath.sep, caseInsensitive));
  if (home === undefined) {
    return { ok: false, reason: 'the path leads outside the workspace folder through a symbolic link' };
  }
  const innerReal = nodePath.relative(home, realPath).split(nodePath.sep);
  if (innerReal.some(isGitSegment)) return { ok: false, reason: 'the path leads into a .git folder through a symbolic link; files under .git/ are never edited' };

  const parentIsDirectory = tail.length === 0 ? true : (await ws.entryKind(real)) === 'directory';
  return { ok: true, absPath, realPath, kind: tail.length === 0 ? await ws.entryKind(absPath) : undefined, parentIsDirectory };
}
