// Syntax highlighting with highlight.js (core + a fixed set of languages, so the bundle stays
// small). Auto-detection is bounded: only for finished blocks, short code, common languages.
import hljs from 'highlight.js/lib/core';
import typescript from 'highlight.js/lib/languages/typescript';
import javascript from 'highlight.js/lib/languages/javascript';
import python from 'highlight.js/lib/languages/python';
import json from 'highlight.js/lib/languages/json';
import bash from 'highlight.js/lib/languages/bash';
import shell from 'highlight.js/lib/languages/shell';
import css from 'highlight.js/lib/languages/css';
import xml from 'highlight.js/lib/languages/xml';
import markdown from 'highlight.js/lib/languages/markdown';
import java from 'highlight.js/lib/languages/java';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import go from 'highlight.js/lib/languages/go';
import rust from 'highlight.js/lib/languages/rust';
import yaml from 'highlight.js/lib/languages/yaml';
import sql from 'highlight.js/lib/languages/sql';
import diff from 'highlight.js/lib/languages/diff';
import ruby from 'highlight.js/lib/languages/ruby';
import php from 'highlight.js/lib/languages/php';
import kotlin from 'highlight.js/lib/languages/kotlin';
import swift from 'highlight.js/lib/languages/swift';
import plaintext from 'highlight.js/lib/languages/plaintext';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import ini from 'highlight.js/lib/languages/ini';
import makefile from 'highlight.js/lib/languages/makefile';
import powershell from 'highlight.js/lib/languages/powershell';
import scss from 'highlight.js/lib/languages/scss';
import lua from 'highlight.js/lib/languages/lua';
import { sanitizeHighlightHtml } from './sanitize';

const LANGUAGES = { typescript, javascript, python, json, bash, shell, css, xml, markdown, java, c, cpp, csharp, go, rust, yaml, sql, diff, ruby, php, kotlin, swift, plaintext, dockerfile, ini, makefile, powershell, scss, lua };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

const AUTO_SUBSET = ['typescript', 'javascript', 'python', 'json', 'bash', 'css', 'xml', 'java', 'cpp', 'csharp', 'go', 'rust', 'yaml', 'sql', 'diff'];
const MAX_HIGHLIGHT = 100_000;
const MAX_AUTO = 8_000;

const CACHE_SIZE = 64;
/** Finished blocks are rendered again (final render, restore): reuse their highlighting. */
const cache = new Map<string, { fragment: DocumentFragment; language: string } | undefined>();

/** Highlighted code as sanitized spans, or undefined to show the code as plain text. */
export function highlight(code: string, language: string, allowAuto: boolean): { fragment: DocumentFragment; language: string } | undefined {
  const key = `${language}\u0000${allowAuto ? 1 : 0}\u0000${code}`;
  if (cache.has(key)) {
    const hit = cache.get(key);
    cache.delete(key);
    cache.set(key, hit);
    return hit && { fragment: hit.fragment.cloneNode(true) as DocumentFragment, language: hit.language };
  }
  const result = compute(code, language, allowAuto);
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result && { fragment: result.fragment.cloneNode(true) as DocumentFragment, language: result.language };
}

function compute(code: string, language: string, allowAuto: boolean): { fragment: DocumentFragment; language: string } | undefined {
  if (code.length > MAX_HIGHLIGHT) return undefined;
  try {
    const known = language ? hljs.getLanguage(language) : undefined;
    if (known) {
      const result = hljs.highlight(code, { language, ignoreIllegals: true });
      return { fragment: sanitizeHighlightHtml(result.value), language };
    }
    if (!language && allowAuto && code.length <= MAX_AUTO) {
      const result = hljs.highlightAuto(code, AUTO_SUBSET);
      if (result.language && result.relevance >= 5) return { fragment: sanitizeHighlightHtml(result.value), language: result.language };
    }
  } catch {
    // A grammar failure shows the code plain.
  }
  return undefined;
}
