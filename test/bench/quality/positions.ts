// Positions for the quality benchmark: points inside real edits of a repository's history (the
// same hunks the completions benchmark replays), each with the document as the author had it at
// that moment and what they typed next.
import { collectHunks, replayOf, sampleHunks, SOURCE_PATHSPECS, type Replay } from '../support/editHistory';
import { firstLine, type Truth } from './metrics';

export interface Position {
  replay: Replay;
  filePath: string;
  languageId: string;
  prefix: string;
  suffix: string;
  truth: Truth;
}

/** Offsets in `typed` where the author still had something to type on that line. */
function candidates(typed: string): number[] {
  const out: number[] = [];
  for (let k = 0; k < typed.length; k++) {
    if (typed[k] !== '\n' && firstLine(typed.slice(k)).trim()) out.push(k);
  }
  return out;
}

/**
 * About `count` positions, `perHunk` at most from each sampled hunk (seeded), in history order.
 * A position is a character offset in the hunk's typed text; the document there is the file
 * before the hunk with the text typed so far.
 */
export function samplePositions(repo: string, count: number, perHunk: number, rand: () => number): { positions: Position[]; hunks: number; hunksSeen: number } {
  const hunks = collectHunks(repo, SOURCE_PATHSPECS, 2000);
  const positions: Position[] = [];
  let used = 0;
  for (const hunk of sampleHunks(hunks, Math.ceil((count / perHunk) * 1.5), rand)) {
    if (positions.length >= count) break;
    const replay = replayOf(repo, hunk, 1_000_000);
    if (!replay) continue;
    const cands = candidates(replay.text);
    if (!cands.length) continue;
    used++;
    const picked = new Set<number>();
    for (let i = 0; i < Math.min(perHunk, cands.length) && positions.length < count; i++) picked.add(cands[Math.floor(rand() * cands.length)]);
    for (const k of [...picked].sort((a, b) => a - b).slice(0, count - positions.length)) {
      const head = replay.before.slice(0, replay.offset) + replay.text.slice(0, k);
      const tail = replay.before.slice(replay.offset);
      positions.push({
        replay, filePath: hunk.path, languageId: replay.languageId, prefix: head, suffix: tail,
        truth: { typed: replay.text.slice(k), follows: replay.text.slice(k) + tail },
      });
    }
  }
  return { positions, hunks: used, hunksSeen: hunks.length };
}
