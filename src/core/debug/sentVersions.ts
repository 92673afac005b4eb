// Which files a Deep Debug fix may touch: those whose text (whole, a failing part, a called
// definition's body, or their uncommitted diff) went to the model, each pinned to the content
// hash of the text gathered, so a fix to a file changed since is refused.
import { contentHash } from '../edits/hash';
import type { KeptEvidence } from './types';

export const SENT_KINDS = new Set(['failing-lines', 'selection', 'definition', 'related-file', 'diff']);

/** Content hashes by path of the files the model saw (pass as WorkspaceFs.sentVersions). */
export function sentVersions(kept: readonly KeptEvidence[], texts: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of kept) {
    const p = k.item.path;
    const text = p !== undefined ? texts.get(p) : undefined;
    if (p !== undefined && text !== undefined && SENT_KINDS.has(k.item.kind)) out.set(p, contentHash(text));
  }
  return out;
}

/** Adds the files an agent's tools showed the model (read_file), each at the text it read. */
export function withSeen(versions: Map<string, string>, seen: ReadonlyMap<string, string>): Map<string, string> {
  for (const [p, text] of seen) if (!versions.has(p)) versions.set(p, contentHash(text));
  return versions;
}
