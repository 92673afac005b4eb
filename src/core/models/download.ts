// Downloads a model file: into `dest.part`, resuming with an HTTP Range request, cancellable
// (the part is kept), verified (size, SHA-256, GGUF header), then renamed to `dest` in one step.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from '../log';
import { DownloadError, downloadErrors, errnoCode, networkReason } from './downloadErrors';
import { checkGgufHeader, describeGgufProblem, readHead } from './ggufHeader';
import { ProgressMeter, type ProgressCallback } from './progress';

export interface DownloadOptions {
  url: string;
  /** Final path of the model file; the download goes to `dest + '.part'` until verified. */
  dest: string;
  expectedSize?: number;
  /** Lowercase hex SHA-256 of the whole file; hashed while streaming (a resumed part included). */
  sha256?: string;
  signal: AbortSignal;
  /** At most ~10 calls a second, and one at the end. `total` is undefined when the server does not say. */
  onProgress?: ProgressCallback;
  /** Name of the model in messages; defaults to the file name. */
  label?: string;
  fetchImpl?: typeof fetch;
  /** Bytes free on the disk holding `dir`; undefined when unknown. Defaults to statfs. */
  freeDiskBytes?: (dir: string) => Promise<number | undefined>;
  logger?: Logger;
}

export type DownloadOutcome =
  | { status: 'done'; path: string; bytes: number; sha256?: string; resumedFrom: number }
  | { status: 'cancelled'; partPath: string; receivedBytes: number; totalBytes?: number };

/** Restarts from zero allowed in one call (a server ignoring Range, an invalid part). Not a retry loop. */
const MAX_RESTARTS = 2;

export function partPathFor(dest: string): string {
  return `${dest}.part`;
}

/**
 * Downloads `url` to `dest`. Resolves `{ status: 'done' }` with the verified file in place, or
 * `{ status: 'cancelled' }` when `signal` aborts (the `.part` is kept for a later resume). Every
 * failure is a DownloadError (a UserFacingError) saying what to do; `resumable` tells whether the
 * part was kept.
 */
export async function downloadModel(options: DownloadOptions): Promise<DownloadOutcome> {
  await fs.mkdir(path.dirname(options.dest), { recursive: true });
  return new Download(options).run(MAX_RESTARTS);
}

class Download {
  private readonly part: string;
  private readonly label: string;
  private readonly fetch: typeof fetch;
  private resumedFrom = 0;

  constructor(private readonly o: DownloadOptions) {
    this.part = partPathFor(o.dest);
    this.label = o.label ?? path.basename(o.dest);
    this.fetch = o.fetchImpl ?? globalThis.fetch;
  }

  async run(restartsLeft: number): Promise<DownloadOutcome> {
    let have = await fileSize(this.part);
    if (this.o.signal.aborted) return this.cancelled(have, this.o.expectedSize);
    const expected = this.o.expectedSize;
    if (expected !== undefined && have > expected) {
      this.o.logger?.warn(`Discarding ${this.part}: ${have} bytes, more than the expected ${expected}.`);
      await removeFile(this.part);
      have = 0;
    }
    // A part of exactly the expected size needs no network: verify it.
    if (expected !== undefined && have === expected && have > 0) return this.finish(have, undefined);
    this.resumedFrom = have;

    const response = await this.request(have);
    if (response === 'cancelled') return this.cancelled(have, expected);
    const status = response.status;

    if (status === 416) {
      await discard(response);
      const total = parseUnsatisfiedRange(response.headers.get('content-range'));
      if (have > 0 && (total === undefined || total === have)) return this.finish(have, undefined);
      return this.restart(restartsLeft, `the server refused the range bytes=${have}- (${total ?? 'unknown'} bytes in all)`);
    }
    if (status === 206) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (!range || range.start !== have) {
        await discard(response);
        return this.restart(restartsLeft, `the server sent a different range (${response.headers.get('content-range')})`);
      }
      return this.receive(response, have, range.total ?? expected);
    }
    if (status === 200) {
      if (have > 0) this.o.logger?.info(`The server ignored the Range request for ${this.label}; downloading it from the start.`);
      this.resumedFrom = 0;
      return this.receive(response, 0, contentLength(response) ?? expected);
    }
    await discard(response);
    if (status === 404 || status === 403 || status === 410 || status === 401) throw downloadErrors.gone(this.label, this.o.url, status);
    throw downloadErrors.http(this.label, this.o.url, status);
  }

  private async restart(restartsLeft: number, why: string): Promise<DownloadOutcome> {
    this.o.logger?.warn(`Restarting the download of ${this.label} from zero: ${why}.`);
    await removeFile(this.part);
    if (restartsLeft <= 0) throw downloadErrors.http(this.label, this.o.url, 416);
    return this.run(restartsLeft - 1);
  }

  private async request(from: number): Promise<Response | 'cancelled'> {
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (from > 0) headers.range = `bytes=${from}-`;
    try {
      const response = await this.fetch(this.o.url, { headers, signal: this.o.signal, redirect: 'follow' });
      if (response.redirected) this.o.logger?.debug(`Download of ${this.label} redirected to ${new URL(response.url).host}.`);
      return response;
    } catch (error) {
      if (this.o.signal.aborted) return 'cancelled';
      throw downloadErrors.offline(this.label, this.o.url, networkReason(error), error);
    }
  }

  /** Streams the body into the part file, starting at `start` (0 truncates the part). */
  private async receive(response: Response, start: number, total: number | undefined): Promise<DownloadOutcome> {
    if (!response.body) throw downloadErrors.interrupted(this.label, start, total);
    const expected = this.o.expectedSize;
    if (expected !== undefined && total !== undefined && total !== expected) {
      // The file upstream is not the one the catalog describes: do not download it.
      await discard(response);
      await removeFile(this.part);
      throw downloadErrors.size(this.label, total, expected);
    }
    const dir = path.dirname(this.o.dest);
    if (total !== undefined) {
      const free = await (this.o.freeDiskBytes ?? statfsFree)(dir);
      if (free !== undefined && free < total - start) {
        await discard(response);
        throw downloadErrors.diskFull(this.label, dir, total - start, free);
      }
    }
    const hash = this.o.sha256 ? createHash('sha256') : undefined;
    if (hash && start > 0 && !(await this.hashExisting(hash, start))) return this.cancelled(start, total);

    const meter = new ProgressMeter(this.o.onProgress, start, total);
    const file = await fs.open(this.part, start > 0 ? 'a' : 'w');
    let received = start;
    let writeError: unknown;
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        try {
          await file.write(chunk);
        } catch (error) {
          writeError = error;
          break; // Leaving the loop cancels the body.
        }
        hash?.update(chunk);
        received += chunk.byteLength;
        meter.update(received);
      }
    } catch (error) {
      await file.close().catch(() => undefined);
      if (this.o.signal.aborted) {
        meter.finish(received);
        return this.cancelled(received, total);
      }
      throw downloadErrors.interrupted(this.label, received, total, error);
    }
    if (writeError !== undefined) {
      await file.close().catch(() => undefined);
      if (errnoCode(writeError) === 'ENOSPC') throw downloadErrors.diskFull(this.label, dir, (total ?? received) - received, undefined, writeError);
      throw downloadErrors.write(this.label, this.part, errnoCode(writeError) ?? String(writeError), writeError);
    }
    await file.close();
    meter.finish(received);
    if (total !== undefined && received < total) throw downloadErrors.interrupted(this.label, received, total);
    return this.finish(received, hash?.digest('hex'));
  }

  /** Feeds the bytes already in the part into the hash; false when cancelled meanwhile. */
  private async hashExisting(hash: Hash, length: number): Promise<boolean> {
    try {
      for await (const chunk of createReadStream(this.part, { start: 0, end: length - 1, signal: this.o.signal })) hash.update(chunk as Buffer);
      return true;
    } catch (error) {
      if (this.o.signal.aborted) return false;
      throw error;
    }
  }

  /** Verifies the complete part (size, GGUF header, SHA-256) and moves it to `dest`. */
  private async finish(size: number, digest: string | undefined): Promise<DownloadOutcome> {
    const expected = this.o.expectedSize;
    if (expected !== undefined && size !== expected) {
      if (size < expected) throw downloadErrors.interrupted(this.label, size, expected);
      await removeFile(this.part);
      throw downloadErrors.size(this.label, size, expected);
    }
    const header = checkGgufHeader(await readHead(this.part));
    if (!header.ok) {
      await removeFile(this.part);
      throw downloadErrors.notGguf(this.o.url, describeGgufProblem(header, `The file downloaded for ${this.label}`));
    }
    if (this.o.sha256) {
      const actual = digest ?? (await hashFile(this.part, this.o.signal));
      if (actual === undefined) return this.cancelled(size, expected);
      if (actual !== this.o.sha256.toLowerCase()) {
        await removeFile(this.part);
        throw downloadErrors.checksum(this.label);
      }
      digest = actual;
    }
    await fs.rename(this.part, this.o.dest);
    this.o.logger?.info(`Downloaded ${this.label} to ${this.o.dest} (${size} bytes${this.resumedFrom > 0 ? `, resumed from ${this.resumedFrom}` : ''}).`);
    return { status: 'done', path: this.o.dest, bytes: size, sha256: digest, resumedFrom: this.resumedFrom };
  }

  private cancelled(received: number, total: number | undefined): DownloadOutcome {
    this.o.logger?.info(`Download of ${this.label} cancelled after ${received} bytes; ${this.part} is kept for a resume.`);
    return { status: 'cancelled', partPath: this.part, receivedBytes: received, totalBytes: total };
  }
}

/** `bytes START-END/TOTAL` (TOTAL may be `*`). */
export function parseContentRange(value: string | null): { start: number; end: number; total?: number } | undefined {
  const match = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(value?.trim() ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), total: match[3] === '*' ? undefined : Number(match[3]) };
}

/** The total size in a 416's `bytes * /TOTAL`. */
export function parseUnsatisfiedRange(value: string | null): number | undefined {
  const match = /^bytes\s+\*\/(\d+)$/i.exec(value?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}

function contentLength(response: Response): number | undefined {
  const value = response.headers.get('content-length');
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return 0;
    throw error;
  }
}

async function removeFile(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

async function statfsFree(dir: string): Promise<number | undefined> {
  try {
    const stats = await fs.statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/** SHA-256 of a whole file, or undefined when cancelled. */
export async function hashFile(file: string, signal?: AbortSignal): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  } catch (error) {
    if (signal?.aborted) return undefined;
    throw error;
  }
  return hash.digest('hex');
}

export { DownloadError };
