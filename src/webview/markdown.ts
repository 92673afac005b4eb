// Markdown of a model answer -> safe DOM. marked renders (raw HTML in the answer is escaped and
// shown as text; images become their alt text), DOMPurify sanitizes, then links are rewritten
// (only http(s) and workspace file refs survive, without href: clicks post to the host) and
// fenced code becomes code blocks. Rendering is per top-level block, so streaming re-renders
// only the blocks that changed.
import { Marked, type Token } from 'marked';
import { classifyHref, parseFileRef, splitFileRefs, type LinkTarget } from './links';
import { sanitizeAnswerHtml } from './sanitize';
import { buildCodeBlock, type CodeSource } from './codeBlock';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

let codeSink: CodeSource[] = [];

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => `<em>${escapeHtml(`[image: ${text || 'no description'}]`)}</em>`,
    checkbox: ({ checked }) => (checked ? '\u2611 ' : '\u2610 '),
    code: ({ text, lang }) => {
      codeSink.push({ code: text, info: lang ?? '' });
      return `<pre><code>${escapeHtml(text)}</code></pre>\n`;
    },
  },
});

/** A focusable, href-less link whose click the transcript handles (nothing can navigate). */
function makeLink(children: Node[], target: Exclude<LinkTarget, { kind: 'none' }>): HTMLAnchorElement {
  const link = document.createElement('a');
  link.append(...children);
  link.setAttribute('role', 'link');
  link.setAttribute('tabindex', '0');
  if (target.kind === 'external') {
    link.className = 'link link-external';
    link.dataset.url = target.url;
    link.title = `${target.url} (opens in the browser)`;
  } else {
    link.className = 'link link-file';
    link.dataset.path = target.path;
    if (target.line !== undefined) link.dataset.line = String(target.line);
    if (target.column !== undefined) link.dataset.column = String(target.column);
    link.title = `Open ${target.path}${target.line !== undefined ? `:${target.line}` : ''}`;
  }
  return link;
}

/** Replaces a sanitized anchor by a safe link, or by its content when the target is not allowed. */
function rewriteLink(a: HTMLAnchorElement, target: LinkTarget): void {
  const children = Array.from(a.childNodes);
  if (target.kind === 'none') a.replaceWith(...children);
  else a.replaceWith(makeLink(children, target));
}

function linkifyFileRefs(root: DocumentFragment): void {
  for (const code of Array.from(root.querySelectorAll('code'))) {
    if (code.closest('pre, a')) continue;
    const text = code.textContent ?? '';
    const ref = parseFileRef(text);
    if (ref && (ref.line !== undefined || ref.path.includes('/'))) {
      const link = makeLink([], { kind: 'file', ...ref });
      code.replaceWith(link);
      link.append(code);
    }
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!(n.parentElement?.closest('pre, code, a'))) texts.push(n as Text);
  }
  for (const node of texts) {
    const parts = splitFileRefs(node.data);
    if (parts.length === 1 && 'text' in parts[0]) continue;
    node.replaceWith(...parts.map((p) => ('text' in p ? p.text : makeLink([document.createTextNode(p.ref)], { kind: 'file', path: p.path, line: p.line, column: p.column }))));
  }
}

/** Renders tokens to a sanitized fragment with links and code blocks in place. */
function renderTokens(tokens: Token[], final: boolean): DocumentFragment {
  codeSink = [];
  let html: string;
  try {
    html = marked.parser(tokens);
  } catch {
    html = `<p>${escapeHtml(tokens.map((t) => t.raw).join(''))}</p>`;
    codeSink = [];
  }
  const sources = codeSink;
  codeSink = [];
  const fragment = sanitizeAnswerHtml(html);
  for (const a of Array.from(fragment.querySelectorAll('a'))) rewriteLink(a, classifyHref(a.getAttribute('href')));
  linkifyFileRefs(fragment);
  const pres = Array.from(fragment.querySelectorAll('pre'));
  pres.forEach((pre, i) => {
    const source = pres.length === sources.length ? sources[i] : { code: pre.textContent ?? '', info: '' };
    pre.replaceWith(buildCodeBlock(source, final));
  });
  return fragment;
}

function lex(text: string): Token[] {
  try {
    return marked.lexer(text);
  } catch {
    return [{ type: 'paragraph', raw: text, text, tokens: [{ type: 'text', raw: text, text, escaped: false }] } as Token];
  }
}

/** One answer's markdown body; `render` may be called with each longer prefix while streaming. */
export class MarkdownView {
  readonly element: HTMLElement;
  private blocks: { raw: string; nodes: ChildNode[] }[] = [];

  constructor(className = 'markdown') {
    this.element = document.createElement('div');
    this.element.className = className;
  }

  /** `final` re-renders everything (reference links resolved, code languages auto-detected). */
  render(text: string, final = false): void {
    if (final) this.clear();
    const tokens = lex(text);
    let same = 0;
    while (same < tokens.length && same < this.blocks.length && this.blocks[same].raw === tokens[same].raw) same++;
    for (const block of this.blocks.splice(same)) for (const node of block.nodes) node.remove();
    for (const token of tokens.slice(same)) {
      const fragment = renderTokens([token], final);
      const nodes = Array.from(fragment.childNodes);
      this.element.append(fragment);
      this.blocks.push({ raw: token.raw, nodes });
    }
  }

  private clear(): void {
    this.blocks = [];
    this.element.replaceChildren();
  }
}
