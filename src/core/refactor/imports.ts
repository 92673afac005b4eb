// Relative imports of JavaScript/TypeScript files, found by text (no parser, no type checker):
// the files a file imports and, read the other way, whether one file imports another. Used to
// gather a refactor's neighbours; it errs towards including a file, never towards editing it.
import * as posix from 'node:path/posix';

const SPECIFIER = [
  /\bfrom\s*(['"])([^'"\n]+)\1/g, // import x from '…', export { y } from '…'
  /\bimport\s*(['"])([^'"\n]+)\1/g, // import '…'
  /\b(?:require|import)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g, // require('…'), import('…')
];

/** Module specifiers in `text` that are relative ('./…' or '../…'), in order, without duplicates. */
export function relativeSpecifiers(text: string): string[] {
  const out: string[] = [];
  for (const re of SPECIFIER) {
    for (const m of text.matchAll(re)) {
      const spec = m[2];
      if ((spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') && !out.includes(spec)) out.push(spec);
    }
  }
  return out;
}

const CODE_EXT = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** True for a path a JavaScript/TypeScript import can name. */
export function isCodePath(path: string): boolean {
  return CODE_EXT.some((e) => path.toLowerCase().endsWith(e));
}

/**
 * The workspace-relative paths `spec` (imported from `fromPath`) may name, most likely first:
 * the path itself, with each code extension, a '.js' written for a '.ts' source (node16), an index
 * file. Empty when the specifier climbs out of the workspace.
 */
export function importTargets(fromPath: string, spec: string): string[] {
  const joined = posix.normalize(posix.join(posix.dirname(fromPath.replace(/\\/g, '/')), spec));
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return [];
  const base = joined.replace(/\/$/, '');
  const out = [base];
  const jsLike = /\.(m|c)?js$/.exec(base);
  const jsxLike = /\.jsx$/.test(base);
  if (jsLike) {
    const stem = base.slice(0, -jsLike[0].length);
    out.push(`${stem}.${jsLike[1] ?? ''}ts`, `${stem}.tsx`);
  }
  if (jsxLike) out.push(`${base.slice(0, -4)}.tsx`);
  for (const e of CODE_EXT) out.push(`${base}${e}`);
  for (const e of CODE_EXT) out.push(`${base}/index${e}`);
  return [...new Set(out)].filter((p) => p !== '.' && p !== '');
}

/** True when `text` (the file at `importerPath`) imports the file at `targetPath` by a relative path. */
export function importsFile(importerPath: string, text: string, targetPath: string): boolean {
  const target = targetPath.replace(/\\/g, '/');
  return relativeSpecifiers(text).some((spec) => importTargets(importerPath, spec).includes(target));
}

/** A cheap test before `importsFile`: the target's base name (without extension) appears in the text. */
export function mayImport(text: string, targetPath: string): boolean {
  const name = posix.basename(targetPath.replace(/\\/g, '/')).replace(/\.[^.]+$/, '');
  return name === 'index' ? text.includes('from') || text.includes('require') : text.includes(name);
}
