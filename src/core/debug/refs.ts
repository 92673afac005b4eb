// `file:line` references in a model's answer ("src/cart.ts:12", "src/cart.ts:12-14",
// "cart.py, line 4", "src/a.ts#L3"), checked against the workspace: unknown files are flagged.
import { resolveWorkspacePath, type WorkspaceIndex } from './workspaceMap';
import type { FileRef } from './types';

const REF = /(?<![\w/:.-])((?:[A-Za-z]:[\\/])?(?:[\w.@~+-]+[\\/])*[\w@~+-][\w.@~+-]*\.[A-Za-z][\w]{0,9})(?::(\d+)(?:\s?[-–]\s?(\d+))?(?::\d+)?|#L(\d+)(?:-L?(\d+))?|"?,? line (\d+)(?:\s?[-–]\s?(\d+))?|\s\(line (\d+)\))/g;

/** Lines and paths that look like a reference but are not (versions, hosts, times). */
function plausible(file: string, line: number): boolean {
  if (line <= 0 || line > 1_000_000) return false;
  if (/^\d+(?:\.\d+)+$/.test(file)) return false; // 1.2.3:4
  if (/^(?:www\.|localhost)|\.(?:com|org|net|io|dev)$/i.test(file)) return false;
  return true;
}

/** A reference with its workspace path, or flagged unknown. */
export function checkRef(index: WorkspaceIndex, file: string, line: number, endLine?: number): FileRef {
  const path = resolveWorkspacePath(index, file);
  const ref: FileRef = { file, line, known: path !== undefined };
  if (endLine !== undefined && endLine >= line) ref.endLine = endLine;
  if (path) ref.path = path;
  return ref;
}

/** Every `file:line` reference in the text, in order, de-duplicated. */
export function extractFileRefs(text: string, index: WorkspaceIndex): FileRef[] {
  const out: FileRef[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(REF)) {
    const file = m[1];
    const line = Number(m[2] ?? m[4] ?? m[6] ?? m[8]);
    const endRaw = m[3] ?? m[5] ?? m[7];
    if (!plausible(file, line)) continue;
    const key = `${file}:${line}:${endRaw ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(checkRef(index, file, line, endRaw === undefined ? undefined : Number(endRaw)));
  }
  return out;
}

/** Merges reference lists, first occurrence wins. */
export function mergeRefs(...lists: FileRef[][]): FileRef[] {
  const seen = new Set<string>();
  const out: FileRef[] = [];
  for (const r of lists.flat()) {
    const key = `${r.path ?? r.file}:${r.line}:${r.endLine ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
