// Refused edits as the user reads them.
import type { RefusedEdit } from '../../core/edits/types';

/** "2 edits refused: .git/config — files under .git/ are never edited; ..." (empty when none). */
export function refusedSummary(refused: readonly RefusedEdit[], max = 4): string {
  if (refused.length === 0) return '';
  const shown = refused.slice(0, max).map((r) => `${r.path} — ${r.reason}`);
  const more = refused.length > max ? `; and ${refused.length - max} more` : '';
  return `${refused.length} edit${refused.length === 1 ? '' : 's'} refused: ${shown.join('; ')}${more}.`;
}
