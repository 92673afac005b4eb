// Which files go to the model, under a token budget: neverSend files never; then by priority (the
// selection's file, definitions, references, importers, imports, symbol matches), whole files
// while they fit. A top-priority file too big for the budget is cut to the lines around its
// focus (within half of the budget left); everything else that does not fit is left out and listed.
import { renderFileBlock } from './fileBlock';
import { neverSendMatcher } from './neverSend';

export type FileRole = 'selection' | 'current' | 'picked' | 'trace' | 'definition' | 'reference' | 'importer' | 'import' | 'symbol' | 'related';

/** Lower sends first. */
export const ROLE_PRIORITY: Readonly<Record<FileRole, number>> = {
  selection: 0, current: 0, picked: 0, trace: 1, definition: 2, reference: 3, importer: 4, import: 5, symbol: 6, related: 7,
};

export interface CandidateFile {
  /** Workspace-relative path, '/' separators (as the edits will name it). */
  path: string;
  /** Current text (unsaved editor contents included). */
  content: string;
  reason: FileRole;
  /** Shown beside the reason: "references formatPrice". */
  detail?: string;
  /** Offsets to keep if the file has to be cut (the selection); defaults to the start. */
  focus?: { start: number; end: number };
}

export interface SelectedFile {
  path: string;
  /** What is sent: the whole file, or an excerpt when `truncated`. */
  content: string;
  /** The file's whole current text (the version the edits are checked against). */
  fullContent: string;
  reason: FileRole;
  label: string;
  tokens: number;
  truncated: boolean;
}

export type OmitWhy = 'never-send' | 'budget' | 'binary' | 'duplicate';

export interface OmittedFile {
  path: string;
  reason: FileRole;
  why: OmitWhy;
}

export interface SelectOptions {
  budgetTokens: number;
  countTokens: (text: string) => number;
  neverSend?: readonly string[];
  /** Smallest excerpt worth sending for a cut top-priority file. */
  minExcerptTokens?: number;
}

export interface Selection {
  included: SelectedFile[];
  omitted: OmittedFile[];
  usedTokens: number;
}

function labelOf(c: CandidateFile): string {
  return c.detail ? `${c.reason}: ${c.detail}` : c.reason;
}

/** Lines around the focus that fit `budget` tokens, with markers for what is left out. */
export function excerpt(c: CandidateFile, budget: number, countTokens: (t: string) => number): { content: string; tokens: number } | undefined {
  const lines = c.content.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const lineOf = (offset: number) => c.content.slice(0, Math.max(0, offset)).split('\n').length - 1;
  let top = c.focus ? lineOf(c.focus.start) : 0;
  let bottom = c.focus ? lineOf(c.focus.end) : 0;
  const render = (a: number, b: number) => {
    const parts: string[] = [];
    if (a > 0) parts.push(`… (lines 1–${a} not shown) …`);
    parts.push(...lines.slice(a, b + 1));
    if (b < lines.length - 1) parts.push(`… (lines ${b + 2}–${lines.length} not shown) …`);
    return parts.join('\n');
  };
  const cost = (a: number, b: number) => countTokens(renderFileBlock({ path: c.path, content: render(a, b), label: labelOf(c), excerpt: true }));
  if (cost(top, bottom) > budget) return undefined;
  // Grow by per-line estimates (one count per line), alternating below and above, then check the
  // real count and give back lines while it is over.
  const lineTokens = lines.map((l) => countTokens(`${l}\n`));
  let spent = cost(top, bottom);
  for (let grew = true; grew;) {
    grew = false;
    if (bottom < lines.length - 1 && spent + lineTokens[bottom + 1] <= budget) { spent += lineTokens[++bottom]; grew = true; }
    if (top > 0 && spent + lineTokens[top - 1] <= budget) { spent += lineTokens[--top]; grew = true; }
  }
  let actual = cost(top, bottom);
  while (actual > budget && bottom > top) {
    if (c.focus && bottom <= lineOf(c.focus.end)) top++;
    else bottom--;
    actual = cost(top, bottom);
  }
  if (actual > budget) return undefined;
  return { content: render(top, bottom), tokens: actual };
}

export function selectFiles(candidates: readonly CandidateFile[], options: SelectOptions): Selection {
  const isSecret = neverSendMatcher(options.neverSend ?? []);
  const omitted: OmittedFile[] = [];
  const seen = new Map<string, CandidateFile>();
  const ordered = candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => ROLE_PRIORITY[a.c.reason] - ROLE_PRIORITY[b.c.reason] || a.i - b.i)
    .map(({ c }) => c);
  const queue: CandidateFile[] = [];
  for (const c of ordered) {
    const key = c.path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (seen.has(key)) continue; // a higher-priority role already brings it
    seen.set(key, c);
    if (isSecret(key)) omitted.push({ path: key, reason: c.reason, why: 'never-send' });
    else if (c.content.includes('\u0000')) omitted.push({ path: key, reason: c.reason, why: 'binary' });
    else queue.push({ ...c, path: key });
  }

  const included: SelectedFile[] = [];
  let used = 0;
  for (const c of queue) {
    const left = options.budgetTokens - used;
    const label = labelOf(c);
    const tokens = options.countTokens(renderFileBlock({ path: c.path, content: c.content, label }));
    if (tokens <= left) {
      included.push({ path: c.path, content: c.content, fullContent: c.content, reason: c.reason, label, tokens, truncated: false });
      used += tokens;
      continue;
    }
    // A cut top-priority file takes at most half of what is left, so the files it calls and is
    // called from still get a place.
    const min = options.minExcerptTokens ?? 200;
    const share = Math.max(min, Math.floor(left / 2));
    const cut = ROLE_PRIORITY[c.reason] === 0 && left >= min ? excerpt(c, Math.min(left, share), options.countTokens) : undefined;
    if (cut) {
      included.push({ path: c.path, content: cut.content, fullContent: c.content, reason: c.reason, label, tokens: cut.tokens, truncated: true });
      used += cut.tokens;
    } else {
      omitted.push({ path: c.path, reason: c.reason, why: 'budget' });
    }
  }
  return { included, omitted, usedTokens: used };
}

/** "Left out: .env (never sent: tiered.privacy.neverSend), src/big.ts (over the token budget)"; '' when none. */
export function describeOmitted(omitted: readonly OmittedFile[]): string {
  if (omitted.length === 0) return '';
  const why: Record<OmitWhy, string> = { 'never-send': 'never sent: tiered.privacy.neverSend', budget: 'over the token budget', binary: 'binary', duplicate: 'duplicate' };
  return `Left out: ${omitted.map((o) => `${o.path} (${why[o.why]})`).join(', ')}`;
}
