// The non-model baseline of the quality benchmark: a copy predictor. It finds the longest tail of
// the text before the cursor (48 characters down to 6) that occurs elsewhere — first in the open
// document (before and after the cursor), then in the workspace's other files — and suggests
// what followed it there, up to the end of that line.

const TAILS = [48, 32, 24, 16, 12, 8, 6];

export class CopyPredictor {
  private readonly corpus: string;

  /** `files`: workspace texts (the edited file excluded by the caller); capped at `maxChars`. */
  constructor(files: readonly string[], maxChars = 8_000_000) {
    let size = 0;
    const kept: string[] = [];
    for (const f of files) {
      if (size + f.length > maxChars) break;
      kept.push(f);
      size += f.length + 1;
    }
    this.corpus = kept.join('\0');
  }

  predict(prefix: string, suffix: string): string {
    for (const n of TAILS) {
      if (prefix.length < n) continue;
      const needle = prefix.slice(-n);
      if (!needle.trim()) continue;
      const inPrefix = prefix.lastIndexOf(needle, prefix.length - n - 1);
      const found = inPrefix >= 0 ? continuation(prefix, inPrefix + n)
        : fromIndex(suffix, suffix.indexOf(needle), n) ?? fromIndex(this.corpus, this.corpus.indexOf(needle), n);
      if (found) return found;
    }
    return '';
  }
}

function fromIndex(text: string, at: number, n: number): string | undefined {
  return at < 0 ? undefined : continuation(text, at + n) || undefined;
}

function continuation(text: string, from: number): string {
  let end = from;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\0') end++;
  return text.slice(from, end);
}
