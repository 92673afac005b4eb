// A ring buffer of context chunks from other files (recently edited or viewed code, the current
// file's imports, the clipboard), after llama.vscode.
//
// KV-cache stability — the prompt layout is:
//
//   [FIM start token] [chunk 1] [chunk 2] ... [chunk n] [current file header] [prefix window]
//   [suffix token] [suffix window, small] [middle token]
//
// The chunks come first and `pick()` returns them in ring order (oldest first) with a fixed
// token budget, so between two keystrokes they are byte-identical and the model re-evaluates
// only the end of the prefix and the (small) suffix. New chunks wait in a pending queue and enter
// the ring only on `flush()`, which the scheduler calls when the user pauses: the front of the
// prompt then changes at most once per pause, never while typing.

import { pickChunks } from './chunkPick';
import { estimateTokens, fixedCounter, type CountTokens, type TokenCounter } from './types';

export type ChunkSource = 'edit' | 'view' | 'import' | 'clipboard';

export interface ContextChunk {
  filePath: string;
  text: string;
  source: ChunkSource;
  /** First line of the chunk in its file (0-based); 0 for clipboard text. */
  startLine: number;
}

export interface ContextChunksOptions {
  /** Chunks kept in the ring; the oldest is evicted beyond this. */
  maxChunks: number;
  /** Lines per chunk taken around an edit or view. */
  chunkLines: number;
  /** A chunk whose line set is more similar than this (Jaccard) to one in the ring replaces it. */
  similarity: number;
  /** Chunks longer than this are cut (characters). */
  maxChunkChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ContextChunksOptions = { maxChunks: 16, chunkLines: 32, similarity: 0.9, maxChunkChars: 4000 };

interface Entry { chunk: ContextChunk; lines: Set<string> }

export type AddOutcome = 'queued' | 'empty';

/** The lines of `text` around `line` (0-based): `count` lines centred on it, clamped to the file. */
export function linesAround(text: string, line: number, count: number): { text: string; startLine: number } {
  const lines = text.split('\n');
  const { start, end } = chunkWindow(line, lines.length, count);
  return { text: lines.slice(start, end).join('\n'), startLine: start };
}

/** The lines [start, end) of a `count`-line chunk around `line` in a file of `lineCount` lines. */
export function chunkWindow(line: number, lineCount: number, count: number): { start: number; end: number } {
  const start = Math.max(0, Math.min(line - Math.floor(count / 2), lineCount - count));
  return { start, end: Math.min(lineCount, start + count) };
}

/** Line-set Jaccard similarity of two chunks (trimmed, non-empty lines). */
export function chunkSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const line of a) if (b.has(line)) common++;
  return common / (a.size + b.size - common);
}

function lineSet(text: string): Set<string> {
  const set = new Set<string>();
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t) set.add(t);
  }
  return set;
}

export class ContextChunks {
  private readonly options: ContextChunksOptions;
  private ring: Entry[] = [];
  private pending: Entry[] = [];
  private changes = 0;
  private memo?: { key: string; count: CountTokens; chunks: ContextChunk[] };
  private readonly fixed: TokenCounter;

  constructor(options: Partial<ContextChunksOptions> = {}, countTokens: CountTokens = estimateTokens) {
    this.options = { ...DEFAULT_CHUNK_OPTIONS, ...options };
    this.fixed = fixedCounter(countTokens);
  }

  /** Increases each time the ring's content changes (a flush that added or evicted something). */
  get version(): number { return this.changes; }
  get size(): number { return this.ring.length; }
  get pendingCount(): number { return this.pending.length; }
  chunks(): readonly ContextChunk[] { return this.ring.map((e) => e.chunk); }

  /** Lines per chunk taken around an edit or view. */
  get chunkLines(): number { return this.options.chunkLines; }

  /** Queues the lines around `line` of a file the user edited or viewed. */
  addAround(filePath: string, text: string, line: number, source: ChunkSource): AddOutcome {
    const { text: chunkText, startLine } = linesAround(text, line, this.options.chunkLines);
    return this.add({ filePath, text: chunkText, startLine, source });
  }

  /** Queues a chunk; it enters the ring on the next `flush()`. */
  add(chunk: ContextChunk): AddOutcome {
    const text = chunk.text.length > this.options.maxChunkChars ? chunk.text.slice(0, this.options.maxChunkChars) : chunk.text;
    const lines = lineSet(text);
    if (lines.size === 0) return 'empty';
    this.pending = this.pending.filter((p) => chunkSimilarity(p.lines, lines) <= this.options.similarity);
    this.pending.push({ chunk: { ...chunk, text }, lines });
    return 'queued';
  }

  /**
   * Moves queued chunks into the ring: a near-duplicate of a ring chunk replaces it (moving to the
   * newest end), an exact duplicate changes nothing, the oldest are evicted beyond `maxChunks`.
   * Returns true when the ring changed.
   */
  flush(): boolean {
    let changed = false;
    for (const entry of this.pending) {
      const same = this.ring.findIndex((e) => e.chunk.filePath === entry.chunk.filePath && e.chunk.text === entry.chunk.text);
      if (same >= 0) continue;
      this.ring = this.ring.filter((e) => chunkSimilarity(e.lines, entry.lines) <= this.options.similarity);
      this.ring.push(entry);
      changed = true;
    }
    this.pending = [];
    while (this.ring.length > this.options.maxChunks) this.ring.shift();
    if (changed) this.changes++;
    return changed;
  }

  /** Drops every chunk of a file (deleted or excluded from context). */
  removeFile(filePath: string): void {
    const before = this.ring.length;
    this.ring = this.ring.filter((e) => e.chunk.filePath !== filePath);
    this.pending = this.pending.filter((e) => e.chunk.filePath !== filePath);
    if (this.ring.length !== before) this.changes++;
  }

  /**
   * The chunks for a prompt (chunkPick.ts): the newest that fit in `budgetTokens` by `counter`
   * (the prompt builder's calibrated estimate; default: this ring's own count), skipping
   * `excludeFile`, the file being completed; when none fits, the newest cut around its centre.
   * Returned in ring order so the prompt's front stays identical until the ring or the estimate
   * changes. Memoized per ring version and estimate revision.
   */
  pick(budgetTokens: number, excludeFile?: string, counter: TokenCounter = this.fixed): ContextChunk[] {
    const key = `${this.changes}|${budgetTokens}|${excludeFile ?? ''}|${counter.revision}`;
    if (this.memo?.key === key && this.memo.count === counter.count) return this.memo.chunks;
    const newestFirst: ContextChunk[] = [];
    for (let i = this.ring.length - 1; i >= 0; i--) if (this.ring[i].chunk.filePath !== excludeFile) newestFirst.push(this.ring[i].chunk);
    const chunks = pickChunks(newestFirst, budgetTokens, counter.count);
    this.memo = { key, count: counter.count, chunks };
    return chunks;
  }
}
