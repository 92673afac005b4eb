// Token arrays per text, in the worker, so the same line or chunk is tokenized once. Bounded by
// the bytes it holds (the key's characters, the tokens and a fixed cost per entry), evicting the
// least recently used first: a count of entries says nothing about memory when one entry is a
// 3-character line and the next a 256-character piece of minified code, and the worker's RSS
// must stay flat whatever the repository (issue 11: ≤ 150 MB).

export type Token = number;
/** The model's tokenizer: `special` parses control-token text (`<|fim_prefix|>`) as control tokens. */
export type Tokenize = (text: string, special: boolean) => readonly Token[];

/** What one entry costs besides its characters and tokens: Map slot, typed-array object, backing store header. */
export const ENTRY_OVERHEAD_BYTES = 128;
/** Default bound of a line cache: ≈ 8 MB. */
export const DEFAULT_CACHE_BYTES = 8 * 1024 * 1024;

export interface TokenCacheLimits {
  /** Most bytes held (estimated as described at the top). */
  maxBytes: number;
  /** Most entries held, whatever their size (default: no bound beyond the bytes). */
  maxEntries?: number;
}

/** Bytes one cached entry costs: its key (UTF-16, 2 bytes a character), 4 bytes a token, the overhead. */
export function entryBytes(key: string, tokens: number): number {
  return key.length * 2 + tokens * 4 + ENTRY_OVERHEAD_BYTES;
}

export class TokenCache {
  private readonly entries = new Map<string, Uint32Array>();
  private held = 0;
  private readonly limits: Required<TokenCacheLimits>;
  hits = 0;
  misses = 0;

  constructor(private readonly tokenize: Tokenize, limits: Partial<TokenCacheLimits> = {}) {
    this.limits = { maxBytes: limits.maxBytes ?? DEFAULT_CACHE_BYTES, maxEntries: limits.maxEntries ?? Infinity };
  }

  get size(): number { return this.entries.size; }
  /** Bytes held now, by the estimate of `entryBytes`. */
  get bytes(): number { return this.held; }

  tokens(text: string, special: boolean): ArrayLike<Token> {
    if (text.length === 0) return EMPTY;
    const key = special ? `\u0001${text}` : text;
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    this.misses++;
    const tokens = Uint32Array.from(this.tokenize(text, special));
    const cost = entryBytes(key, tokens.length);
    // An entry larger than the whole bound is returned, never kept (it would evict everything).
    if (cost > this.limits.maxBytes) return tokens;
    this.entries.set(key, tokens);
    this.held += cost;
    while (this.held > this.limits.maxBytes || this.entries.size > this.limits.maxEntries) this.evictOldest();
    return tokens;
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (oldest.done) return;
    const key = oldest.value;
    this.held -= entryBytes(key, this.entries.get(key)?.length ?? 0);
    this.entries.delete(key);
  }
}

const EMPTY = new Uint32Array(0);
