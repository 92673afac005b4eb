// A DefinitionResolver from plain text, for where no language server runs (unit tests, the
// benchmark, the agent's file-system tools): declarations found by pattern (function, class,
// const, def, exports.x =), imports followed through their relative module path. VS Code's
// definition providers replace it in the extension.
import type { DefinitionResolver, DefinitionSite } from './definitions';

export interface TextResolverOptions {
  /** Workspace-relative paths of the files to search. */
  files: readonly string[];
  readText(path: string): Promise<string | undefined>;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.py', '/index.ts', '/index.js', '/__init__.py'];
const esc = (s: string) => s.replace(/[$]/g, '\\$');

/** Patterns that declare `name` at the start of a line. */
export function declarationPattern(name: string): RegExp {
  const n = esc(name);
  return new RegExp([
    `^\\s*(?:export\\s+)?(?:default\\s+)?(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:function\\*?|class|interface|type|enum|def|fn|func|struct)\\s+${n}\\b`,
    `^\\s*(?:export\\s+)?(?:const|let|var)\\s+${n}\\s*[=:]`,
    `^\\s*(?:module\\.)?exports\\.${n}\\s*=`,
    `^\\s*(?:(?:public|private|protected|static|async)\\s+)*${n}\\s*\\([^)]*\\)\\s*(?::[^{]+)?\\{`,
    `^\\s*${n}\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*=>)`,
  ].join('|'));
}

/** The identifier that covers 1-based `column` of `line`. */
export function identifierAt(line: string, column: number): string | undefined {
  for (const m of line.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const start = (m.index ?? 0) + 1;
    if (column >= start && column < start + m[0].length) return m[0];
  }
  return undefined;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function normalize(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}

/** The module a line imports from (relative specs only: './x', '../y', Python '.x'). */
function moduleSpec(line: string): string | undefined {
  const js = /(?:from\s+|require\s*\(\s*|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\1/.exec(line);
  if (js) return js[2];
  const py = /^\s*from\s+(\.+)([\w.]*)\s+import\b/.exec(line);
  if (py) return `${py[1].length === 1 ? './' : '../'.repeat(py[1].length - 1)}${py[2].replace(/\./g, '/')}`;
  return undefined;
}

export function textDefinitionResolver(options: TextResolverOptions): DefinitionResolver {
  const files = new Set(options.files);
  const resolveModule = (from: string, spec: string): string | undefined => {
    const base = normalize(`${dirOf(from)}/${spec}`);
    if (base === undefined) return undefined;
    const stripped = base.replace(/\.(js|mjs|cjs)$/, '');
    for (const candidate of [base, ...EXTENSIONS.map((e) => `${stripped}${e}`)]) if (files.has(candidate)) return candidate;
    return undefined;
  };
  const declIn = async (path: string, name: string): Promise<DefinitionSite[]> => {
    const text = await options.readText(path);
    if (text === undefined) return [];
    const re = declarationPattern(name);
    const out: DefinitionSite[] = [];
    text.split('\n').forEach((l, i) => { if (re.test(l)) out.push({ path, line: i + 1 }); });
    return out;
  };
  return {
    readText: options.readText,
    async definitions(path, line, column) {
      const text = await options.readText(path);
      const lines = text?.split('\n');
      const here = lines?.[line - 1];
      const name = here === undefined ? undefined : identifierAt(here, column);
      if (!lines || here === undefined || !name) return [];
      // On an import line: the module it names.
      const spec = moduleSpec(here);
      if (spec && new RegExp(`\\b${esc(name)}\\b`).test(here)) {
        const target = resolveModule(path, spec);
        return target ? declIn(target, name) : [];
      }
      const local = (await declIn(path, name)).filter((s) => s.line !== line);
      if (local.length) return local;
      // Imported: the import line, as language servers answer for `const { x } = require(...)`.
      const word = new RegExp(`\\b${esc(name)}\\b`);
      const importAt = lines.findIndex((l) => moduleSpec(l) !== undefined && word.test(l));
      if (importAt >= 0) return [{ path, line: importAt + 1 }];
      const elsewhere: DefinitionSite[] = [];
      for (const f of files) {
        if (f === path || elsewhere.length >= 3) continue;
        elsewhere.push(...(await declIn(f, name)));
      }
      return elsewhere.slice(0, 3);
    },
  };
}
