// Turning whatever JSON a model produced into an EditSet: the schema's own field names first,
// then the synonyms models commonly use. Structure only; validation judges the content.
import type { EditKind, EditSet, FileEdit, Hunk } from './types';

const KIND_SYNONYMS: Record<string, EditKind> = {
  modify: 'modify', edit: 'modify', update: 'modify', change: 'modify', replace: 'modify', patch: 'modify',
  create: 'create', new: 'create', add: 'create', write: 'create',
  delete: 'delete', remove: 'delete', rm: 'delete',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const pick = (o: Record<string, unknown>, names: string[]): unknown => {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  return undefined;
};

export const FILE_LIST_KEYS = ['files', 'edits', 'changes', 'fileEdits', 'file_edits'];
const PATH_KEYS = ['path', 'file', 'filePath', 'file_path', 'filename'];
const KIND_KEYS = ['kind', 'action', 'type', 'operation', 'op'];
const HUNK_KEYS = ['hunks', 'edits', 'changes', 'replacements', 'blocks'];
const SEARCH_KEYS = ['search', 'old', 'find', 'original', 'before', 'old_text', 'oldText'];
const REPLACE_KEYS = ['replace', 'new', 'replacement', 'after', 'new_text', 'newText'];
const CONTENT_KEYS = ['content', 'contents', 'text', 'new_content', 'newContent', 'code'];

/** True when `value` looks like an edit set (an object with a file list, or a list of file edits). */
export function looksLikeEditSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => isObject(v) && pick(v, PATH_KEYS) !== undefined);
  return isObject(value) && FILE_LIST_KEYS.some((k) => Array.isArray(value[k]));
}

function normalizeHunk(raw: unknown): Hunk | string {
  if (!isObject(raw)) return 'is not an object';
  const search = pick(raw, SEARCH_KEYS);
  const replace = pick(raw, REPLACE_KEYS) ?? '';
  if (typeof search !== 'string') return 'has no search text';
  if (typeof replace !== 'string') return 'has a replace that is not text';
  return { search, replace };
}

/** One file entry; a string when it cannot be read at all (no path). */
export function normalizeFile(raw: unknown, index: number, problems: string[]): FileEdit | undefined {
  if (!isObject(raw)) {
    problems.push(`file entry ${index + 1} is not an object`);
    return undefined;
  }
  const path = pick(raw, PATH_KEYS);
  if (typeof path !== 'string') {
    problems.push(`file entry ${index + 1} has no path`);
    return undefined;
  }
  const rawHunks = pick(raw, HUNK_KEYS);
  const content = pick(raw, CONTENT_KEYS);
  let hunks: Hunk[] | undefined;
  if (Array.isArray(rawHunks)) {
    hunks = [];
    rawHunks.forEach((h, i) => {
      const hunk = normalizeHunk(h);
      // A malformed hunk stays as an unmatchable one so the whole file is refused, not half-applied.
      if (typeof hunk === 'string') {
        problems.push(`${path}: hunk ${i + 1} ${hunk}`);
        hunks?.push({ search: '', replace: '' });
      } else {
        hunks?.push(hunk);
      }
    });
  } else if (isObject(rawHunks) || (typeof pick(raw, SEARCH_KEYS) === 'string')) {
    const hunk = normalizeHunk(isObject(rawHunks) ? rawHunks : raw);
    hunks = typeof hunk === 'string' ? [{ search: '', replace: '' }] : [hunk];
  }
  const rawKind = pick(raw, KIND_KEYS);
  const kind = typeof rawKind === 'string'
    ? (KIND_SYNONYMS[rawKind.toLowerCase()] ?? (rawKind as EditKind))
    : hunks?.length ? 'modify' : typeof content === 'string' ? 'create' : (String(rawKind) as EditKind);
  const edit: FileEdit = { path, kind };
  if (hunks && hunks.length > 0) edit.hunks = hunks;
  if (typeof content === 'string') edit.content = content;
  return edit;
}

/** An EditSet from parsed JSON, with the problems met (entries skipped). */
export function normalizeEditSet(value: unknown, problems: string[]): { editSet: EditSet; data: Record<string, unknown> } {
  const data = isObject(value) ? value : { files: value };
  const list = Array.isArray(value) ? value : FILE_LIST_KEYS.map((k) => data[k]).find(Array.isArray) ?? [];
  const files: FileEdit[] = [];
  list.forEach((raw, i) => {
    const f = normalizeFile(raw, i, problems);
    if (f) files.push(f);
  });
  const explanation = pick(data, ['explanation', 'summary', 'description', 'message']);
  return { editSet: { explanation: typeof explanation === 'string' ? explanation : '', files }, data };
}
