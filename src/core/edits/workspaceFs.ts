// What validation needs to know about the workspace, behind a small interface: the VS Code
// adapter supplies unsaved editor contents, tests use real temp folders.
import * as fs from 'node:fs/promises';

export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface WorkspaceFs {
  /** Absolute paths of the workspace folders. Relative paths resolve against the first, unless
   * there are several and the path's first segment is another folder's name. */
  readonly roots: readonly string[];
  /** The folders' names as VS Code shows them (same order as roots); default: base names. */
  readonly rootNames?: readonly string[];
  /** The CURRENT text of a file (unsaved editor contents win over the disk); undefined if there is no such file. */
  readText(absPath: string): Promise<string | undefined>;
  /** Symlinks resolved; undefined when the path (or a link's target) does not exist. */
  realpath(absPath: string): Promise<string | undefined>;
  /** What is at the path without following a final symlink (lstat); undefined when nothing. */
  entryKind(absPath: string): Promise<EntryKind | undefined>;
  /** Content hashes (contentHash) of the files as they were sent to the model, by normalised relative path. */
  readonly sentVersions?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Relative paths sent only in part (an excerpt) or with secrets redacted: a whole-file `content` edit of one is refused. */
  readonly sentPartial?: ReadonlySet<string> | readonly string[];
  /** Compare paths case-insensitively (Windows, default macOS volumes). Defaults to the platform's habit. */
  readonly caseInsensitive?: boolean;
}

export interface NodeWorkspaceOptions {
  /** Unsaved editor contents by absolute path; they count as the current text. */
  overlays?: ReadonlyMap<string, string>;
  sentVersions?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  sentPartial?: ReadonlySet<string> | readonly string[];
  rootNames?: readonly string[];
  caseInsensitive?: boolean;
}

/**
 * A WorkspaceFs over the real disk (node:fs), with optional unsaved-content overlays. Text is read
 * as UTF-8 without a leading byte-order mark, as VS Code's TextDocument shows it, so offsets in
 * the plans fit `document.positionAt`.
 */
export function nodeWorkspaceFs(roots: readonly string[], options: NodeWorkspaceOptions = {}): WorkspaceFs {
  const overlays = options.overlays ?? new Map<string, string>();
  return {
    roots,
    sentVersions: options.sentVersions,
    sentPartial: options.sentPartial,
    ...(options.rootNames ? { rootNames: options.rootNames } : {}),
    caseInsensitive: options.caseInsensitive,
    async readText(absPath) {
      const overlay = overlays.get(absPath);
      if (overlay !== undefined) return overlay;
      try {
        const stat = await fs.stat(absPath);
        if (!stat.isFile()) return undefined;
        const text = await fs.readFile(absPath, 'utf8');
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      } catch {
        return undefined;
      }
    },
    async realpath(absPath) {
      try {
        return await fs.realpath(absPath);
      } catch {
        return undefined;
      }
    },
    async entryKind(absPath) {
      try {
        const s = await fs.lstat(absPath);
        if (s.isSymbolicLink()) return 'symlink';
        if (s.isFile()) return 'file';
        if (s.isDirectory()) return 'directory';
        return 'other';
      } catch {
        return undefined;
      }
    },
  };
}

/** The sent hash for `path`, if any. */
export function sentVersionOf(ws: WorkspaceFs, path: string): string | undefined {
  const v = ws.sentVersions;
  if (!v) return undefined;
  if (v instanceof Map) return v.get(path);
  return Object.prototype.hasOwnProperty.call(v, path) ? (v as Record<string, string>)[path] : undefined;
}
