// A Deep Debug fix kept with the chat history, applied from its card after a window reload: read
// back from storage (checked, never trusted as it is), validated again against the files as they
// are now — any file changed since the model saw it refuses the whole fix — then previewed and
// applied like a fix of this session.
import type { StoredFix } from '../../core/chat/answerResults';
import type { DebugResult } from '../../core/debug';
import type { Logger } from '../../core/log';
import { refusedSummary, type ReadOnlyDocs } from '../edits';
import { applyFix, checkFix, fixMessage } from './fix';

/** The fix and the versions of the files the model saw, as the chat history keeps them. */
export function storedFix(result: DebugResult, sentVersions: ReadonlyMap<string, string>, sentPartial: ReadonlySet<string>): StoredFix {
  return { kind: 'debug', result, sentVersions: Object.fromEntries(sentVersions), sentPartial: [...sentPartial] };
}

function readBack(fix: StoredFix): { result: DebugResult; versions: Map<string, string>; partial: Set<string> } | undefined {
  const r = fix.result as Partial<DebugResult> | undefined;
  if (!r || typeof r.rootCause !== 'string' || !r.fix || !Array.isArray(r.fix.edits) || !fix.sentVersions || typeof fix.sentVersions !== 'object') return undefined;
  const versions = new Map(Object.entries(fix.sentVersions).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const partial = new Set(Array.isArray(fix.sentPartial) ? fix.sentPartial.filter((p): p is string => typeof p === 'string') : []);
  return { result: { rootCause: r.rootCause, evidence: [], fix: { summary: typeof r.fix.summary === 'string' ? r.fix.summary : '', edits: r.fix.edits }, verify: [], references: [] }, versions, partial };
}

/** Apply from a replayed card: what happened, as the card shows it. */
export async function applyStoredFix(fix: StoredFix, o: { docs: ReadOnlyDocs; log: Logger; signal?: AbortSignal }): Promise<string> {
  const back = readBack(fix);
  if (!back) return 'The fix was not applied: the kept fix could not be read. Run Deep Debug again.';
  const checked = await checkFix(back.result, back.versions, back.partial);
  if (checked.refused.length) {
    o.log.info(`Deep Debug: a kept fix was refused on Apply: ${checked.refused.map((r) => `${r.path}: ${r.reason}`).join('; ')}`);
    return `The fix was not applied: ${refusedSummary(checked.refused)} Run Deep Debug again so the model sees the current files.`;
  }
  const outcome = await applyFix(back.result, back.versions, { mode: 'diff', docs: o.docs, log: o.log, signal: o.signal ?? new AbortController().signal, sentPartial: back.partial });
  return fixMessage(outcome);
}
