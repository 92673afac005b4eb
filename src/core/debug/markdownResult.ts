// The fallback when an answer has no usable JSON: markdown sections "Root cause", "Evidence",
// "Fix", "Verify" (as headings, bold lines or "Label:" lines), with edits from SEARCH/REPLACE
// blocks or unified diffs in the Fix section.
import { extractFileRefs, mergeRefs } from './refs';
import type { DebugResult, EvidenceRef, FileEdit } from './types';
import type { WorkspaceIndex } from './workspaceMap';

type Section = 'rootCause' | 'evidence' | 'fix' | 'verify';

function sectionOf(label: string): Section | undefined {
  const l = label.toLowerCase().replace(/[*_`#:]/g, '').trim();
  if (/^(?:\d+[.)]\s*)?(?:the\s+)?(?:root[\s-]*cause|cause|diagnosis)\b/.test(l)) return 'rootCause';
  if (/^(?:\d+[.)]\s*)?(?:supporting\s+)?evidence\b/.test(l)) return 'evidence';
  if (/^(?:\d+[.)]\s*)?(?:the\s+)?(?:(?:proposed|suggested)\s+)?(?:fix|solution|patch|changes?)\b/.test(l)) return 'fix';
  if (/^(?:\d+[.)]\s*)?(?:how\s+to\s+)?(?:verify|verification|test(?:ing)?|check)\b/.test(l)) return 'verify';
  return undefined;
}

const HEADING = /^\s{0,3}(?:#{1,6}\s+(.+?)\s*#*\s*$|\*\*(.+?)\*\*:?\s*$|__(.+?)__:?\s*$)/;
const LABEL_LINE = /^\s{0,3}\**(Root cause|Cause|Evidence|Fix|Solution|Verify|Verification|How to verify)\**\s*:\**\s*(.*)$/i;

/** Text per section; a fenced block never starts a section. */
export function splitSections(text: string): Partial<Record<Section, string>> {
  const out: Partial<Record<Section, string[]>> = {};
  let current: Section | undefined;
  let fence: string | undefined;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence === undefined ? f[1] : line.trim().startsWith(fence) ? undefined : fence;
    if (fence === undefined && !f) {
      const h = HEADING.exec(line);
      const label = h ? (h[1] ?? h[2] ?? h[3]) : undefined;
      const labelled = LABEL_LINE.exec(line);
      if (label !== undefined) {
        current = sectionOf(label);
        continue;
      }
      if (labelled) {
        current = sectionOf(labelled[1]);
        if (current && labelled[2].trim()) (out[current] ??= []).push(labelled[2]);
        continue;
      }
    }
    if (current) (out[current] ??= []).push(line);
  }
  const joined: Partial<Record<Section, string>> = {};
  for (const [k, v] of Object.entries(out) as [Section, string[]][]) {
    const t = v.join('\n').trim();
    if (t) joined[k] = t;
  }
  return joined;
}

const bullets = (text: string) => text.split('\n').map((l) => l.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim()).filter((l) => l && !/^`{3,}/.test(l));

function evidenceList(text: string, index: WorkspaceIndex): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  for (const line of bullets(text)) {
    const ref = extractFileRefs(line, index)[0];
    if (ref) out.push({ ...ref, note: line.replace(/`/g, '').replace(/^\S+:\d+(?:-\d+)?\s*[—–:-]?\s*/, '').trim() || line });
  }
  return out;
}

const PATH_LINE = /^\s*(?:[-*]\s*)?(?:\*\*|`)?(?:(?:File|Path):\s*)?([\w./@~+-]+\.[A-Za-z][\w]{0,9})(?:\*\*|`)?:?\s*$/;

/** Edits from aider-style SEARCH/REPLACE blocks (path on a line before each) and unified diffs. */
export function parseFixEdits(text: string): FileEdit[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const byPath = new Map<string, FileEdit>();
  const add = (path: string, search: string, replace: string) => {
    const edit = byPath.get(path) ?? { path, kind: 'modify' as const, hunks: [] };
    edit.hunks!.push({ search, replace });
    byPath.set(path, edit);
  };
  let lastPath: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const p = PATH_LINE.exec(lines[i]) ?? /^\s*`{3,}\w*\s+([\w./@~+-]+\.[A-Za-z]\w*)\s*$/.exec(lines[i]);
    if (p) lastPath = p[1];
    if (/^<{5,}\s*SEARCH\s*$/.test(lines[i].trim()) && lastPath) {
      const search: string[] = [];
      const replace: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^={5,}\s*$/.test(lines[j].trim()); j++) search.push(lines[j]);
      for (j++; j < lines.length && !/^>{5,}\s*REPLACE\s*$/.test(lines[j].trim()); j++) replace.push(lines[j]);
      if (j >= lines.length) break; // unterminated block: not an edit
      add(lastPath, search.join('\n'), replace.join('\n'));
      i = j;
      continue;
    }
    const plus = /^\+\+\+ (?:b\/)?(\S+)/.exec(lines[i]);
    if (plus && /^--- /.test(lines[i - 1] ?? '')) {
      const path = plus[1];
      let j = i + 1;
      while (j < lines.length && /^@@/.test(lines[j])) {
        const search: string[] = [];
        const replace: string[] = [];
        for (j++; j < lines.length && /^[ +-]|^$/.test(lines[j]) && !/^(?:--- |\+\+\+ |`{3})/.test(lines[j]); j++) {
          const body = lines[j].slice(1);
          if (lines[j].startsWith('-')) search.push(body);
          else if (lines[j].startsWith('+')) replace.push(body);
          else {
            search.push(body);
            replace.push(body);
          }
        }
        if (search.length) add(path, search.join('\n'), replace.join('\n'));
      }
      i = j - 1;
    }
  }
  return [...byPath.values()];
}

/** The Fix section's explanation: its text up to the first code block, edit block or file name. */
function fixProse(fix: string): string {
  const out: string[] = [];
  for (const line of fix.split('\n')) {
    if (/^\s*(?:`{3,}|~{3,}|<{5,}|--- )/.test(line) || PATH_LINE.test(line)) break;
    out.push(line);
  }
  return out.join('\n').trim();
}

/** A DebugResult from markdown sections, or undefined without a root cause. */
export function parseMarkdownResult(text: string, index: WorkspaceIndex, warnings: string[]): DebugResult | undefined {
  const s = splitSections(text);
  if (!s.rootCause) return undefined;
  const rootCause = s.rootCause.split(/\n\s*\n/)[0].replace(/\s*\n\s*/g, ' ').trim();
  const evidence = s.evidence ? evidenceList(s.evidence, index) : [];
  const edits = s.fix ? parseFixEdits(s.fix) : [];
  if (s.fix && !edits.length) warnings.push('The fix could not be parsed as edits; it is shown as text.');
  const summary = s.fix ? fixProse(s.fix) : '';
  const verify = s.verify ? bullets(s.verify) : [];
  return {
    rootCause,
    evidence,
    fix: { summary, edits },
    verify,
    references: mergeRefs(evidence.map(({ note: _n, ...r }) => r), extractFileRefs(text, index)),
  };
}
