// The document being typed into during the replay, and the request VS Code's inline provider
// would build from it (same windows as src/vscode/completions/inlineProvider.ts: 400 lines
// before the cursor, 200 after).
import type { CompletionRequest } from '../../../src/core/completion/types';

const PREFIX_LINES = 400;
const SUFFIX_LINES = 200;

export class ReplayDocument {
  version = 1;
  cursorLine: number;

  constructor(readonly filePath: string, readonly languageId: string, public text: string, public cursor: number) {
    this.cursorLine = countNewlines(text, 0, cursor);
  }

  /** Deletes `count` characters after the cursor (a selection deleted). */
  delete(count: number): void {
    this.text = this.text.slice(0, this.cursor) + this.text.slice(this.cursor + count);
    this.version++;
  }

  /** Types `text` at the cursor. */
  insert(text: string): void {
    this.text = this.text.slice(0, this.cursor) + text + this.text.slice(this.cursor);
    this.cursor += text.length;
    this.cursorLine += countNewlines(text, 0, text.length);
    this.version++;
  }

  request(timestamp: number): CompletionRequest {
    let start = this.cursor === 0 ? 0 : this.text.lastIndexOf('\n', this.cursor - 1) + 1;
    for (let i = 0; i < PREFIX_LINES && start > 0; i++) start = (start >= 2 ? this.text.lastIndexOf('\n', start - 2) : -1) + 1;
    let end = this.cursor;
    for (let i = 0; i <= SUFFIX_LINES; i++) {
      const nl = this.text.indexOf('\n', end);
      if (nl < 0) { end = this.text.length; break; }
      end = i < SUFFIX_LINES ? nl + 1 : nl;
    }
    return {
      filePath: this.filePath, languageId: this.languageId,
      prefix: this.text.slice(start, this.cursor), suffix: this.text.slice(this.cursor, end),
      cursorLine: this.cursorLine, documentVersion: this.version, trigger: 'automatic', timestamp,
    };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
