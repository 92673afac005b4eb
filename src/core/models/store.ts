// Where downloaded models live (the extension's global storage folder), and which model is current.
import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserFacingError, type ErrorAction } from '../errors';
import type { Logger } from '../log';
import { findEntry, type Catalog, type CatalogEntry } from './catalog';
import { downloadModel, partPathFor, type DownloadOptions, type DownloadOutcome } from './download';
import { errnoCode } from './downloadErrors';
import { checkGgufHeader, describeGgufProblem, readHead } from './ggufHeader';
import type { ProgressCallback } from './progress';

export interface DownloadedModel {
  path: string;
  sizeBytes: number;
  /** The catalog entry, when the file is one Tiered downloaded from the catalog. */
  entry?: CatalogEntry;
}

export interface PartialDownload {
  entry: CatalogEntry;
  partPath: string;
  receivedBytes: number;
}

/** The model the local tier should load, and where that choice came from. */
export type CurrentModel =
  | { source: 'setting'; path: string }
  | { source: 'catalog'; path: string; entry?: CatalogEntry }
  | { source: 'none'; reason: 'nothing-chosen' | 'chosen-not-downloaded'; chosen?: CatalogEntry; partialBytes?: number };

export interface CurrentModelInput {
  /** The `tiered.local.modelPath` setting ('' when unset). */
  modelPath: string;
  /** The catalog id the user chose in "Tiered: Choose Local Model" (kept by the adapter in globalState). */
  chosenId?: string;
}

const CHOOSE_MODEL: ErrorAction = { title: 'Choose Local Model', command: 'tiered.chooseLocalModel' };

export class ModelStore {
  private readonly inFlight = new Set<string>();

  /** @param storageDir the extension's global storage folder (`context.globalStorageUri.fsPath`). */
  /** `fetchImpl`: the egress record's tapped fetch (every download is on record). */
  constructor(readonly storageDir: string, readonly catalog: Catalog, private readonly fetchImpl?: typeof fetch) {}

  get modelsDir(): string {
    return path.join(this.storageDir, 'models');
  }

  /** Where a catalog model is (or will be) on disk. */
  pathFor(entry: Pick<CatalogEntry, 'id'>): string {
    return path.join(this.modelsDir, `${entry.id}.gguf`);
  }

  /** The complete model files in the store (a file is only renamed into place once verified). */
  async listDownloaded(): Promise<DownloadedModel[]> {
    const models: DownloadedModel[] = [];
    for (const name of await this.fileNames()) {
      if (!name.endsWith('.gguf')) continue;
      const file = path.join(this.modelsDir, name);
      const stats = await fs.stat(file).catch(() => undefined);
      if (!stats?.isFile()) continue;
      models.push({ path: file, sizeBytes: stats.size, entry: findEntry(this.catalog, name.slice(0, -'.gguf'.length)) });
    }
    return models;
  }

  /** Catalog downloads that were cancelled or interrupted, which a new download resumes. */
  async listPartial(): Promise<PartialDownload[]> {
    const partial: PartialDownload[] = [];
    for (const name of await this.fileNames()) {
      const entry = name.endsWith('.gguf.part') ? findEntry(this.catalog, name.slice(0, -'.gguf.part'.length)) : undefined;
      if (!entry) continue;
      const stats = await fs.stat(path.join(this.modelsDir, name)).catch(() => undefined);
      if (stats?.isFile()) partial.push({ entry, partPath: path.join(this.modelsDir, name), receivedBytes: stats.size });
    }
    return partial;
  }

  async isDownloaded(entry: Pick<CatalogEntry, 'id'>): Promise<boolean> {
    return (await fs.stat(this.pathFor(entry)).catch(() => undefined))?.isFile() === true;
  }

  /** Deletes a catalog model and any partial download of it. */
  async delete(entry: Pick<CatalogEntry, 'id'>): Promise<void> {
    await fs.rm(this.pathFor(entry), { force: true });
    await fs.rm(partPathFor(this.pathFor(entry)), { force: true });
  }

  /**
   * The options to download a catalog entry into the store: its exact size and SHA-256 are
   * always enforced (the catalog refuses entries without them).
   */
  downloadOptions(entry: CatalogEntry, signal: AbortSignal, onProgress?: ProgressCallback, logger?: Logger): DownloadOptions {
    return {
      url: entry.url,
      dest: this.pathFor(entry),
      expectedSize: entry.sizeBytes,
      sha256: entry.sha256,
      label: entry.label,
      signal,
      onProgress,
      ...(this.fetchImpl ? { fetchImpl: this.fetchImpl } : {}),
      logger,
    };
  }

  /**
   * Downloads (or resumes) a catalog entry into the store. See downloadModel for the outcome and
   * errors. A second download of the same entry while one runs is refused (they would share the part).
   */
  async download(entry: CatalogEntry, signal: AbortSignal, onProgress?: ProgressCallback, logger?: Logger): Promise<DownloadOutcome> {
    if (this.inFlight.has(entry.id)) {
      throw new UserFacingError(`${entry.label} is already being downloaded; see the progress notification.`, [], 'download-in-progress');
    }
    this.inFlight.add(entry.id);
    try {
      return await downloadModel(this.downloadOptions(entry, signal, onProgress, logger));
    } finally {
      this.inFlight.delete(entry.id);
    }
  }

  /** Catalog ids being downloaded right now. */
  isDownloading(entry: Pick<CatalogEntry, 'id'>): boolean {
    return this.inFlight.has(entry.id);
  }

  /**
   * Which model to load, in this order: the `tiered.local.modelPath` setting when set (the file must
   * exist and be a GGUF model, else a UserFacingError naming the path); else the chosen catalog
   * model when it is downloaded; else none (the adapter may then offer the recommended download
   * once, see shouldOfferDownload).
   */
  async resolveCurrent(input: CurrentModelInput): Promise<CurrentModel> {
    const setting = input.modelPath.trim();
    if (setting !== '') return { source: 'setting', path: await checkModelFile(expandHome(setting)) };
    if (!input.chosenId) return { source: 'none', reason: 'nothing-chosen' };
    const entry = findEntry(this.catalog, input.chosenId);
    const file = this.pathFor({ id: input.chosenId });
    if ((await fs.stat(file).catch(() => undefined))?.isFile()) return { source: 'catalog', path: file, entry };
    if (!entry) return { source: 'none', reason: 'nothing-chosen' };
    const partialBytes = (await fs.stat(partPathFor(file)).catch(() => undefined))?.size;
    return { source: 'none', reason: 'chosen-not-downloaded', chosen: entry, partialBytes };
  }

  private async fileNames(): Promise<string[]> {
    try {
      return await fs.readdir(this.modelsDir);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return [];
      throw error;
    }
  }
}

/** `~/x` → the home folder's x. */
export function expandHome(filePath: string, home = os.homedir()): string {
  return filePath === '~' || filePath.startsWith('~/') || filePath.startsWith('~\\') ? path.join(home, filePath.slice(1)) : filePath;
}

/**
 * Checks that a model file the user pointed at exists and starts like a GGUF model llama.cpp can
 * load. Returns the absolute path; throws a UserFacingError naming the file and what to do.
 */
export async function checkModelFile(filePath: string): Promise<string> {
  const fix = 'Fix tiered.local.modelPath, or clear it to use a model from "Tiered: Choose Local Model".';
  if (!path.isAbsolute(filePath)) {
    throw new UserFacingError(`tiered.local.modelPath must be an absolute path to a .gguf file; "${filePath}" is not. ${fix}`, [CHOOSE_MODEL], 'model-path-invalid');
  }
  let stats: Stats;
  try {
    stats = await fs.stat(filePath);
  } catch (error) {
    const code = errnoCode(error);
    const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'which does not exist' : `which cannot be read (${code ?? String(error)})`;
    throw new UserFacingError(`tiered.local.modelPath points at ${filePath}, ${why}. ${fix}`, [CHOOSE_MODEL], 'model-path-missing');
  }
  if (!stats.isFile()) {
    throw new UserFacingError(`tiered.local.modelPath points at ${filePath}, which is a folder, not a .gguf file. ${fix}`, [CHOOSE_MODEL], 'model-path-invalid');
  }
  const head = await readHead(filePath).catch((error: unknown) => {
    throw new UserFacingError(`Could not read ${filePath} (${errnoCode(error) ?? String(error)}). ${fix}`, [CHOOSE_MODEL], 'model-path-invalid');
  });
  const header = checkGgufHeader(head);
  if (!header.ok) {
    throw new UserFacingError(`${describeGgufProblem(header, filePath)} ${fix}`, [CHOOSE_MODEL], 'model-path-invalid');
  }
  return filePath;
}
