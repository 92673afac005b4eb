// A model's answer -> an EditSet, robustly: tool-use input or structured output (JSON), a JSON
// block in the text, or SEARCH/REPLACE blocks as a fallback. A cut or malformed answer keeps its
// text and says why no edits (or only some) could be read.
import { completeArrayElements, embeddedObjects, scanBalanced, tryParse } from './jsonScan';
import { FILE_LIST_KEYS, looksLikeEditSet, normalizeEditSet, normalizeFile } from './normalize';
import { hasSearchReplaceBlocks, parseSearchReplace } from './searchReplace';
import type { EditSet, FileEdit } from './types';

export type EditFormat = 'tool' | 'json' | 'search-replace';

export interface ParsedEdits {
  ok: true;
  editSet: EditSet;
  format: EditFormat;
  /** False when only part of the edits could be read (a cut answer): say so before applying. */
  complete: boolean;
  /** What was skipped or doubtful, for the user. */
  problems: string[];
  text: string;
  /** The top-level JSON object (extra fields such as Deep Debug's rootCause live here); {} for text formats. */
  data: Record<string, unknown>;
}

export interface ParseFailure {
  ok: false;
  code: 'empty' | 'no-edits' | 'malformed' | 'truncated';
  /** A sentence for the user: the answer's text is still shown, the edits could not be read. */
  reason: string;
  text: string;
}

export type ParseResult = ParsedEdits | ParseFailure;

export interface ParseOptions {
  /** The stream was cut (ChatResult.incomplete, or finishReason 'length'). */
  truncated?: boolean;
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})\s*([\w-]*)\s*$/;

interface Fenced { body: string; lang: string; closed: boolean }

/** Fenced code blocks, line-based (JSON strings cannot hold raw newlines, so a fence line always ends one). */
function fencedBlocks(text: string): Fenced[] {
  const lines = text.split('\n');
  const out: Fenced[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]);
    if (!open) continue;
    const marker = open[1];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j].trim().startsWith(marker) && lines[j].trim().replace(/[`~]/g, '') === '')) body.push(lines[j++]);
    out.push({ body: body.join('\n'), lang: open[2].toLowerCase(), closed: j < lines.length });
    i = j;
  }
  return out;
}

function failure(code: ParseFailure['code'], reason: string, text: string): ParseFailure {
  return { ok: false, code, reason, text };
}

/** Salvages the complete file entries of a cut JSON edit set. */
function salvage(json: string): { editSet: EditSet; problems: string[] } | undefined {
  const key = new RegExp(`"(?:${FILE_LIST_KEYS.join('|')})"\\s*:\\s*\\[`).exec(json);
  if (!key) return undefined;
  const { items, bad } = completeArrayElements(json, key.index + key[0].length - 1);
  const problems: string[] = ['the answer was cut off: only the file edits that arrived complete were read'];
  if (bad > 0) problems.push(`${bad} file entr${bad === 1 ? 'y was' : 'ies were'} not valid JSON`);
  const files: FileEdit[] = [];
  items.forEach((raw, i) => {
    const f = normalizeFile(raw, i, problems);
    if (f) files.push(f);
  });
  if (files.length === 0) return undefined;
  const expl = /"explanation"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(json);
  const explanation = expl ? tryParse(expl[1]) : undefined;
  return { editSet: { explanation: explanation && 'value' in explanation && typeof explanation.value === 'string' ? explanation.value : '', files }, problems };
}

function fromValue(value: unknown, format: EditFormat, text: string, extraProblems: string[] = []): ParseResult {
  const problems = [...extraProblems];
  const { editSet, data } = normalizeEditSet(value, problems);
  if (editSet.files.length === 0) {
    const what = problems.length ? ` (${problems.join('; ')})` : '';
    return failure('no-edits', `The answer's edit list is empty${what}.`, text);
  }
  return { ok: true, editSet, format, complete: true, problems, text, data };
}

/**
 * Parses tool-use input (Anthropic `tool_use.input`, an object) or OpenAI function-call
 * `arguments` (a JSON string, perhaps cut). `text` is the answer's prose, kept for the user.
 */
export function parseEditsToolInput(input: unknown, text = ''): ParseResult {
  if (typeof input === 'string') {
    const parsed = tryParse(input);
    if ('value' in parsed) return fromValue(parsed.value, 'tool', text || input);
    const saved = salvage(input);
    if (saved) return { ok: true, editSet: saved.editSet, format: 'tool', complete: false, problems: saved.problems, text: text || input, data: {} };
    return failure('malformed', `The edits could not be read: the tool call's arguments are not valid JSON (${parsed.error}).`, text || input);
  }
  if (!looksLikeEditSet(input)) return failure('malformed', 'The edits could not be read: the tool call has no list of files.', text);
  return fromValue(input, 'tool', text);
}

/** Parses an answer's text: JSON (whole, fenced or embedded), else SEARCH/REPLACE blocks. */
export function parseEditsAnswer(text: string, options: ParseOptions = {}): ParseResult {
  if (text.trim() === '') {
    return failure(options.truncated ? 'truncated' : 'empty', options.truncated ? 'The answer was cut off before any edits arrived.' : 'The answer is empty.', text);
  }
  const cutNote = options.truncated ? ['the answer was cut off; edits after the last complete one may be missing'] : [];

  // 1. The whole answer is JSON (structured output).
  const whole = tryParse(text.trim());
  if ('value' in whole && looksLikeEditSet(whole.value)) return fromValue(whole.value, 'json', text);

  // 2. Fenced JSON blocks; the last edit set wins (models revise).
  const blocks = fencedBlocks(text).filter((b) => b.lang === 'json' || b.lang === 'jsonc' || b.body.trimStart().startsWith('{'));
  const sets: unknown[] = [];
  let firstError: string | undefined;
  let cutBlock: string | undefined;
  for (const b of blocks) {
    const parsed = tryParse(b.body.trim());
    if ('value' in parsed) {
      if (looksLikeEditSet(parsed.value)) sets.push(parsed.value);
    } else if (!b.closed) {
      cutBlock = b.body;
    } else {
      firstError ??= parsed.error;
    }
  }
  if (sets.length > 0) {
    const note = sets.length > 1 ? [`the answer had ${sets.length} JSON edit blocks; the last one was used`] : [];
    return fromValue(sets[sets.length - 1], 'json', text, note);
  }

  // 3. A JSON object in the prose without fences.
  const embedded = embeddedObjects(text).filter(looksLikeEditSet);
  if (embedded.length > 0) return fromValue(embedded[embedded.length - 1], 'json', text);

  // 4. SEARCH/REPLACE blocks.
  if (hasSearchReplaceBlocks(text)) {
    const sr = parseSearchReplace(text);
    if (sr.files.length > 0) {
      const complete = sr.complete && !options.truncated;
      return { ok: true, editSet: { explanation: sr.explanation, files: sr.files }, format: 'search-replace', complete, problems: [...sr.problems, ...(sr.complete ? cutNote : [])], text, data: {} };
    }
    if (!sr.complete) return failure('truncated', 'The answer was cut off inside its first edit; no edits could be read.', text);
    return failure('malformed', `The edits could not be read: ${sr.problems.join('; ') || 'the SEARCH/REPLACE blocks name no file'}.`, text);
  }

  // 5. A cut or broken JSON edit set: keep what arrived complete.
  const jsonStart = cutBlock ?? (() => {
    const at = text.search(new RegExp(`\\{\\s*"(?:explanation|${FILE_LIST_KEYS.join('|')})"`));
    return at === -1 || scanBalanced(text, at) !== -1 ? undefined : text.slice(at);
  })();
  if (jsonStart !== undefined) {
    const saved = salvage(jsonStart);
    if (saved) return { ok: true, editSet: saved.editSet, format: 'json', complete: false, problems: saved.problems, text, data: {} };
    return failure('truncated', 'The answer was cut off before the first edit was complete; no edits could be read.', text);
  }
  if (firstError !== undefined) return failure('malformed', `The edits could not be read: the JSON in the answer is malformed (${firstError}).`, text);
  return failure('no-edits', 'The answer contains no edits (no JSON edit set and no SEARCH/REPLACE blocks).', text);
}
