// The catalog of recommended local models (models/catalog.json): loading, validation, and which
// entries fit this machine's memory. Every entry is pinned: an immutable revision in its URL, the
// exact size and the SHA-256 of that file; a mutable URL (resolve/main) or a missing hash is refused.
import catalogJson from '../../../models/catalog.json';

export type ModelFamily = 'qwen2.5-coder' | 'deepseek-coder' | 'starcoder2' | 'codellama' | 'codestral';
export const MODEL_FAMILIES: readonly ModelFamily[] = ['qwen2.5-coder', 'deepseek-coder', 'starcoder2', 'codellama', 'codestral'];

export interface FimFormat {
  /** The prompt with `{prefix}` and `{suffix}` where the text before and after the cursor go. */
  template: string;
  /** Texts that end a completion. */
  stop: string[];
}

export interface CatalogEntry {
  id: string;
  label: string;
  family: ModelFamily;
  /** Billions of parameters. */
  parameters: number;
  quantization: string;
  /** Where the GGUF file is downloaded from: a Hugging Face `resolve/<40-hex commit>/...` URL. */
  url: string;
  /** The exact size of the file at that commit. */
  sizeBytes: number;
  /** Always false: an entry with a rounded size is not pinned (kept so older catalogs still read). */
  sizeApproximate: boolean;
  /** Lowercase hex SHA-256 of the file at that commit, checked after every download and resume. */
  sha256: string;
  /** f16 KV cache per token of context: 2 * layers * kvHeads * headDim * 2 bytes. */
  kvBytesPerToken: number;
  /** RAM needed at the catalog's default context size: file + KV cache + overhead. */
  memoryBytes: number;
  /** The context length the model was trained for. */
  contextLength: number;
  fim: FimFormat;
  license: { name: string; url: string };
  recommended: boolean;
  /** A smaller catalog model with the same tokenizer, usable as a draft model for speculative decoding. */
  draftModel?: string;
}

export interface Catalog {
  defaultContextSize: number;
  overheadBytes: number;
  models: CatalogEntry[];
}

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`The model catalog is invalid: ${problems.join('; ')}`);
    this.name = 'CatalogError';
  }
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isPositiveInt = (v: unknown): v is number => isPositive(v) && Number.isInteger(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function entryProblems(raw: unknown, index: number): string[] {
  if (!isObject(raw)) return [`models[${index}] is not an object`];
  const at = `model ${isText(raw.id) ? raw.id : `#${index}`}`;
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => { if (!ok) problems.push(`${at}: ${what}`); };
  need(isText(raw.id) && /^[a-z0-9][a-z0-9._-]*$/.test(raw.id), 'id must be lowercase letters, digits, ".", "_" or "-"');
  need(isText(raw.label), 'label is missing');
  need(MODEL_FAMILIES.includes(raw.family as ModelFamily), `family must be one of ${MODEL_FAMILIES.join(', ')}`);
  need(isPositive(raw.parameters), 'parameters must be a positive number (billions)');
  need(isText(raw.quantization), 'quantization is missing');
  need(isText(raw.url) && /^https:\/\/huggingface\.co\/[^/]+\/[^/]+\/resolve\/[0-9a-f]{40}\/[^?#]+\.gguf$/.test(raw.url), 'url must be pinned: https://huggingface.co/<owner>/<repo>/resolve/<40-hex commit>/<file>.gguf (not a branch such as main)');
  need(isPositiveInt(raw.sizeBytes), 'sizeBytes must be a positive whole number');
  need(raw.sizeApproximate === false, 'sizeApproximate must be false: a pinned entry has its exact size');
  need(typeof raw.sha256 === 'string' && /^[0-9a-f]{64}$/.test(raw.sha256), 'sha256 must be 64 lowercase hex digits');
  need(isPositiveInt(raw.kvBytesPerToken), 'kvBytesPerToken must be a positive whole number');
  need(isPositiveInt(raw.memoryBytes), 'memoryBytes must be a positive whole number');
  need(isPositiveInt(raw.contextLength), 'contextLength must be a positive whole number');
  const fim = raw.fim;
  need(isObject(fim) && isText(fim.template) && fim.template.includes('{prefix}') && fim.template.includes('{suffix}'),
    'fim.template must contain {prefix} and {suffix}');
  need(isObject(fim) && Array.isArray(fim.stop) && fim.stop.every(isText), 'fim.stop must be a list of texts');
  need(isObject(raw.license) && isText(raw.license.name) && isText(raw.license.url), 'license needs a name and a url');
  need(typeof raw.recommended === 'boolean', 'recommended must be true or false');
  need(raw.draftModel === undefined || isText(raw.draftModel), 'draftModel must be a model id');
  return problems;
}

/** Checks a parsed catalog and returns it typed; throws a CatalogError listing every problem. */
export function loadCatalog(json: unknown): Catalog {
  if (!isObject(json)) throw new CatalogError(['the catalog is not an object']);
  const problems: string[] = [];
  if (json.version !== 1) problems.push(`unsupported catalog version ${JSON.stringify(json.version)}`);
  if (!isPositiveInt(json.defaultContextSize)) problems.push('defaultContextSize must be a positive whole number');
  if (!isPositiveInt(json.overheadBytes)) problems.push('overheadBytes must be a positive whole number');
  if (!Array.isArray(json.models) || json.models.length === 0) problems.push('models must be a non-empty list');
  const models = Array.isArray(json.models) ? json.models : [];
  models.forEach((m, i) => problems.push(...entryProblems(m, i)));
  if (problems.length > 0) throw new CatalogError(problems);

  const catalog = json as unknown as Catalog;
  const byId = new Map<string, CatalogEntry>();
  for (const m of catalog.models) {
    if (byId.has(m.id)) problems.push(`model ${m.id}: duplicate id`);
    byId.set(m.id, m);
  }
  for (const m of catalog.models) {
    const minimum = estimateMemoryBytes(m, catalog.defaultContextSize, catalog.overheadBytes);
    if (m.memoryBytes < minimum) problems.push(`model ${m.id}: memoryBytes ${m.memoryBytes} is below file + KV cache + overhead (${minimum})`);
    if (m.draftModel === undefined) continue;
    const draft = byId.get(m.draftModel);
    if (!draft) problems.push(`model ${m.id}: draftModel ${m.draftModel} is not in the catalog`);
    else if (draft.family !== m.family || draft.parameters >= m.parameters) problems.push(`model ${m.id}: draftModel ${m.draftModel} must be a smaller model of the same family`);
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return catalog;
}

let builtin: Catalog | undefined;
/** The catalog shipped with Tiered (bundled at build time), validated once. */
export function builtinCatalog(): Catalog {
  builtin ??= loadCatalog(catalogJson);
  return builtin;
}

/** RAM the model needs with a context of `contextSize` tokens: file + f16 KV cache + runtime overhead. */
export function estimateMemoryBytes(entry: Pick<CatalogEntry, 'sizeBytes' | 'kvBytesPerToken'>, contextSize: number, overheadBytes: number): number {
  return entry.sizeBytes + entry.kvBytesPerToken * contextSize + overheadBytes;
}

export function findEntry(catalog: Catalog, id: string): CatalogEntry | undefined {
  return catalog.models.find((m) => m.id === id);
}

export interface ModelFit {
  entry: CatalogEntry;
  /** RAM needed at the catalog's default context. */
  needBytes: number;
  /** Fits the machine, but not the memory free right now: loading it may make the machine swap. */
  tight: boolean;
}

/** A model may use at most this share of total RAM: the editor, language servers and the OS keep the rest. */
export const MAX_SHARE_OF_TOTAL = 0.5;
/** `recommended()` picks a model within this share, so completions stay a background job. */
export const RECOMMENDED_SHARE_OF_TOTAL = 1 / 3;

/**
 * The catalog entries this machine can run. The rule: an entry fits when its memoryBytes is at most
 * half of total RAM. An entry that fits but needs more than the RAM free right now is kept and
 * marked `tight` (free memory changes by the minute; the UI can say "close some apps first").
 * Sorted by recommendation: recommended entries first, then those that are not tight, then larger
 * models (better completions) before smaller ones, then smaller files.
 */
export function modelsThatFit(catalog: Catalog, totalMemBytes: number, freeMemBytes: number): ModelFit[] {
  return catalog.models
    .filter((entry) => entry.memoryBytes <= totalMemBytes * MAX_SHARE_OF_TOTAL)
    .map((entry) => ({ entry, needBytes: entry.memoryBytes, tight: entry.memoryBytes > freeMemBytes }))
    .sort((a, b) =>
      Number(b.entry.recommended) - Number(a.entry.recommended)
      || Number(a.tight) - Number(b.tight)
      || b.entry.parameters - a.entry.parameters
      || a.entry.sizeBytes - b.entry.sizeBytes);
}

/**
 * The one model to offer first: the largest `recommended` entry needing at most a third of total
 * RAM; failing that, the smallest entry that fits (at most half of total RAM); undefined when
 * nothing fits.
 */
export function recommended(catalog: Catalog, totalMemBytes: number): CatalogEntry | undefined {
  const bySize = [...catalog.models].sort((a, b) => a.memoryBytes - b.memoryBytes);
  const comfortable = bySize.filter((m) => m.recommended && m.memoryBytes <= totalMemBytes * RECOMMENDED_SHARE_OF_TOTAL);
  if (comfortable.length > 0) return comfortable[comfortable.length - 1];
  return bySize.find((m) => m.memoryBytes <= totalMemBytes * MAX_SHARE_OF_TOTAL);
}
