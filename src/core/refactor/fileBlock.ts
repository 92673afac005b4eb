// How one file is laid out for the model: a heading with its path and why it is included, then
// its text in a fence longer than any backtick run inside it (so file text cannot close it).

const LANGS: Record<string, string> = {
  ts: 'ts', tsx: 'tsx', js: 'js', jsx: 'jsx', mjs: 'js', cjs: 'js', json: 'json', py: 'python', rs: 'rust', go: 'go',
  java: 'java', kt: 'kotlin', cs: 'csharp', c: 'c', h: 'c', cpp: 'cpp', hpp: 'cpp', rb: 'ruby', php: 'php', swift: 'swift',
  md: 'markdown', css: 'css', scss: 'scss', html: 'html', vue: 'vue', svelte: 'svelte', sh: 'bash', yml: 'yaml', yaml: 'yaml', toml: 'toml', sql: 'sql',
};

export function languageOf(path: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return LANGS[ext] ?? '';
}

/** A fence of backticks longer than the longest run in `text` (at least three). */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

export interface BlockInput {
  path: string;
  content: string;
  /** Why the file is included: "selection", "definition of formatPrice", ... */
  label: string;
  /** Set when `content` is an excerpt of the file. */
  excerpt?: boolean;
}

export function renderFileBlock(file: BlockInput): string {
  const fence = fenceFor(file.content);
  const body = file.content.endsWith('\n') ? file.content : `${file.content}\n`;
  const note = file.excerpt ? ' — EXCERPT: only the lines shown; search text must come from them' : '';
  return `### ${file.path} (${file.label})${note}\n${fence}${languageOf(file.path)}\n${body}${fence}\n`;
}
