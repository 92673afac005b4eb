// Lexical checks on a path a model proposed, before the file system is asked anything. A path
// passes only if it is relative, stays inside the workspace without '..', avoids .git and is
// made of plain characters. Symlinks are checked later, against the real file system.

export type PathCheck = { ok: true; path: string; segments: string[] } | { ok: false; reason: string };

// C0 controls, DEL and C1 controls; also the Unicode line/paragraph separators and bidi overrides
// that make a path display differently from what it is.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// Not portable, and ':' selects NTFS alternate data streams or drive-relative paths on Windows.
const RESERVED = /[<>:"|?*]/;

/** True for a path segment that names a git folder on some file system (`.git`, `.GIT`, `.git.`, `git~1`). */
export function isGitSegment(segment: string): boolean {
  const s = segment.toLowerCase().replace(/[. ]+$/, '');
  return s === '.git' || s === 'git~1';
}

/**
 * Normalises a model-proposed workspace-relative path ('\' becomes '/', './' and empty segments
 * dropped) or says why it is refused.
 */
export function checkRelativePath(raw: string): PathCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'the path is empty' };
  if (CONTROL.test(raw)) return { ok: false, reason: 'the path contains NUL or control characters' };
  if (raw !== raw.trim()) return { ok: false, reason: 'the path starts or ends with spaces' };
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return { ok: false, reason: 'absolute paths are not allowed; paths must be relative to the workspace folder' };
  if (/^[A-Za-z]:/.test(slashed)) return { ok: false, reason: 'absolute (drive letter) paths are not allowed; paths must be relative to the workspace folder' };
  if (slashed.startsWith('~')) return { ok: false, reason: "paths starting with '~' (the home folder) are not allowed" };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(slashed)) return { ok: false, reason: 'URLs are not allowed; paths must be relative to the workspace folder' };
  const segments = slashed.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) return { ok: false, reason: 'the path names the workspace folder itself, not a file' };
  if (segments.includes('..')) return { ok: false, reason: "'..' is not allowed in paths (it could leave the workspace folder)" };
  if (segments.some(isGitSegment)) return { ok: false, reason: 'files under .git/ are never edited' };
  const reserved = segments.find((s) => RESERVED.test(s));
  if (reserved !== undefined) return { ok: false, reason: `the path contains a character that is not allowed in file names (${JSON.stringify(reserved.match(RESERVED)?.[0])})` };
  if (segments.some((s) => /[. ]$/.test(s))) return { ok: false, reason: 'a path segment ends with a dot or a space (Windows would drop it and write a different file)' };
  return { ok: true, path: segments.join('/'), segments };
}

/** True when `child` is `parent` or inside it (absolute, already-normalised paths; `sep` of the platform). */
export function isInside(parent: string, child: string, sep: string, caseInsensitive = false): boolean {
  const p = caseInsensitive ? parent.toLowerCase() : parent;
  const c = caseInsensitive ? child.toLowerCase() : child;
  if (c === p) return true;
  const prefix = p.endsWith(sep) ? p : p + sep;
  return c.startsWith(prefix);
}
