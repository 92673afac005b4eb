// The evidence that goes to the model, under a token budget: neverSend files dropped, key-like
// strings redacted, items kept by priority (the error first), long ones truncated at line
// boundaries, and a list of what was left out for the user.
import { redactEvidence, type NeverSendPredicate } from './privacy';
import { fitItem, renderItem, type CountTokens } from './render';
import { splitUnifiedDiff } from './diffSplit';
import type { AssembledEvidence, EvidenceItem, EvidenceKind, KeptEvidence, LeftOut } from './types';

/** Higher is kept first. */
export const KIND_PRIORITY: Readonly<Record<EvidenceKind, number>> = {
  error: 100,
  'failing-lines': 90,
  selection: 80,
  // The whole body of a function called on a failing line (the bug is often there, not where it throws).
  definition: 75,
  diagnostics: 70,
  symbols: 60,
  diff: 50,
  'related-file': 40,
};

/**
 * The most of the whole budget one item of a kind takes before every item has had its turn; what
 * is left afterwards goes back to the truncated items in priority order. Keeps one huge
 * selection from pushing out the diagnostics.
 */
const ITEM_SHARE: Readonly<Record<EvidenceKind, number>> = {
  error: 0.25,
  'failing-lines': 0.2,
  selection: 0.2,
  definition: 0.15,
  diagnostics: 0.1,
  symbols: 0.15,
  diff: 0.15,
  'related-file': 0.2,
};

export interface AssembleOptions {
  /** Workspace-relative path -> never send (tiered.privacy.neverSend). */
  isNeverSend?: NeverSendPredicate;
  /** Exact secrets to redact besides the patterns (the stored API keys). */
  knownSecrets?: readonly string[];
  /** Items that would get fewer tokens than this are left out rather than cut to nothing. */
  minItemTokens?: number;
}

export const priorityOf = (item: EvidenceItem): number => item.priority ?? KIND_PRIORITY[item.kind];

/** Drops items from neverSend files (and neverSend files' sections of a multi-file diff). */
function privacyFilter(items: readonly EvidenceItem[], isNeverSend: NeverSendPredicate | undefined, leftOut: LeftOut[]): EvidenceItem[] {
  if (!isNeverSend) return [...items];
  const out: EvidenceItem[] = [];
  for (const item of items) {
    if (item.path !== undefined && isNeverSend(item.path)) {
      leftOut.push({ kind: item.kind, title: item.title, path: item.path, reason: 'neverSend' });
      continue;
    }
    if (item.kind === 'diff' && item.path === undefined) {
      const sections = splitUnifiedDiff(item.text);
      const dropped = sections.filter((s) => s.path !== undefined && isNeverSend(s.path));
      for (const s of dropped) leftOut.push({ kind: 'diff', title: `changes to ${s.path}`, path: s.path, reason: 'neverSend' });
      if (dropped.length) {
        const text = sections.filter((s) => !dropped.includes(s)).map((s) => s.text).join('\n');
        if (text.trim()) out.push({ ...item, text });
        continue;
      }
    }
    out.push(item);
  }
  return out;
}

/**
 * Keeps the most useful evidence within `budgetTokens` (as counted by `countTokens`), in
 * priority order. Redaction happens first, so the budget counts what is actually sent.
 */
export function assembleEvidence(items: readonly EvidenceItem[], budgetTokens: number, countTokens: CountTokens, options: AssembleOptions = {}): AssembledEvidence {
  const leftOut: LeftOut[] = [];
  let redactions = 0;
  const redacted = privacyFilter(items, options.isNeverSend, leftOut).map((item) => {
    const text = redactEvidence(item.text, options.knownSecrets);
    const title = redactEvidence(item.title, options.knownSecrets);
    redactions += text.count + title.count;
    return { ...item, text: text.text, title: title.text };
  });
  const ordered = redacted.map((item, i) => ({ item, i })).sort((a, b) => priorityOf(b.item) - priorityOf(a.item) || a.i - b.i).map((x) => x.item);

  const budget = Math.max(0, Math.floor(budgetTokens));
  const minItem = options.minItemTokens ?? 40;
  const need = ordered.map((item) => countTokens(renderItem(item)));
  const allot = new Array<number>(ordered.length).fill(0);
  let remaining = budget;
  ordered.forEach((item, i) => {
    const cap = Math.max(minItem, Math.floor(budget * ITEM_SHARE[item.kind]));
    allot[i] = Math.min(need[i], cap, remaining);
    remaining -= allot[i];
  });
  ordered.forEach((_item, i) => {
    const extra = Math.min(need[i] - allot[i], remaining);
    if (extra > 0) {
      allot[i] += extra;
      remaining -= extra;
    }
  });

  const kept: KeptEvidence[] = [];
  let spare = 0; // tokens an item was allotted but did not use (line boundaries), for the next
  ordered.forEach((item, i) => {
    const avail = allot[i] + spare;
    const fitted = avail > 0 && avail >= Math.min(minItem, need[i]) ? fitItem(item, avail, countTokens) : undefined;
    if (!fitted) {
      spare = avail;
      leftOut.push({ kind: item.kind, title: item.title, ...(item.path !== undefined ? { path: item.path } : {}), reason: 'budget' });
      return;
    }
    spare = avail - fitted.tokens;
    kept.push({ item, rendered: fitted.rendered, tokens: fitted.tokens, truncated: fitted.truncated });
  });

  const text = kept.map((k) => k.rendered).join('\n');
  return { kept, leftOut, tokens: text ? countTokens(text) : 0, text, redactions };
}

/** "3 items left out: src/big.ts (budget), .env (neverSend)" for the user; empty when none. */
export function describeLeftOut(leftOut: readonly LeftOut[]): string {
  if (!leftOut.length) return '';
  const parts = leftOut.map((l) => `${l.path ?? l.title} (${l.reason === 'neverSend' ? 'never sent: tiered.privacy.neverSend' : 'over the token budget'})`);
  return `${leftOut.length} item${leftOut.length === 1 ? '' : 's'} left out: ${parts.join(', ')}`;
}
