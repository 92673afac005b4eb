// Serialises a ChartSpec (src/core/cost/report.ts) to inline SVG. Every element is generated
// here and every text is escaped: nothing from the ledger reaches the page as markup. No
// inline styles (the CSP forbids them): colours come from classes in media/usage.css.
import type { ChartSpec } from '../../core/cost/report';

/** Escapes text for HTML/SVG content and double-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const num = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 10) / 10) : '0');
const cls = (c: string) => esc(c.replace(/[^a-z0-9 -]/gi, ''));
const title = (t?: string) => (t ? `<title>${esc(t)}</title>` : '');

export function chartSvg(spec: ChartSpec): string {
  const id = cls(spec.id).replace(/ /g, '');
  const parts = [
    `<svg class="chart chart-${id}" viewBox="0 0 ${num(spec.width)} ${num(spec.height)}" role="img" aria-labelledby="${id}-t ${id}-d" preserveAspectRatio="xMinYMin meet">`,
    `<title id="${id}-t">${esc(spec.title)}</title><desc id="${id}-d">${esc(spec.desc)}</desc>`,
  ];
  for (const l of spec.lines) parts.push(`<line class="${cls(l.cls)}" x1="${num(l.x1)}" y1="${num(l.y1)}" x2="${num(l.x2)}" y2="${num(l.y2)}"/>`);
  for (const r of spec.rects) {
    parts.push(`<rect class="${cls(r.cls)}" x="${num(r.x)}" y="${num(r.y)}" width="${num(r.w)}" height="${num(r.h)}" rx="1.5">${title(r.title)}</rect>`);
  }
  for (const d of spec.dots) parts.push(`<circle class="${cls(d.cls)}" cx="${num(d.cx)}" cy="${num(d.cy)}" r="${num(d.r)}">${title(d.title)}</circle>`);
  for (const t of spec.texts) {
    parts.push(`<text class="${cls(t.cls)}" x="${num(t.x)}" y="${num(t.y)}" text-anchor="${t.anchor}" aria-hidden="true">${esc(t.text)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
