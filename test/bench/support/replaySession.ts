// Drives the real pipeline through the replays: each keystroke is one scheduler.request() with
// an AbortSignal that the next keystroke aborts (as VS Code cancels its token); a suggestion
// that comes back un-cancelled is "shown" and checked against the document at that moment;
// later keystrokes that type the start of a shown suggestion count as typed through.
import type { ContextChunks } from '../../../src/core/completion/contextChunks';
import type { CompletionScheduler } from '../../../src/core/completion/scheduler';
import type { CompletionRequest, Suggestion } from '../../../src/core/completion/types';
import { ReplayDocument } from './document';
import type { Replay } from './editHistory';
import { keystrokes } from './typist';
import type { WarpClock } from './warpClock';
import { readSource, type Workspace } from './workspace';

export interface SessionFigures {
  keystrokes: number;
  shown: number;
  staleShown: number;
  /** Shown suggestions whose first character the user typed next. */
  typedThrough: number;
  /** Shown suggestions the user typed in full. */
  typedInFull: number;
  /**
   * Typing pauses (≥ PAUSE_MS after a keystroke): how long after the keystroke the first ghost
   * text showed (ms), for the pauses where one showed before the next keystroke.
   */
  pauses: number;
  pauseLatencies: number[];
  /** Requests sampled for the baseline: the request and the ring's chunks at that keystroke. */
  samples: { request: CompletionRequest; chunks: { filePath: string; text: string }[] }[];
}

interface Watch { text: string; typed: string; counted: boolean }

/** A gap at least this long after a keystroke is a typing pause (the user waits for ghost text). */
export const PAUSE_MS = 300;

export async function replaySession(opts: {
  replays: Replay[]; scheduler: CompletionScheduler; chunks: ContextChunks; chunkBudget: number; clock: WarpClock;
  workspace: Workspace; rand: () => number; viewsPerHunk: number; sampleEvery: number;
  onDocument: (doc: ReplayDocument) => void;
}): Promise<SessionFigures> {
  const { scheduler, chunks, clock, rand } = opts;
  const figures: SessionFigures = { keystrokes: 0, shown: 0, staleShown: 0, typedThrough: 0, typedInFull: 0, pauses: 0, pauseLatencies: [], samples: [] };
  const inFlight = new Set<Promise<void>>();
  let previous: AbortController | undefined;
  let watches: Watch[] = [];
  let doc: ReplayDocument | undefined;

  const shown = (s: Suggestion, current: ReplayDocument) => {
    figures.shown++;
    const now = current.request(s.request.timestamp ?? 0);
    if (s.request.documentVersion !== current.version || s.request.filePath !== current.filePath
      || s.request.prefix !== now.prefix || s.request.suffix !== now.suffix) figures.staleShown++;
    else watches.push({ text: s.text, typed: '', counted: false });
  };

  const keystroke = (current: ReplayDocument, typed: string | undefined, gapAfterMs: number) => {
    figures.keystrokes++;
    const pause = gapAfterMs >= PAUSE_MS;
    if (pause) figures.pauses++;
    // What was typed against the suggestions on screen.
    watches = typed === undefined ? [] : watches.filter((w) => {
      w.typed += typed;
      if (!(w.text.startsWith(w.typed) || w.typed.startsWith(w.text))) return false;
      if (!w.counted) { w.counted = true; figures.typedThrough++; }
      if (w.typed.length >= w.text.length) { figures.typedInFull++; return false; }
      return true;
    });
    chunks.addAround(current.filePath, current.text, current.cursorLine, 'edit');
    previous?.abort();
    const controller = new AbortController();
    previous = controller;
    const typedAt = clock.now();
    const request = current.request(typedAt);
    if (figures.keystrokes % opts.sampleEvery === 0) {
      figures.samples.push({ request, chunks: chunks.pick(opts.chunkBudget, request.filePath).map((c) => ({ filePath: c.filePath, text: c.text })) });
    }
    const p = scheduler.request(request, controller.signal).then((s) => {
      if (s && !controller.signal.aborted && doc) {
        shown(s, doc);
        if (pause) figures.pauseLatencies.push(clock.now() - typedAt);
      }
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  for (const replay of opts.replays) {
    // Switching files: a few other workspace files were looked at on the way.
    for (let i = 0; i < opts.viewsPerHunk; i++) {
      const rel = opts.workspace.files[Math.floor(rand() * opts.workspace.files.length)];
      const text = readSource(opts.workspace.root, rel);
      if (text) chunks.addAround(rel, text, Math.floor(rand() * text.split('\n').length), 'view');
    }
    previous?.abort();
    watches = [];
    doc = new ReplayDocument(replay.hunk.path, replay.languageId, replay.original, replay.offset);
    opts.onDocument(doc);
    chunks.addAround(doc.filePath, doc.text, doc.cursorLine, 'view');
    await clock.advance(1500 + Math.round(rand() * 1500));
    if (replay.deleteChars > 0) {
      doc.delete(replay.deleteChars);
      const gap = 300 + Math.round(rand() * 500);
      keystroke(doc, undefined, gap);
      await clock.advance(gap);
    }
    for (const k of keystrokes(replay.text, rand)) {
      doc.insert(k.text);
      keystroke(doc, k.text, k.gapMs);
      await clock.advance(k.gapMs);
    }
  }
  await clock.advance(3000);
  await Promise.all([...inFlight]);
  return figures;
}
