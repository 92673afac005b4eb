// The ledger's files in the extension's global storage folder: one JSON Lines file per month
// (ledger-2026-11.jsonl). The only module of the ledger that touches the disk.
//
// - Appends are cheap: lines go to an in-memory queue and are written with one
//   fs.appendFile per batch (whatever queued while the previous write was in flight). The
//   caller never waits; `flush()` resolves when everything queued is on disk.
// - Loading survives damage: a line that is not a valid ledger line (garbage, a whole non-JSON
//   file, a line cut off by a crash mid-write) is skipped with a warning and counted; every
//   other line is kept. The damaged file is then rewritten atomically (temp file + fsync +
//   rename) with only the good lines, and the bad lines are preserved next to it in
//   ledger-YYYY-MM.corrupt.txt, so nothing is thrown away and the next append starts on a
//   clean line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
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
        text = await fs.promises.readFile(file, 'utf8');
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
      if (bad.length || !endsClean) {
        await this.repair(file, good, bad);
        report.repairedFiles.push(path.basename(file));
        const parts: string[] = [];
        if (bad.length - (truncated ? 1 : 0) > 0) parts.push(`skipped ${bad.length - (truncated ? 1 : 0)} unreadable line(s)`);
        if (truncated) parts.push('set aside a last line cut off mid-write (Tiered probably stopped while writing)');
        if (parts.length) this.logger.warn(`Usage ledger ${path.basename(file)}: ${parts.join('; ')}. Kept ${good.length} good line(s); the damaged text is preserved in ${path.basename(corruptFile(file))}.`);
      }
    }
    return { lines, report };
  }

  private async repair(file: string, good: string[], bad: string[]): Promise<void> {
    try {
      if (bad.length) await fs.promises.appendFile(corruptFile(file), bad.map((l) => `${l}\n`).join(''));
      await writeAtomic(file, good.map((l) => `${l}\n`).join(''));
    } catch (e) {
      this.logger.warn(`Usage ledger: could not repair ${path.basename(file)} (${(e as Error).message}); new usage is still recorded.`);
    }
  }

  /** Queues one line for the month's file. Returns at once; the write happens in the background. */
  append(month: string, line: string): void {
    let q = this.pending.get(month);
    if (!q) this.pending.set(month, (q = []));
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

/** Writes a file so that readers see the old or the new content, never a mix. */
export async function writeAtomic(file: string, content: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fh = await fs.promises.open(tmp, 'w');
  try {
    await fh.writeFile(content);
    await fh.datasync();
  } finally {
    await fh.close();
  }
  try {
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}
