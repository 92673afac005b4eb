// The ledger's files in the extension's global storage folder: one JSON Lines file per month
// (ledger-2026-11.jsonl). The only module of the ledger that touches the disk.
//
// Several windows append to the same file at once, so the file is append-only: nothing ever
// rewrites it (a rewrite, even an atomic one, loses whatever another window appended meanwhile).
// - Appends are cheap: lines go to an in-memory queue and are written with one
//   fs.appendFile (O_APPEND) per batch. Each batch starts with a newline, so a line cut off by a
//   crash — in this window or another — is always ended before the next line (blank lines are
//   skipped). The caller never waits; `flush()` resolves when everything queued is on disk.
// - Loading survives damage: a line that is not a valid ledger line (garbage, a whole non-JSON
//   file, a line cut off by a crash mid-write) is skipped and counted; every other line is kept.
//   Damaged lines are copied (once) to ledger-YYYY-MM.corrupt.txt beside it, and warned about
//   once; the ledger itself is left as it is.
// - `readNewSync` reads what other windows appended since the last read (the budget decides on
//   every window's spend, not just its own).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../log';
import { type LedgerLine, ledgerFileName, parseLedgerLine } from './ledgerRecord';

export interface LoadReport {
  files: number;
  lines: number;
  /** Lines that could not be read (garbage, wrong shape). */
  skippedLines: number;
  /** Last lines cut off mid-write (counted apart from skippedLines). */
  truncatedLines: number;
  /** Files rewritten without their damaged lines. */
  repairedFiles: string[];
}

export class LedgerStore {
  private pending = new Map<string, string[]>();
  /** Per file: the byte offset up to which lines were read (load, readNewSync). */
  private readonly offsets = new Map<string, number>();
  private draining: Promise<void> | undefined;
  private readonly touched = new Set<string>();
  private failing = false;

  constructor(readonly dir: string, private readonly logger: Logger) {}

  fileFor(month: string): string {
    return path.join(this.dir, ledgerFileName(month));
  }

  /** Reads the given months' files (missing ones are empty), repairing damaged ones. */
  async load(months: readonly string[]): Promise<{ lines: LedgerLine[]; report: LoadReport }> {
    try {
      await fs.promises.mkdir(this.dir, { recursive: true });
    } catch (e) {
      this.logger.warn(`Usage ledger: cannot use ${this.dir} (${(e as Error).message}); usage is counted in memory only.`);
    }
    const report: LoadReport = { files: 0, lines: 0, skippedLines: 0, truncatedLines: 0, repairedFiles: [] };
    const lines: LedgerLine[] = [];
    for (const month of months) {
      const file = this.fileFor(month);
      let text: string;
      try {
        const bytes = await fs.promises.readFile(file);
        // A last line without its newline is read again later unless it is already complete
        // (another window may be writing it right now).
        const end = bytes.lastIndexOf(0x0a) + 1;
        const tail = bytes.subarray(end).toString('utf8');
        this.offsets.set(file, tail.trim() && parseLedgerLine(tail) ? bytes.length : end);
        text = bytes.toString('utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn(`Usage ledger: could not read ${path.basename(file)} (${(e as Error).message}); its usage is not counted.`);
        continue;
      }
      report.files++;
      const endsClean = text.length === 0 || text.endsWith('\n');
      const raw = text.split('\n');
      const good: string[] = [];
      const bad: string[] = [];
      let truncated = false;
      raw.forEach((rawLine, i) => {
        if (!rawLine.trim()) return;
        const line = parseLedgerLine(rawLine);
        if (line) { lines.push(line); good.push(rawLine); return; }
        bad.push(rawLine);
        if (i === raw.length - 1 && !endsClean) truncated = true; else report.skippedLines++;
      });
      if (truncated) report.truncatedLines++;
      report.lines += good.length;
      if (bad.length && await this.setAside(file, bad)) {
        report.repairedFiles.push(path.basename(file));
        const parts: string[] = [];
        if (bad.length - (truncated ? 1 : 0) > 0) parts.push(`skipped ${bad.length - (truncated ? 1 : 0)} unreadable line(s)`);
        if (truncated) parts.push('set aside a last line cut off mid-write (Tiered probably stopped while writing)');
        if (parts.length) this.logger.warn(`Usage ledger ${path.basename(file)}: ${parts.join('; ')}. Kept ${good.length} good line(s); the damaged text is copied to ${path.basename(corruptFile(file))}.`);
      }
    }
    return { lines, report };
  }

  /** Copies damaged lines not copied before to the .corrupt.txt file; true if any was new. */
  private async setAside(file: string, bad: string[]): Promise<boolean> {
    try {
      const known = new Set((await fs.promises.readFile(corruptFile(file), 'utf8').catch(() => '')).split('\n'));
      const fresh = bad.filter((l) => !known.has(l));
      if (fresh.length) await fs.promises.appendFile(corruptFile(file), fresh.map((l) => `${l}\n`).join(''));
      return fresh.length > 0;
    } catch (e) {
      this.logger.warn(`Usage ledger: could not keep the damaged lines of ${path.basename(file)} (${(e as Error).message}); they are skipped.`);
      return true;
    }
  }

  /**
   * The complete lines appended to the month's file since the last load or read (by any window),
   * parsed; damaged ones skipped. Synchronous: the budget reads it right before deciding.
   */
  readNewSync(month: string): LedgerLine[] {
    const file = this.fileFor(month);
    let fd: number;
    try { fd = fs.openSync(file, 'r'); } catch { return []; }
    try {
      const from = this.offsets.get(file) ?? 0;
      const size = fs.fstatSync(fd).size;
      if (size <= from) return [];
      const buf = Buffer.alloc(size - from);
      const got = fs.readSync(fd, buf, 0, buf.length, from);
      const end = buf.subarray(0, got).lastIndexOf(0x0a) + 1;
      if (end === 0) return [];
      this.offsets.set(file, from + end);
      const out: LedgerLine[] = [];
      for (const raw of buf.subarray(0, end).toString('utf8').split('\n')) {
        const line = raw.trim() ? parseLedgerLine(raw) : undefined;
        if (line) out.push(line);
      }
      return out;
    } catch {
      return [];
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Queues one line for the month's file. Returns at once; the write happens in the background. */
  append(month: string, line: string): void {
    let q = this.pending.get(month);
    if (!q) this.pending.set(month, (q = []));
    if (!q.length) q.push('\n'); // ends a line another writer may have left cut off
    q.push(`${line}\n`);
    if (!this.draining && !this.failing) this.draining = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.size) {
        const batch = this.pending;
        this.pending = new Map();
        for (const [month, chunks] of batch) {
          const file = this.fileFor(month);
          try {
            await fs.promises.appendFile(file, chunks.join(''));
            this.touched.add(file);
          } catch (e) {
            // Keep the lines (in order) for the next attempt; do not spin on a broken disk.
            this.requeue(batch, month);
            this.failing = true;
            this.logger.error(`Usage ledger: could not write ${path.basename(file)}; usage is kept in memory and retried on the next flush`, e);
            return;
          }
          batch.delete(month);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  private requeue(batch: Map<string, string[]>, fromMonth: string): void {
    const rest = new Map<string, string[]>();
    let keep = false;
    for (const [m, chunks] of batch) {
      if (m === fromMonth) keep = true;
      if (keep) rest.set(m, chunks);
    }
    for (const [m, chunks] of this.pending) rest.set(m, [...(rest.get(m) ?? []), ...chunks]);
    this.pending = rest;
  }

  /** Resolves when every queued line is written (retrying after an earlier failure). */
  async flush(options: { sync?: boolean } = {}): Promise<void> {
    this.failing = false;
    if (!this.draining && this.pending.size) this.draining = this.drain();
    while (this.draining) await this.draining;
    if (options.sync) {
      for (const file of this.touched) {
        const fh = await fs.promises.open(file, 'a').catch(() => undefined);
        if (fh) { await fh.datasync().catch(() => undefined); await fh.close(); }
      }
    }
  }
}

function corruptFile(file: string): string {
  return file.replace(/\.jsonl$/, '.corrupt.txt');
}
