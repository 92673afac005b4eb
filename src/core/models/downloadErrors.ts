// What a model download tells the user when it fails: what happened and what to do.
import { UserFacingError } from '../errors';

export type DownloadErrorCode =
  | 'model-not-found' | 'http-error' | 'offline' | 'interrupted' | 'disk-full'
  | 'checksum-mismatch' | 'size-mismatch' | 'not-gguf' | 'write-failed';

/** Failures after which running the same download again continues from the kept `.part` file. */
const RESUMABLE: readonly DownloadErrorCode[] = ['http-error', 'offline', 'interrupted', 'disk-full'];

export class DownloadError extends UserFacingError {
  constructor(message: string, readonly downloadCode: DownloadErrorCode, options?: { cause?: unknown }) {
    super(message, [], downloadCode, options);
    this.name = 'DownloadError';
  }
  /** True when the partial download was kept and running the download again resumes it. */
  get resumable(): boolean {
    return RESUMABLE.includes(this.downloadCode);
  }
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

export const downloadErrors = {
  gone: (label: string, url: string, status: number) => new DownloadError(
    `The model ${label} is no longer at ${url} (HTTP ${status}). Choose another model in "Tiered: Choose Local Model", or update Tiered for a newer catalog.`,
    'model-not-found'),
  http: (label: string, url: string, status: number) => new DownloadError(
    `The download server answered HTTP ${status} for ${label} (${url}). Try again later; the part already downloaded is kept and the download will resume.`,
    'http-error'),
  offline: (label: string, url: string, reason: string, cause: unknown) => new DownloadError(
    `Could not reach ${hostOf(url)} to download ${label} (${reason}). Check the internet connection or proxy, then try again; the download will resume where it stopped.`,
    'offline', { cause }),
  interrupted: (label: string, received: number, total: number | undefined, cause?: unknown) => new DownloadError(
    `The download of ${label} was interrupted after ${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''} (the connection was lost). Run it again to resume from there.`,
    'interrupted', { cause }),
  diskFull: (label: string, dir: string, neededBytes: number, freeBytes: number | undefined, cause?: unknown) => new DownloadError(
    `Not enough disk space for ${label}: it needs ${formatBytes(neededBytes)} more in ${dir}${freeBytes === undefined ? '' : ` (${formatBytes(freeBytes)} free)`}. Free some space and try again; the part already downloaded is kept.`,
    'disk-full', { cause }),
  write: (label: string, file: string, reason: string, cause: unknown) => new DownloadError(
    `Could not write ${label} to ${file} (${reason}). Check that the folder is writable, then try again.`,
    'write-failed', { cause }),
  checksum: (label: string) => new DownloadError(
    `The downloaded file for ${label} is damaged (its SHA-256 checksum does not match), so it was deleted. Download it again.`,
    'checksum-mismatch'),
  size: (label: string, got: number, expected: number) => new DownloadError(
    `The file for ${label} has ${got} bytes instead of the expected ${expected}, so it was not kept. Download it again; if this repeats, the model file has changed upstream: update Tiered or choose another model.`,
    'size-mismatch'),
  notGguf: (url: string, detail: string) => new DownloadError(
    `${detail} It was downloaded from ${url} and has been deleted. Choose another model, or point tiered.local.modelPath at a .gguf file.`,
    'not-gguf'),
};

function hostOf(url: string): string {
  try { return new URL(url).host; } catch { return url; }
}

/** The short reason of a network error from fetch (its `cause.code`, e.g. ECONNREFUSED, ENOTFOUND). */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
