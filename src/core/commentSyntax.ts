// How to write a one-line comment in a file's language: the FIM prompt names files in comments
// for model families that have no file-separator token.

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript',
  cjs: 'javascript', mts: 'typescript', cts: 'typescript', py: 'python', rb: 'ruby', go: 'go', rs: 'rust',
  java: 'java', kt: 'kotlin', swift: 'swift', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp',
  cs: 'csharp', php: 'php', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', yml: 'yaml',
  yaml: 'yaml', toml: 'toml', sql: 'sql', lua: 'lua', hs: 'haskell', html: 'html', htm: 'html',
  xml: 'xml', svg: 'xml', md: 'markdown', css: 'css', scss: 'scss', less: 'less', vue: 'vue',
  svelte: 'svelte', r: 'r', pl: 'perl', ex: 'elixir', exs: 'elixir', erl: 'erlang', tex: 'latex',
  m: 'matlab', jl: 'julia', ps1: 'powershell', scala: 'scala', dart: 'dart', zig: 'zig', vim: 'vim',
  clj: 'clojure', el: 'lisp', lisp: 'lisp', scm: 'scheme', ini: 'ini', json: 'jsonc',
};

const HASH = new Set(['python', 'shellscript', 'ruby', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile',
  'powershell', 'elixir', 'julia', 'nim', 'coffeescript', 'properties']);
const DASHES = new Set(['sql', 'lua', 'haskell', 'elm', 'ada']);
const SEMICOLON = new Set(['clojure', 'lisp', 'scheme', 'ini']);
const PERCENT = new Set(['latex', 'tex', 'erlang', 'matlab']);
const MARKUP = new Set(['html', 'xml', 'markdown', 'vue', 'svelte']);
const BLOCK = new Set(['css', 'jsonc', 'json']);

/** The VS Code language id a path most likely has (by extension); 'plaintext' when unknown. */
export function languageOfPath(filePath: string): string {
  const base = filePath.slice(filePath.lastIndexOf('/') + 1).toLowerCase();
  if (base === 'dockerfile') return 'dockerfile';
  if (base === 'makefile') return 'makefile';
  const dot = base.lastIndexOf('.');
  return dot < 0 ? 'plaintext' : LANGUAGE_BY_EXTENSION[base.slice(dot + 1)] ?? 'plaintext';
}

/** `text` as a one-line comment in `languageId`. */
export function lineComment(languageId: string, text: string): string {
  if (HASH.has(languageId)) return `# ${text}`;
  if (DASHES.has(languageId)) return `-- ${text}`;
  if (SEMICOLON.has(languageId)) return `; ${text}`;
  if (PERCENT.has(languageId)) return `% ${text}`;
  if (MARKUP.has(languageId)) return `<!-- ${text} -->`;
  if (BLOCK.has(languageId)) return `/* ${text} */`;
  if (languageId === 'vim') return `" ${text}`;
  return `// ${text}`;
}
