// A JSON value from the model (tool input, structured output, a fenced block) as a DebugResult:
// tolerant of the usual variations (snake_case, a string where a list was asked, line numbers as
// strings, an edit without its kind), strict about what must be there (a root cause).
import { checkRef, extractFileRefs, mergeRefs } from './refs';
import type { DebugResult, EvidenceRef, FileEdit } from './types';
import type { WorkspaceIndex } from './workspaceMap';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const pick = (o: Obj, ...keys: string[]): unknown => keys.map((k) => o[k]).find((v) => v !== undefined && v !== null);

function lineNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number.parseInt(v, 10) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/\n+/).map((s) => s.replace(/^\s*(?:[-*]|\d+[.)])\s+/, '').trim()).filter(Boolean);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x.trim() : isObj(x) ? str(pick(x, 'step', 'text', 'command')) ?? '' : '')).filter(Boolean);
  return [];
}

function evidenceRefs(v: unknown, index: WorkspaceIndex): EvidenceRef[] {
  if (!Array.isArray(v)) return [];
  const out: EvidenceRef[] = [];
  for (const e of v) {
    if (typeof e === 'string') {
      const ref = extractFileRefs(e, index)[0];
      if (ref) out.push({ ...ref, note: e.replace(/`/g, '').trim() });
      continue;
    }
    if (!isObj(e)) continue;
    let file = str(pick(e, 'file', 'path', 'filename'));
    let line = lineNumber(pick(e, 'line', 'startLine', 'start_line', 'lineNumber'));
    const loc = str(e.location);
    if ((!file || !line) && loc) {
      const ref = extractFileRefs(loc, index)[0];
      file = ref?.file;
      line = ref?.line;
    }
    if (!file || !line) continue;
    const end = lineNumber(pick(e, 'endLine', 'end_line'));
    out.push({ ...checkRef(index, file, line, end), note: str(pick(e, 'note', 'description', 'explanation', 'text')) ?? '' });
  }
  return out;
}

function edits(v: unknown, warnings: string[]): FileEdit[] {
  if (!Array.isArray(v)) return [];
  const out: FileEdit[] = [];
  v.forEach((e, i) => {
    const path = isObj(e) ? str(pick(e, 'path', 'file', 'filename')) : undefined;
    if (!isObj(e) || !path) {
      warnings.push(`Edit ${i + 1} has no file path and was skipped.`);
      return;
    }
    const rawHunks = pick(e, 'hunks', 'changes', 'replacements');
    const hunks = Array.isArray(rawHunks)
      ? rawHunks.filter(isObj).map((h) => ({ search: pick(h, 'search', 'find', 'old', 'before'), replace: pick(h, 'replace', 'new', 'after') }))
          .filter((h): h is { search: string; replace: string } => typeof h.search === 'string' && typeof h.replace === 'string')
      : [];
    const content = typeof e.content === 'string' ? e.content : undefined;
    const declared = str(e.kind);
    const kind = declared === 'modify' || declared === 'create' || declared === 'delete'
      ? declared
      : hunks.length ? 'modify' : content !== undefined ? 'create' : undefined;
    if (!kind) {
      warnings.push(`The edit of ${path} says neither what to replace nor the new content, and was skipped.`);
      return;
    }
    if (kind === 'modify' && !hunks.length && content === undefined) {
      warnings.push(`The edit of ${path} has no usable search/replace pair and was skipped.`);
      return;
    }
    if (kind === 'create' && content === undefined) {
      warnings.push(`The new file ${path} has no content and was skipped.`);
      return;
    }
    const edit: FileEdit = { path, kind };
    if (kind === 'modify' && hunks.length) edit.hunks = hunks;
    else if (kind === 'modify') edit.content = content; // the whole new text (src/core/edits accepts it)
    if (kind === 'create') edit.content = content;
    out.push(edit);
  });
  return out;
}

/** The DebugResult in a parsed JSON value, or undefined when it has no root cause. */
export function coerceDebugResult(value: unknown, index: WorkspaceIndex, warnings: string[]): DebugResult | undefined {
  let v = value;
  if (isObj(v) && isObj(v.result) && !str(pick(v, 'rootCause', 'root_cause'))) v = v.result;
  if (!isObj(v)) return undefined;
  const rootCause = str(pick(v, 'rootCause', 'root_cause', 'cause'));
  if (!rootCause) return undefined;
  // The edit-set shape ({ explanation, files }) first, then a nested { fix: { summary, edits } }.
  const fixRaw = pick(v, 'fix', 'solution');
  const fixObj = isObj(fixRaw) ? fixRaw : {};
  const summary = str(pick(v, 'explanation')) ?? str(pick(fixObj, 'summary', 'explanation', 'description')) ?? (typeof fixRaw === 'string' ? fixRaw.trim() : '');
  const fileEdits = edits(pick(v, 'files', 'edits') ?? pick(fixObj, 'files', 'edits', 'changes'), warnings);
  const evidence = evidenceRefs(v.evidence, index);
  const verify = stringList(pick(v, 'verify', 'verification', 'howToVerify', 'how_to_verify'));
  const conf = str(v.confidence)?.toLowerCase();
  const result: DebugResult = {
    rootCause,
    evidence,
    fix: { summary, edits: fileEdits },
    verify,
    references: mergeRefs(evidence.map(({ note: _n, ...r }) => r), extractFileRefs([rootCause, summary, ...verify].join('\n'), index)),
  };
  if (conf === 'high' || conf === 'medium' || conf === 'low') result.confidence = conf;
  return result;
}
