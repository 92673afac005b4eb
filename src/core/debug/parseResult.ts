// The model's answer as a DebugResult: tool-use input, structured output or a fenced JSON block,
// with markdown sections as the fallback. A cut or unreadable answer gives { ok: false } with the
// text, so the panel still shows it and says the fix could not be parsed.
import { coerceDebugResult } from './coerce';
import { parseMarkdownResult } from './markdownResult';
import { scanBalanced } from '../edits/jsonScan';
import type { EditSet } from '../edits/types';
import type { DebugResult, ParsedDebugAnswer } from './types';
import type { WorkspaceIndex } from './workspaceMap';

export interface DebugAnswer {
  /** The streamed text (ChatResult.text). */
  text: string;
  /** The tool_use input, when the provider returned one. */
  toolInput?: unknown;
  /** ChatResult.finishReason / incomplete: a cut answer is reported as truncated. */
  finishReason?: 'stop' | 'length' | 'aborted' | 'error';
  incomplete?: boolean;
}

/** JSON texts in the answer, most likely first: fenced blocks (last first), then bare objects. */
export function jsonCandidates(text: string): string[] {
  const out: string[] = [];
  const fenced = [...text.matchAll(/(`{3,}|~{3,})[ \t]*(?:json5?|jsonc)?[ \t]*\n([\s\S]*?)\n[ \t]*\1/gi)].map((m) => m[2].trim());
  out.push(...fenced.filter((b) => b.startsWith('{')).reverse());
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) out.push(trimmed);
  // A bare object in prose: from the last "{" that starts a line with a rootCause key after it.
  const starts = [...text.matchAll(/^\s*\{/gm)].map((m) => m.index ?? 0).reverse();
  for (const s of starts) {
    const end = matchingBrace(text, text.indexOf('{', s));
    if (end > 0) out.push(text.slice(text.indexOf('{', s), end + 1));
  }
  return [...new Set(out)];
}

/** Index of the brace closing the one at `open`, or -1 when the text ends first (truncated). */
export function matchingBrace(text: string, open: number): number {
  const end = scanBalanced(text, open);
  return end === -1 ? -1 : end - 1;
}

/** JSON.parse, then once more without trailing commas (a common slip). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

/** True when the answer ends inside a JSON object or a code fence. */
function looksCut(text: string): boolean {
  const fences = text.match(/^[ \t]*`{3,}/gm)?.length ?? 0;
  if (fences % 2 === 1) return true;
  const lastOpen = text.search(/\{\s*"(?:rootCause|root_cause)"/);
  return lastOpen >= 0 && matchingBrace(text, lastOpen) < 0;
}

/** What can be salvaged from a cut JSON answer: the root cause string, when complete. */
function partialFrom(text: string): Partial<DebugResult> | undefined {
  const m = /"(?:rootCause|root_cause)"\s*:\s*("(?:\\.|[^"\\])*")/.exec(text);
  if (!m) return undefined;
  try {
    return { rootCause: JSON.parse(m[1]) as string };
  } catch {
    return undefined;
  }
}

export function parseDebugAnswer(answer: DebugAnswer, index: WorkspaceIndex): ParsedDebugAnswer {
  const text = answer.text ?? '';
  const warnings: string[] = [];
  if (answer.toolInput !== undefined) {
    const input = typeof answer.toolInput === 'string' ? parseJson(answer.toolInput) : answer.toolInput;
    const result = coerceDebugResult(input, index, warnings);
    if (result) return { ok: true, result, source: 'tool', warnings };
  }
  const cut = answer.finishReason === 'length' || answer.incomplete === true || answer.finishReason === 'aborted' || looksCut(text);
  for (const candidate of jsonCandidates(text)) {
    const w: string[] = [];
    const result = coerceDebugResult(parseJson(candidate), index, w);
    if (result) {
      if (cut && matchingBrace(candidate, 0) < 0) break;
      return { ok: true, result, source: 'json', warnings: [...warnings, ...w] };
    }
  }
  if (cut) {
    const partial = partialFrom(text) ?? markdownPartial(text, index);
    return { ok: false, text, reason: 'The answer was cut off before it was complete, so the fix could not be parsed.', ...(partial ? { partial } : {}) };
  }
  const md = parseMarkdownResult(text, index, warnings);
  if (md) return { ok: true, result: md, source: 'markdown', warnings };
  if (!text.trim()) return { ok: false, text, reason: 'The model returned an empty answer.' };
  return { ok: false, text, reason: 'The answer has no root cause and fix in a form Tiered can read, so the fix could not be parsed.' };
}

function markdownPartial(text: string, index: WorkspaceIndex): Partial<DebugResult> | undefined {
  const md = parseMarkdownResult(text, index, []);
  if (!md) return undefined;
  return { rootCause: md.rootCause, evidence: md.evidence, references: md.references };
}

/** The fix as src/core/edits' EditSet, for validateEdits and the preview. */
export function toEditSet(result: DebugResult): EditSet {
  return { explanation: result.fix.summary || result.rootCause, files: result.fix.edits.map((e) => ({ ...e })) };
}
