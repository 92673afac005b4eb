// The only doors from HTML text to DOM. Model output reaches here only as marked's HTML, in
// which raw HTML from the answer was already escaped to text (see markdown.ts); DOMPurify is the
// second wall. Strict: no style, no forms, no frames/objects/embeds, no SVG/MathML, no images
// or media, no data-/aria- attributes, classes limited to code languages.
import DOMPurify from 'dompurify';

const answerPurifier = DOMPurify(window);
const codePurifier = DOMPurify(window);

const ANSWER_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 's', 'b', 'i',
  'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'span', 'kbd', 'sub', 'sup',
];
const FORBIDDEN_TAGS = [
  'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'applet', 'form', 'input', 'button', 'textarea', 'select', 'option', 'img', 'picture', 'source',
  'video', 'audio', 'track', 'svg', 'math', 'template', 'portal', 'noscript',
];
const FORBIDDEN_ATTRS = ['style', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'ping'];

answerPurifier.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'class' && !/^language-[\w+#.-]{1,30}$/.test(data.attrValue)) data.keepAttr = false;
  if (data.attrName === 'align' && !/^(left|right|center)$/.test(data.attrValue)) data.keepAttr = false;
  if (data.attrName === 'start' && !/^\d{1,9}$/.test(data.attrValue)) data.keepAttr = false;
});

codePurifier.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'class' && !/^(hljs-[\w-]+)( [\w-]+_?)*$/.test(data.attrValue)) data.keepAttr = false;
});

/** Sanitizes marked's HTML for an answer into a fragment owned by this document. */
export function sanitizeAnswerHtml(html: string): DocumentFragment {
  return answerPurifier.sanitize(html, {
    ALLOWED_TAGS: ANSWER_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'class', 'align', 'start'],
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRS,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOW_SELF_CLOSE_IN_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|[^a-z]|[a-z0-9+.-]+(?:[^a-z0-9+.\-:]|$))/i,
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
  });
}

/** Sanitizes highlight.js output: only `<span class="hljs-…">` survives. */
export function sanitizeHighlightHtml(html: string): DocumentFragment {
  return codePurifier.sanitize(html, {
    ALLOWED_TAGS: ['span'],
    ALLOWED_ATTR: ['class'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
  });
}
