// Places the paths a trace or an answer names in the workspace: absolute paths under the root,
// file:// and webpack:// URLs, browser URLs, paths from another machine (CI, containers) by their
// longest unique suffix, Java's bare "Cart.java" by its package. Dependencies are marked library.
import type { MappedFrame, StackFrame } from './types';

export interface WorkspaceIndex {
  /** Absolute workspace root, forward slashes, no trailing slash. */
  readonly root: string;
  /** Workspace-relative paths (forward slashes). */
  readonly files: ReadonlySet<string>;
  /** Lower-cased basename -> files with it. */
  readonly byName: ReadonlyMap<string, readonly string[]>;
  readonly caseInsensitive: boolean;
}

const slashes = (p: string) => p.replace(/\\/g, '/');
const isWindowsPath = (p: string) => /^[A-Za-z]:\//.test(p);

/** Builds the lookup tables once per Deep Debug run. `files` are workspace-relative. */
export function createWorkspaceIndex(root: string, files: Iterable<string>): WorkspaceIndex {
  const r = slashes(root).replace(/\/+$/, '');
  const set = new Set<string>();
  const byName = new Map<string, string[]>();
  for (const f of files) {
    const rel = slashes(f).replace(/^\.\//, '');
    set.add(rel);
    const name = rel.slice(rel.lastIndexOf('/') + 1).toLowerCase();
    const list = byName.get(name) ?? [];
    list.push(rel);
    byName.set(name, list);
  }
  return { root: r, files: set, byName, caseInsensitive: isWindowsPath(r) };
}

/** The file part of a frame location: URL schemes, query strings and webpack prefixes removed. */
export function cleanFramePath(file: string): string {
  let p = file.trim().replace(/^["'(]+|["')]+$/g, '');
  if (/^file:\/\//i.test(p)) {
    p = p.replace(/^file:\/\/(?:localhost)?/i, '');
    try {
      p = decodeURIComponent(p);
    } catch {
      // keep the undecoded path
    }
    if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
  } else if (/^webpack(?:-internal)?:\/\//i.test(p)) {
    // webpack:///./src/a.ts, webpack://my-app/./src/a.ts, webpack-internal:///./src/a.ts
    p = p.replace(/^webpack(?:-internal)?:\/\/[^/]*\//i, '').replace(/^\(\w+\)\//, '');
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
    try {
      p = decodeURIComponent(new URL(p).pathname).replace(/^\/+/, '');
    } catch {
      // not a URL after all
    }
  }
  p = slashes(p).replace(/[?#].*$/, '');
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

const LIBRARY_PATH = /(?:^|\/)(?:node_modules|bower_components|site-packages|dist-packages|vendor|\.cargo\/registry|\.m2\/repository|go\/pkg\/mod)\/|^node:|^internal\/|^<[^>]*>$|<anonymous>|^\/rustc\/|\/lib\/python\d|^\/usr\/(?:local\/)?(?:lib|go)\/|\/library\/(?:std|core|alloc)\/src\/|^webpack\/bootstrap|<frozen /;
const LIBRARY_FUNCTION = /^(?:java\.|javax\.|jdk\.|sun\.|kotlin\.|kotlinx\.|scala\.|System\.|Microsoft\.|runtime\.|testing\.|std::|core::|alloc::)/;

/** True for frames in dependencies, the runtime or the standard library. */
export function isLibraryFrame(frame: Pick<StackFrame, 'file' | 'function'>, workspacePath?: string): boolean {
  if (workspacePath !== undefined) return LIBRARY_PATH.test(workspacePath);
  if (LIBRARY_PATH.test(slashes(frame.file))) return true;
  return frame.function !== undefined && LIBRARY_FUNCTION.test(frame.function);
}

function inSet(index: WorkspaceIndex, rel: string): string | undefined {
  if (index.files.has(rel)) return rel;
  if (!index.caseInsensitive) return undefined;
  const lower = rel.toLowerCase();
  for (const f of index.byName.get(lower.slice(lower.lastIndexOf('/') + 1)) ?? []) if (f.toLowerCase() === lower) return f;
  return undefined;
}

/** The workspace file whose path ends with the most segments of `p`, when that file is unique. */
function bySuffix(index: WorkspaceIndex, p: string): string | undefined {
  const segs = p.split('/').filter((s) => s && s !== '.' && s !== '..');
  if (!segs.length) return undefined;
  const candidates = index.byName.get(segs[segs.length - 1].toLowerCase()) ?? [];
  let best: string[] = [];
  let bestLen = 0;
  for (const c of candidates) {
    const cs = c.split('/');
    let n = 0;
    while (n < cs.length && n < segs.length) {
      const a = cs[cs.length - 1 - n];
      const b = segs[segs.length - 1 - n];
      if (a !== b && !(index.caseInsensitive && a.toLowerCase() === b.toLowerCase())) break;
      n++;
    }
    if (n === 0) continue;
    if (n > bestLen) {
      best = [c];
      bestLen = n;
    } else if (n === bestLen) best.push(c);
  }
  return best.length === 1 ? best[0] : undefined;
}

/**
 * The workspace-relative path for a file as a trace or an answer names it, or undefined when no
 * workspace file matches (or several match equally well). `javaClass` (e.g. "com.acme.Cart.total")
 * lets a bare "Cart.java" find "src/main/java/com/acme/Cart.java".
 */
export function resolveWorkspacePath(index: WorkspaceIndex, file: string, javaClass?: string): string | undefined {
  const p = cleanFramePath(file);
  if (!p) return undefined;
  const absolute = p.startsWith('/') || isWindowsPath(p);
  if (absolute) {
    const root = index.root + '/';
    const under = index.caseInsensitive ? p.toLowerCase().startsWith(root.toLowerCase()) : p.startsWith(root);
    // Under the root the path is exact: a file missing from the list is not some other file.
    if (under) return inSet(index, p.slice(root.length));
  } else {
    const hit = inSet(index, p);
    if (hit) return hit;
  }
  if (javaClass && !p.includes('/')) {
    const pkg = javaClass.split('.').slice(0, -2);
    if (pkg.length) {
      const hit = bySuffix(index, [...pkg, p].join('/'));
      if (hit && hit.endsWith([...pkg, p].join('/'))) return hit;
    }
  }
  return bySuffix(index, p);
}

/** Frames placed in the workspace, library frames marked. */
export function mapFrames(frames: readonly StackFrame[], index: WorkspaceIndex): MappedFrame[] {
  return frames.map((f) => {
    let path = resolveWorkspacePath(index, f.file, f.runtime === 'java' ? f.function : undefined);
    const libraryFrame = isLibraryFrame(f);
    // A dependency or the runtime is never the user's file of the same name.
    if (path && libraryFrame && !isLibraryFrame(f, path)) path = undefined;
    const out: MappedFrame = { ...f, library: libraryFrame || (path !== undefined && isLibraryFrame(f, path)) };
    if (path) out.path = path;
    return out;
  });
}

/** The user's code where the error happened: workspace, non-library frames, de-duplicated, innermost first. */
export function failingLocations(frames: readonly MappedFrame[], max = 6): { path: string; line: number; column?: number; function?: string }[] {
  const seen = new Set<string>();
  const out: { path: string; line: number; column?: number; function?: string }[] = [];
  for (const f of frames) {
    if (!f.path || f.library) continue;
    const key = `${f.path}:${f.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: f.path, line: f.line, ...(f.column !== undefined ? { column: f.column } : {}), ...(f.function ? { function: f.function } : {}) });
    if (out.length >= max) break;
  }
  return out;
}
