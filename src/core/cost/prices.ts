// The price table of the reasoning models (models/prices.json), validated, with the user's
// overrides merged in, and the cost of one request from its token counts.
//
// Usage normalisation (what `Usage` means everywhere in Tiered, see ./usage.ts):
//   inputTokens      uncached input only — it EXCLUDES cache reads and cache writes
//   cacheReadTokens  input served from the prompt cache (priced at cacheRead)
//   cacheWriteTokens input written to the prompt cache (priced at cacheWrite)
//   outputTokens     everything generated, reasoning/thinking tokens INCLUDED
//   reasoningTokens  informational: already inside outputTokens, never billed again
// Anthropic reports usage this way; OpenAI's prompt_tokens includes cached_tokens, so use
// `usageFromOpenAi` to normalise it.
//
// An unknown model's cost is unknown ({ unknown: true }), never zero.
import type { Usage } from '../providers/types';
import builtinTable from '../../../models/prices.json';

export type PricedProvider = 'anthropic' | 'openai' | 'openai-compatible';
export const PRICED_PROVIDERS: readonly PricedProvider[] = ['anthropic', 'openai', 'openai-compatible'];

/** USD per million tokens. */
export interface ModelPrice {
  provider: PricedProvider;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  contextWindow: number;
  /** The model reasons (thinking / reasoning tokens, billed as output). */
  reasoning: boolean;
  aliases?: string[];
}

export interface PriceTable {
  pricesAsOf: string;
  defaults: Partial<Record<PricedProvider, string>>;
  models: Record<string, ModelPrice>;
}

export type Cost = { usd: number } | { unknown: true };

/** What a user may write in settings: model id → some of the prices. */
export type PriceOverrides = Record<string, Partial<ModelPrice>>;

const RATE_KEYS = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;
const isRate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Validates one entry; returns the problems (empty when valid). */
function entryProblems(id: string, e: Partial<ModelPrice>, complete: boolean): string[] {
  const p: string[] = [];
  for (const k of RATE_KEYS) {
    if (e[k] === undefined) { if (complete) p.push(`${id}: ${k} is missing`); continue; }
    if (!isRate(e[k])) p.push(`${id}: ${k} must be a number ≥ 0 (USD per million tokens)`);
  }
  if (e.provider !== undefined && !PRICED_PROVIDERS.includes(e.provider)) p.push(`${id}: provider must be one of ${PRICED_PROVIDERS.join(', ')}`);
  if (complete && e.provider === undefined) p.push(`${id}: provider is missing`);
  if (e.contextWindow !== undefined && !(Number.isInteger(e.contextWindow) && e.contextWindow > 0)) p.push(`${id}: contextWindow must be a positive integer`);
  if (e.reasoning !== undefined && typeof e.reasoning !== 'boolean') p.push(`${id}: reasoning must be true or false`);
  if (e.aliases !== undefined && !(Array.isArray(e.aliases) && e.aliases.every((a) => typeof a === 'string'))) p.push(`${id}: aliases must be a list of strings`);
  return p;
}

/** Validates a parsed price table. Throws with every problem listed if it is unusable. */
export function parsePriceTable(json: unknown): PriceTable {
  const t = json as Partial<PriceTable> | null;
  if (!t || typeof t !== 'object' || !t.models || typeof t.models !== 'object') throw new Error('Price table: "models" is missing');
  const problems: string[] = [];
  const models: Record<string, ModelPrice> = {};
  for (const [id, entry] of Object.entries(t.models)) {
    const p = entryProblems(id, entry, true);
    if (entry.contextWindow === undefined) p.push(`${id}: contextWindow is missing`);
    if (typeof entry.reasoning !== 'boolean') p.push(`${id}: reasoning is missing`);
    problems.push(...p);
    if (!p.length) models[normalizeModelId(id)] = { ...entry };
  }
  const defaults: Partial<Record<PricedProvider, string>> = {};
  for (const [prov, id] of Object.entries(t.defaults ?? {})) {
    if (!PRICED_PROVIDERS.includes(prov as PricedProvider)) problems.push(`defaults: unknown provider ${prov}`);
    else if (typeof id !== 'string' || !models[normalizeModelId(id)]) problems.push(`defaults: ${prov} names an unpriced model ${String(id)}`);
    else defaults[prov as PricedProvider] = normalizeModelId(id);
  }
  if (problems.length) throw new Error(`Price table is invalid:\n${problems.join('\n')}`);
  return { pricesAsOf: typeof t.pricesAsOf === 'string' ? t.pricesAsOf : 'unknown', defaults, models };
}

/**
 * Lowercases and strips what does not change the price: an `owner/` routing prefix
 * (OpenRouter: `anthropic/claude-sonnet-4-5`), a `[1m]` context tag, a `-latest` suffix and a
 * date snapshot (`-20250929`, `-2025-04-16`).
 */
export function normalizeModelId(model: string): string {
  let m = model.trim().toLowerCase();
  const slash = m.lastIndexOf('/');
  if (slash >= 0) m = m.slice(slash + 1);
  m = m.replace(/\[[^\]]*\]$/, '').replace(/-latest$/, '');
  m = m.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, '');
  return m;
}

/** Prices, lookups and costs over one validated table (immutable; overrides make a new one). */
export class PriceBook {
  private readonly aliases = new Map<string, string>();

  constructor(readonly table: PriceTable = builtinPriceTable()) {
    for (const [id, p] of Object.entries(table.models)) {
      this.aliases.set(id, id);
      for (const a of p.aliases ?? []) this.aliases.set(normalizeModelId(a), id);
    }
  }

  /** The table entry for a model id as a provider reports it (dated ids, prefixes), if priced. */
  lookup(model: string | undefined): { id: string; price: ModelPrice } | undefined {
    if (!model) return undefined;
    const id = this.aliases.get(normalizeModelId(model));
    return id ? { id, price: this.table.models[id] } : undefined;
  }

  /** The model a provider uses when the user names none. */
  defaultModel(provider: PricedProvider): string | undefined {
    return this.table.defaults[provider];
  }

  /** Cost of one request. Reasoning tokens are inside outputTokens and are not added again. */
  costOf(model: string | undefined, usage: Usage): Cost {
    const entry = this.lookup(model);
    if (!entry) return { unknown: true };
    return { usd: priceUsage(entry.price, usage) };
  }

  /**
   * A new book with the user's overrides merged in (model → some of the prices). An override of
   * a known model (any alias) changes only the fields given; a new model needs provider, input
   * and output (cache prices default to the input price for reads, 0 for writes). Invalid
   * overrides are skipped and reported, never half-applied.
   */
  withOverrides(overrides: PriceOverrides | undefined): { book: PriceBook; problems: string[] } {
    if (!overrides || typeof overrides !== 'object') return { book: this, problems: [] };
    const models = { ...this.table.models };
    const problems: string[] = [];
    for (const [rawId, o] of Object.entries(overrides)) {
      if (!o || typeof o !== 'object') { problems.push(`${rawId}: expected an object of prices`); continue; }
      const known = this.lookup(rawId);
      if (known) {
        const p = entryProblems(rawId, o, false);
        if (p.length) { problems.push(...p); continue; }
        models[known.id] = { ...known.price, ...definedOnly(o) };
        continue;
      }
      const filled: Partial<ModelPrice> = { cacheWrite: 0, contextWindow: 128000, reasoning: true, ...definedOnly(o) };
      if (filled.cacheRead === undefined) filled.cacheRead = filled.input;
      if (filled.provider === undefined) filled.provider = 'openai-compatible';
      const p = entryProblems(rawId, filled, true);
      if (p.length) { problems.push(...p); continue; }
      models[normalizeModelId(rawId)] = filled as ModelPrice;
    }
    return { book: new PriceBook({ ...this.table, models }), problems };
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** USD for a usage at a price (per million tokens). */
export function priceUsage(p: ModelPrice, u: Usage): number {
  const n = (x: number | undefined) => (x && x > 0 ? x : 0);
  return (n(u.inputTokens) * p.input + n(u.outputTokens) * p.output + n(u.cacheReadTokens) * p.cacheRead + n(u.cacheWriteTokens) * p.cacheWrite) / 1e6;
}

let builtin: PriceTable | undefined;
/** The table shipped in models/prices.json (validated once). */
export function builtinPriceTable(): PriceTable {
  builtin ??= parsePriceTable(builtinTable);
  return builtin;
}
