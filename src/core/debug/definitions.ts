// Follows the calls on the failing lines into their definitions: for each identifier on a
// failing line, ask a resolver (VS Code's definition providers, or the plain-text one in
// textResolver.ts) where it is defined; an import / require line is followed one hop further;
// the definition's whole body (not its first line) becomes evidence. The files reached this way
// also get their uncommitted diffs taken, and a fix may touch them.
import { identifiersOnLine } from './symbolsAt';
import type { LineRange } from './types';

export interface DefinitionSite {
  /** Workspace-relative path. */
  path: string;
  /** 1-based line of the declaration. */
  line: number;
  /** The declaration's range when the provider knows it (LocationLink.targetRange). */
  range?: LineRange;
}

/** Where things are defined, and the current text of workspace files. */
export interface DefinitionResolver {
  /** Definitions of the identifier at 1-based `line`, `column` of `path` (workspace files only). */
  definitions(path: string, line: number, column: number, signal?: AbortSignal): Promise<DefinitionSite[]>;
  /** Current text (unsaved edits included), undefined when unreadable. */
  readText(path: string): Promise<string | undefined>;
}

export interface DefinitionBody {
  /** The identifier called on the failing line. */
  name: string;
  /** The failing line it is called from. */
  at: { path: string; line: number };
  path: string;
  startLine: number;
  endLine: number;
  /** The body's lines (whole, or cut at maxBodyLines with a note). */
  text: string;
}

export interface FollowOptions {
  signal?: AbortSignal;
  /** Identifiers asked per failing line. */
  identifiersPerLine?: number;
  /** Bodies kept in all (the nearest failing lines first). */
  maxDefinitions?: number;
  /** A body longer than this is cut (the evidence budget cuts further). */
  maxBodyLines?: number;
  /** Paths never read nor sent (tiered.privacy.neverSend). */
  isNeverSend?: (path: string) => boolean;
}

export interface Followed {
  definitions: DefinitionBody[];
  /** Texts of the files the bodies come from, by path (for the sent-version hashes). */
  texts: Map<string, string>;
}

const IMPORT_LINE = /^\s*(?:import\b|export\s+(?:\*|\{[^}]*\})\s+from\b|from\s+\S+\s+import\b|(?:const|let|var)\s+(?:\{[^}]*\}|[\w$]+)\s*=\s*(?:await\s+)?(?:require|import)\s*\(|use\s+[\w:]+)/;
const DEPENDENCY = /(^|\/)(node_modules|\.venv|venv|site-packages|vendor|dist|out|build)\//;

/** True for an import, re-export or require line: a definition there is only an alias. */
export function isImportLine(line: string): boolean {
  return IMPORT_LINE.test(line);
}

/** Strings and comments blanked (same length), so braces inside them do not count. */
function codeOnly(line: string, inBlock: { open: boolean }): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (inBlock.open) {
      const end = line.indexOf('*/', i);
      if (end < 0) return out + ' '.repeat(line.length - i);
      out += ' '.repeat(end + 2 - i);
      i = end + 2;
      inBlock.open = false;
      continue;
    }
    const c = line[i];
    if (c === '/' && line[i + 1] === '/') return out + ' '.repeat(line.length - i);
    if (c === '/' && line[i + 1] === '*') { inBlock.open = true; out += '  '; i += 2; continue; }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += line[j] === '\\' ? 2 : 1;
      out += ' '.repeat(Math.min(line.length, j + 1) - i);
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * The lines of the declaration that starts at 1-based `line`: to the matching closing brace for
 * brace languages, by indentation for Python-like ones, the statement for a one-liner.
 */
export function definitionBody(lines: readonly string[], line: number, maxLines = 200): LineRange {
  const start = Math.min(Math.max(1, line), lines.length);
  const first = lines[start - 1] ?? '';
  if (/:\s*(#.*)?$/.test(first) && /^\s*(?:async\s+)?(?:def|class)\b/.test(first)) {
    const indent = first.match(/^\s*/)![0].length;
    let end = start;
    for (let i = start; i < lines.length && i - start < maxLines; i++) {
      const l = lines[i];
      if (!l.trim()) continue;
      if (l.match(/^\s*/)![0].length <= indent) break;
      end = i + 1;
    }
    return { start, end };
  }
  const block = { open: false };
  let depth = 0;
  let opened = false;
  for (let i = start - 1; i < lines.length && i - start + 1 < maxLines; i++) {
    const code = codeOnly(lines[i], block);
    for (const ch of code) {
      if (ch === '{' || ch === '(' || ch === '[') {
        if (ch === '{') opened = true;
        depth++;
      } else if (ch === '}' || ch === ')' || ch === ']') {
        depth--;
      }
    }
    const trimmed = code.trim();
    if (depth > 0) continue;
    if (opened || /;\s*$/.test(trimmed)) return { start, end: i + 1 };
    const next = lines[i + 1]?.trim() ?? '';
    if (!/[,=(+\-*/&|?:.>]$/.test(trimmed) && !/^[{.?:]|^=>/.test(next)) return { start, end: i + 1 };
  }
  return { start, end: Math.min(lines.length, start + maxLines - 1) };
}

/**
 * Definitions of the calls on the failing `locations` (innermost first), their bodies read from
 * the resolver; aliases (imports) followed one hop, dependencies and neverSend files skipped.
 */
export async function followDefinitions(locations: readonly { path: string; line: number }[], resolver: DefinitionResolver, options: FollowOptions = {}): Promise<Followed> {
  const max = options.maxDefinitions ?? 6;
  const maxBody = options.maxBodyLines ?? 200;
  const texts = new Map<string, string>();
  const read = async (p: string) => {
    if (options.isNeverSend?.(p)) return undefined;
    if (!texts.has(p)) {
      const t = await resolver.readText(p);
      if (t === undefined) return undefined;
      texts.set(p, t);
    }
    return texts.get(p);
  };
  const out: DefinitionBody[] = [];
  const seen = new Set<string>();
  const allowed = (s: DefinitionSite) => !DEPENDENCY.test(s.path) && !options.isNeverSend?.(s.path);

  for (const loc of locations) {
    if (out.length >= max || options.signal?.aborted) break;
    const text = await read(loc.path);
    const line = text?.split('\n')[loc.line - 1];
    if (line === undefined) continue;
    for (const id of identifiersOnLine(line, options.identifiersPerLine ?? 6)) {
      if (out.length >= max || options.signal?.aborted) break;
      let sites = (await resolver.definitions(loc.path, loc.line, id.column, options.signal).catch(() => [])).filter(allowed);
      // The definition is the same line (a declaration), or an alias: follow an import one hop.
      const followed: DefinitionSite[] = [];
      for (const s of sites) {
        const defLines = (await read(s.path))?.split('\n');
        const defLine = defLines?.[s.line - 1];
        if (defLine !== undefined && isImportLine(defLine)) {
          const col = defLine.search(new RegExp(`\\b${id.name.replace(/\$/g, '\\$')}\\b`));
          if (col >= 0) followed.push(...(await resolver.definitions(s.path, s.line, col + 1, options.signal).catch(() => [])).filter(allowed));
        } else {
          followed.push(s);
        }
      }
      sites = followed.filter((s) => !(s.path === loc.path && s.line === loc.line));
      for (const s of sites.slice(0, 2)) {
        const defText = await read(s.path);
        if (defText === undefined) continue;
        const lines = defText.split('\n');
        if (isImportLine(lines[s.line - 1] ?? '')) continue;
        const multi = s.range && s.range.end > s.range.start ? s.range : undefined;
        const range = multi ? { start: multi.start, end: Math.min(multi.end, multi.start + maxBody - 1) } : definitionBody(lines, s.line, maxBody);
        const key = `${s.path}:${range.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ name: id.name, at: { path: loc.path, line: loc.line }, path: s.path, startLine: range.start, endLine: range.end, text: lines.slice(range.start - 1, range.end).join('\n') });
        if (out.length >= max) break;
      }
    }
  }
  return { definitions: out, texts };
}
