// Every proposed file edit is checked before anything changes: the path (lexically, then on the
// real file system, symlinks included), the kind against what exists, the version the model saw,
// and every hunk against the current text (exactly one match, no overlaps). Each file is refused
// or planned on its own; the valid ones can still be applied.
import { contentHash } from './hash';
import { locateHunk, orderReplacements } from './match';
import { checkRelativePath } from './paths';
import { defaultCaseInsensitive, resolveInWorkspace, type Resolved } from './resolve';
import type { EditSet, FileEdit, FilePlan, Hunk, RefusedEdit, Replacement, ValidationReport } from './types';
import { sentVersionOf, type WorkspaceFs } from './workspaceFs';

const KINDS = new Set(['modify', 'create', 'delete']);

/** The largest file an edit may produce (UTF-16 code units, ~1 MB of ASCII): no model answer legitimately writes more. */
export const MAX_EDIT_CHARS = 1_000_000;

/** A path safe to show in a message (control characters escaped, length capped). */
export function displayPath(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : String(raw);
  const shown = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(s) ? JSON.stringify(s).slice(1, -1) : s;
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

type Checked = { edit: FileEdit; path: string; where: Extract<Resolved, { ok: true }> };

/** Validates `editSet` against the workspace as it is now. Never writes anything. */
export async function validateEdits(editSet: EditSet, ws: WorkspaceFs): Promise<ValidationReport> {
  const refused: RefusedEdit[] = [];
  const valid: FilePlan[] = [];
  const realRoots = new Map<string, string | undefined>();
  const caseInsensitive = ws.caseInsensitive ?? defaultCaseInsensitive();

  // 1. Paths, one by one.
  const checked: Checked[] = [];
  for (const edit of editSet.files) {
    if (!edit || typeof edit !== 'object') {
      refused.push({ path: '(unnamed)', reason: 'the edit is not an object' });
      continue;
    }
    const lexical = checkRelativePath(edit.path);
    if (!lexical.ok) {
      refused.push({ path: displayPath(edit.path), reason: lexical.reason });
      continue;
    }
    if (!KINDS.has(edit.kind)) {
      refused.push({ path: lexical.path, reason: `unknown kind of edit ${JSON.stringify(edit.kind)} (expected modify, create or delete)` });
      continue;
    }
    const where = await resolveInWorkspace(ws, lexical.segments, realRoots);
    if (!where.ok) {
      refused.push({ path: lexical.path, reason: where.reason });
      continue;
    }
    checked.push({ edit, path: lexical.path, where });
  }

  // 2. Several edits of one file (also through different spellings or links): hunks merge, anything else conflicts.
  const groups = new Map<string, Checked[]>();
  for (const c of checked) {
    const key = caseInsensitive ? c.where.realPath.toLowerCase() : c.where.realPath;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }

  // 3. Each file against its current contents.
  for (const group of groups.values()) {
    const first = group[0];
    let edit = first.edit;
    if (group.length > 1) {
      const allHunks = group.every((c) => c.edit.kind === 'modify' && Array.isArray(c.edit.hunks) && c.edit.content === undefined);
      if (!allHunks) {
        refused.push({ path: first.path, reason: `the answer has ${group.length} conflicting edits for this file (${group.map((c) => c.edit.kind).join(', ')})` });
        continue;
      }
      edit = { path: first.edit.path, kind: 'modify', hunks: group.flatMap((c) => c.edit.hunks ?? []) };
    }
    const outcome = await planFile(edit, first, ws);
    if ('reason' in outcome) refused.push({ path: first.path, reason: outcome.reason });
    else valid.push(outcome);
  }
  return { valid, refused };
}

async function planFile(edit: FileEdit, c: Checked, ws: WorkspaceFs): Promise<FilePlan | { reason: string }> {
  const { absPath, realPath, kind: entry, parentIsDirectory } = c.where;
  const base = { path: c.path, absPath, realPath };

  if (edit.kind === 'create') {
    if (entry !== undefined) return { reason: 'the file already exists (the model wanted to create it); use a modify edit instead' };
    if (!parentIsDirectory) return { reason: 'a parent of the new file is a file, not a folder' };
    if (typeof edit.content !== 'string') return { reason: 'the new file has no content' };
    if (edit.hunks && edit.hunks.length > 0) return { reason: 'a new file has content, not search/replace hunks' };
    if (edit.content.length > MAX_EDIT_CHARS) return { reason: tooLarge(edit.content.length) };
    return { ...base, kind: 'create', content: edit.content };
  }

  const current = await ws.readText(absPath);
  if (current === undefined) {
    if (entry === 'directory' || (entry === 'symlink' && (await ws.entryKind(realPath)) === 'directory')) return { reason: 'the path is a folder, not a file' };
    return { reason: `the file does not exist (the model wanted to ${edit.kind} it)` };
  }
  if (current.includes('\u0000')) return { reason: 'the file looks binary; Tiered only edits text files' };

  if (ws.sentVersions) {
    const sent = sentVersionOf(ws, c.path);
    if (sent === undefined) return { reason: `the file was not among the files sent to the model, so it cannot ${edit.kind} it safely` };
    if (sent !== contentHash(current)) return { reason: 'the file changed since it was sent to the model; ask again so the model sees the current version' };
  }

  if (edit.kind === 'delete') {
    if (edit.hunks?.length || edit.content !== undefined) return { reason: 'a delete edit carries no hunks or content' };
    return { ...base, kind: 'delete', original: current };
  }

  const hunks = edit.hunks ?? [];
  if (hunks.length > 0 && edit.content !== undefined) return { reason: 'the edit has both hunks and a whole new content; it must be one or the other' };
  let replacements: Replacement[];
  if (hunks.length === 0) {
    if (typeof edit.content !== 'string') return { reason: 'the edit changes nothing (no hunks, no content)' };
    if (ws.sentPartial && hasPath(ws.sentPartial, c.path)) {
      return { reason: 'the model saw only part of this file (an excerpt, or with secrets redacted), so it may not replace the whole file; only search/replace hunks are accepted' };
    }
    replacements = [{ start: 0, end: current.length, text: edit.content, hunk: 0 }];
  } else {
    const located = locateAll(current, hunks);
    if ('reason' in located) return located;
    replacements = located.replacements;
  }
  const ordered = orderReplacements(current, replacements);
  if (!ordered.ok) return { reason: ordered.reason };
  const size = current.length + ordered.sorted.reduce((n, r) => n + r.text.length - (r.end - r.start), 0);
  if (size > MAX_EDIT_CHARS && size > current.length) return { reason: tooLarge(size) };
  return { ...base, kind: 'modify', replacements: ordered.sorted, original: current };
}

function tooLarge(chars: number): string {
  return `the edited file would hold ${(chars / 1e6).toFixed(1)} MB of text; Tiered refuses edits above ${MAX_EDIT_CHARS / 1e6} MB`;
}

function hasPath(set: ReadonlySet<string> | readonly string[], path: string): boolean {
  return Array.isArray(set) ? set.includes(path) : (set as ReadonlySet<string>).has(path);
}

function locateAll(text: string, hunks: Hunk[]): { replacements: Replacement[] } | { reason: string } {
  const replacements: Replacement[] = [];
  const failures: string[] = [];
  hunks.forEach((h, i) => {
    if (!h || typeof h.search !== 'string' || typeof h.replace !== 'string') {
      failures.push(`hunk ${i + 1} of ${hunks.length} is malformed (search and replace must be text)`);
      return;
    }
    const at = locateHunk(text, h, i, hunks.length);
    if (at.ok) replacements.push(at.replacement);
    else failures.push(at.reason);
  });
  if (failures.length > 0) return { reason: failures.join('; ') };
  return { replacements };
}
