// The secret-scanning rules of secretlint's recommended preset (MIT, maintained by azu; the same
// preset `vsce` runs before it publishes an extension), driven synchronously: each scanner rule
// gets the text and reports ranges. Bundled by esbuild; required (not imported) because the
// package is ESM-only and this project compiles to CommonJS.
import type { SecretSpan } from './span';

interface RuleContext {
  createTranslator(): (id: string) => string;
  report(descriptor: { message: string; range: readonly [number, number] }): void;
}
interface SecretlintRule {
  meta: { id: string; type: string };
  create(context: RuleContext, options: Record<string, unknown>): { file?(source: { content: string; filePath: string; ext: string; contentType: 'text' }): unknown };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const preset = require('@secretlint/secretlint-rule-preset-recommend') as { rules: SecretlintRule[] };

// filter-comments is a filter (secretlint-disable comments), not a scanner: a workspace must not
// be able to switch redaction off with a comment.
const SCANNERS = preset.rules.filter((r) => r.meta.type === 'scanner' && !r.meta.id.endsWith('filter-comments'));

const kindOf = (id: string) => id.replace('@secretlint/secretlint-rule-', '');

// A leading `NAME=` / `"name": ` inside a reported range is kept readable; only the value goes.
const LEADING_NAME = /^["']?[\w.-]*["']?\s*(?::|=>|=)\s*["']?/;
// Some rules report a range shorter than the secret (the group's length from the match's start):
// the span is extended over the rest of the token so no tail of a key survives.
const TOKEN_TAIL = /^[A-Za-z0-9/+=_.~-]*/;
// In a URL with credentials only the password goes (user, host and path stay useful).
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i;

/** Spans of text that secretlint's recommended rules call secrets. */
export function secretlintSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  const source = { content: text, filePath: 'input.txt', ext: '.txt', contentType: 'text' as const };
  for (const rule of SCANNERS) {
    const kind = kindOf(rule.meta.id);
    const context: RuleContext = {
      createTranslator: () => (id: string) => id,
      report: ({ range }) => spans.push(refine(text, range[0], range[1], kind)),
    };
    try {
      rule.create(context, {}).file?.(source);
    } catch {
      // A rule that throws on odd input must not stop redaction; the other rules still run.
    }
  }
  return spans;
}

function refine(text: string, start: number, end: number, kind: string): SecretSpan {
  const found = text.slice(start, end);
  const url = URL_CREDENTIALS.exec(found);
  if (url) {
    const at = start + url[0].length - 1 - url[1].length;
    return { start: at, end: at + url[1].length, kind };
  }
  const lead = LEADING_NAME.exec(found);
  const from = lead && lead[0].length < found.length && /[:=]/.test(lead[0]) ? start + lead[0].length : start;
  const tail = TOKEN_TAIL.exec(text.slice(end, end + 200));
  return { start: from, end: end + (tail ? tail[0].length : 0), kind };
}
