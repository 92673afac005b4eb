// An LRU of suggestions, keyed by a hash of (file, end of the prefix, start of the suffix), that
// still hits while the user types through a suggestion: if the new prefix is an old prefix plus
// the first characters of the suggestion cached for it, the rest of that suggestion is returned.

export interface CacheOptions {
  maxEntries: number;
  /** Characters of the prefix end and of the suffix start that identify a position. */
  prefixTailChars: number;
  suffixHeadChars: number;
  /** How far back (characters typed) a lookup searches for a suggestion being typed through. */
  maxTypedThrough: number;
}

export const DEFAULT_CACHE_OPTIONS: CacheOptions = { maxEntries: 256, prefixTailChars: 512, suffixHeadChars: 256, maxTypedThrough: 128 };

export interface CacheHit {
  /** What is left of the cached suggestion after what was typed. */
  text: string;
  /** Characters of the suggestion the user had already typed (0 for an exact hit). */
  typed: number;
}

interface Entry { filePath: string; prefixTail: string; suffixHead: string; text: string }

/** 53-bit hash (cyrb53) of text[start, end): fast, well spread; entries keep their strings to rule out collisions. */
export function hashString(text: string, seed = 0, start = 0, end = text.length): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Characters of the prefix end that go into the key; the rest of the tail is compared on a hit. */
const HASHED_TAIL = 64;

export class CompletionCache {
  private readonly options: CacheOptions;
  private readonly entries = new Map<number, Entry>();

  constructor(options: Partial<CacheOptions> = {}) {
    this.options = { ...DEFAULT_CACHE_OPTIONS, ...options };
  }

  get size(): number { return this.entries.size; }

  clear(): void { this.entries.clear(); }

  private key(prefix: string, prefixEnd: number, seed: number): number {
    return hashString(prefix, seed, Math.max(0, prefixEnd - Math.min(HASHED_TAIL, this.options.prefixTailChars)), prefixEnd);
  }

  private seed(filePath: string, suffixHead: string): number {
    return hashString(`${filePath}\u0000${suffixHead}`) % 0x100000000;
  }

  private tail(prefix: string, prefixEnd: number): string {
    return prefix.slice(Math.max(0, prefixEnd - this.options.prefixTailChars), prefixEnd);
  }

  /** Remembers `text` as the suggestion at this position (empty text is not stored). */
  set(filePath: string, prefix: string, suffix: string, text: string): void {
    if (!text) return;
    const suffixHead = suffix.slice(0, this.options.suffixHeadChars);
    const key = this.key(prefix, prefix.length, this.seed(filePath, suffixHead));
    this.entries.delete(key);
    this.entries.set(key, { filePath, prefixTail: this.tail(prefix, prefix.length), suffixHead, text });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
  }

  /**
   * The suggestion for this position: cached here exactly, or cached a few characters back and
   * typed through so far (the typed characters are the start of that suggestion). A hit becomes
   * the most recently used entry.
   */
  get(filePath: string, prefix: string, suffix: string): CacheHit | undefined {
    const limit = Math.min(this.options.maxTypedThrough, prefix.length);
    const suffixHead = suffix.slice(0, this.options.suffixHeadChars);
    const seed = this.seed(filePath, suffixHead);
    for (let typed = 0; typed <= limit; typed++) {
      const end = prefix.length - typed;
      const key = this.key(prefix, end, seed);
      const entry = this.entries.get(key);
      if (!entry || entry.filePath !== filePath || entry.suffixHead !== suffixHead) continue;
      if (entry.prefixTail !== this.tail(prefix, end)) continue;
      if (entry.text.length <= typed) continue;
      if (typed > 0 && !entry.text.startsWith(prefix.slice(end))) continue;
      this.entries.delete(key);
      this.entries.set(key, entry);
      return { text: entry.text.slice(typed), typed };
    }
    return undefined;
  }
}
