// An AgentWorkspace over a plain folder (node:fs, git, a shell): for unit tests, the benchmark
// and anywhere VS Code's providers are not there. Symbols come from the text resolver
// (declarations by pattern, imports followed); diagnostics are whatever the caller supplies.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { DiagnosticInfo } from '../debug/collect';
import { declarationPattern, textDefinitionResolver } from '../debug/textResolver';
import { blame, logPatch, uncommittedDiffs, git } from '../git/cli';
import { globToRegExp } from '../refactor/neverSend';
import { COMMAND_TIMEOUT_MS, MAX_CAPTURED_CHARS, runProcess } from './process';
import type { AgentWorkspace, SearchHit, SymbolHit } from './types';

const SKIP = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.venv', 'venv', '__pycache__', 'target', 'coverage']);
export const MAX_COMMAND_OUTPUT = MAX_CAPTURED_CHARS;

export interface FsWorkspaceOptions {
  diagnostics?: DiagnosticInfo[];
  /** A command running longer is stopped with everything it started (default 5 minutes). */
  commandTimeoutMs?: number;
}

async function walk(root: string, dir = '', out: string[] = [], max = 20_000): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try { entries = await fs.readdir(path.join(root, dir), { withFileTypes: true }); } catch { return out; }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length >= max) break;
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) { if (!SKIP.has(e.name)) await walk(root, rel, out, max); } else if (e.isFile()) out.push(rel);
  }
  return out;
}

export function fsWorkspace(root: string, options: FsWorkspaceOptions = {}): AgentWorkspace {
  const readText = async (rel: string) => {
    try {
      const abs = path.join(root, rel);
      if (!path.resolve(abs).startsWith(path.resolve(root) + path.sep)) return undefined;
      return await fs.readFile(abs, 'utf8');
    } catch {
      return undefined;
    }
  };
  let files: Promise<string[]> | undefined;
  const allFiles = () => (files ??= walk(root));
  const resolver = () => allFiles().then((list) => textDefinitionResolver({ files: list, readText }));
  const matching = async (glob: string | undefined) => {
    const list = await allFiles();
    if (!glob) return list;
    const re = globToRegExp(glob);
    return list.filter((f) => re.test(f));
  };
  return {
    listFiles: async (glob, max) => (await matching(glob)).slice(0, max),
    readText,
    async searchText(q, signal) {
      const re = q.regex ? new RegExp(q.pattern) : undefined;
      const hits: SearchHit[] = [];
      for (const f of await matching(q.glob)) {
        if (hits.length >= q.max || signal?.aborted) break;
        const text = await readText(f);
        if (text === undefined || text.includes('\0')) continue;
        text.split('\n').forEach((l, i) => { if (hits.length < q.max && (re ? re.test(l) : l.includes(q.pattern))) hits.push({ path: f, line: i + 1, text: l }); });
      }
      return hits;
    },
    definitions: async (p, line, column, signal) => (await resolver()).definitions(p, line, column, signal),
    async references(p, line, column) {
      const l = (await readText(p))?.split('\n')[line - 1] ?? '';
      const name = /[A-Za-z_$][\w$]*/.exec(l.slice(column - 1))?.[0];
      if (!name) return [];
      const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
      const out: { path: string; line: number }[] = [];
      for (const f of await allFiles()) {
        (await readText(f))?.split('\n').forEach((t, i) => { if (out.length < 100 && word.test(t)) out.push({ path: f, line: i + 1 }); });
      }
      return out;
    },
    async workspaceSymbols(query) {
      const re = declarationPattern(query);
      const out: SymbolHit[] = [];
      for (const f of await allFiles()) {
        (await readText(f))?.split('\n').forEach((t, i) => { if (out.length < 50 && re.test(t)) out.push({ name: query, kind: /class/.test(t) ? 'class' : 'function', path: f, line: i + 1 }); });
      }
      return out;
    },
    diagnostics: async (p) => (options.diagnostics ?? []).filter((d) => !p || d.path === p),
    async git(op, p, range, signal) {
      const run = { cwd: root, ...(signal ? { signal } : {}) };
      if (op === 'diff') return p ? (await uncommittedDiffs([p], run)).map((d) => d.text).join('\n') : git(['diff', '--no-color', '--no-ext-diff', 'HEAD'], run);
      if (op === 'log') return logPatch(p ?? '.', 5, run);
      return blame(p ?? '', range?.start ?? 1, range?.end ?? (range?.start ?? 1) + 40, run);
    },
    async runCommand(command, signal) {
      const r = await runProcess(command, { cwd: root, signal, timeoutMs: options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS });
      return { exitCode: r.exitCode, output: r.output, endedBy: r.endedBy, cutChars: r.cutChars, ...(r.message ? { message: r.message } : {}) };
    },
  };
}
