// Fill-in-the-middle formats per model family, and detection of the family from a model's
// metadata. Each template lays out the same parts (context chunks from other files, the current
// file's header, the prefix window, the suffix window) in its family's format.
//
// Families with file-separator tokens (Qwen2.5-Coder's <|repo_name|>/<|file_sep|>, StarCoder2's
// <repo_name>/<file_sep>) get repo-level context the way they were trained on it; the others get
// each file named in a comment line (`// Path: src/a.ts`), Codestral in its `+++++ path` form.
//
// It lives beside the model it describes (providers/local): the engine detects the family from
// the GGUF and hands the template up; the completion layer lays its prompt out with it.

import { languageOfPath, lineComment } from '../../commentSyntax';
import type { FimFamily } from './fimFamily';

export type { FimFamily };

export const FIM_FAMILIES: readonly FimFamily[] = ['qwen', 'deepseek', 'starcoder', 'codellama', 'codestral'];

export interface FimChunkPart {
  filePath: string;
  text: string;
}

export interface FimParts {
  /** Chunks from other files, in the order they must appear (stable between keystrokes). */
  chunks: readonly FimChunkPart[];
  filePath: string;
  languageId: string;
  prefix: string;
  suffix: string;
  /** Workspace folder name, for families with a repository token. */
  repoName?: string;
}

export interface RenderedFim {
  prompt: string;
  /**
   * Characters at the start of `prompt` that depend only on the chunks and the file (not on the
   * prefix/suffix windows): the part the KV cache keeps between keystrokes.
   */
  stableChars: number;
  /** Where the prefix window starts in `prompt` (what comes before it and after it are fixed). */
  prefixAt: number;
}

export interface FimTemplate {
  family: FimFamily;
  label: string;
  /** True when files are separated by the model's own tokens (repo-level context). */
  fileSeparators: boolean;
  /** Strings that end a completion (not included in it). */
  stop: readonly string[];
  /** The model's own context window (tokens), when known: prompts are kept within it. */
  contextTokens?: number;
  render(parts: FimParts): RenderedFim;
}

function commentHeader(filePath: string, languageId: string): string {
  return `${lineComment(languageId, `Path: ${filePath}`)}\n${lineComment(languageId, `Language: ${languageId}`)}\n`;
}

function commentChunks(chunks: readonly FimChunkPart[]): string {
  return chunks.map((c) => `${lineComment(languageOfPath(c.filePath), `Path: ${c.filePath}`)}\n${withNewline(c.text)}\n`).join('');
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** A prefix-suffix-middle template whose context is written as comments inside the prefix. */
function psmWithComments(family: FimFamily, label: string, pre: string, suf: string, mid: string, stop: string[]): FimTemplate {
  return {
    family, label, fileSeparators: false, stop,
    render(p) {
      const stable = pre + commentChunks(p.chunks) + commentHeader(p.filePath, p.languageId);
      return { prompt: `${stable}${p.prefix}${suf}${p.suffix}${mid}`, stableChars: stable.length, prefixAt: stable.length };
    },
  };
}

const QWEN_STOP = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>',
  '<|repo_name|>', '<|file_sep|>', '<|im_start|>', '<|im_end|>'];
const DEEPSEEK_STOP = ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜end▁of▁sentence｜>', '<|EOT|>'];
const STARCODER_STOP = ['<|endoftext|>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>', '<repo_name>'];
const CODELLAMA_STOP = ['<EOT>', '</s>', '<PRE>', '<SUF>', '<MID>'];
const CODESTRAL_STOP = ['</s>', '[PREFIX]', '[SUFFIX]', '[MIDDLE]'];

function qwenRepo(): FimTemplate {
  return {
    family: 'qwen', label: 'Qwen2.5-Coder (repo-level)', fileSeparators: true, stop: QWEN_STOP,
    render(p) {
      const files = p.chunks.map((c) => `<|file_sep|>${c.filePath}\n${withNewline(c.text)}`).join('');
      const stable = `<|repo_name|>${p.repoName ?? 'workspace'}\n${files}<|file_sep|>${p.filePath}\n<|fim_prefix|>`;
      return { prompt: `${stable}${p.prefix}<|fim_suffix|>${p.suffix}<|fim_middle|>`, stableChars: stable.length, prefixAt: stable.length };
    },
  };
}

function starcoderRepo(): FimTemplate {
  return {
    family: 'starcoder', label: 'StarCoder2 (repo-level)', fileSeparators: true, stop: STARCODER_STOP,
    render(p) {
      const files = p.chunks.map((c) => `<file_sep>${c.filePath}\n${withNewline(c.text)}`).join('');
      const stable = `<repo_name>${p.repoName ?? 'workspace'}${files}<file_sep><fim_prefix>${p.filePath}\n`;
      return { prompt: `${stable}${p.prefix}<fim_suffix>${p.suffix}<fim_middle>`, stableChars: stable.length, prefixAt: stable.length };
    },
  };
}

function codestral(): FimTemplate {
  return {
    family: 'codestral', label: 'Codestral', fileSeparators: false, stop: CODESTRAL_STOP,
    // Suffix first: while the user types, the text after the cursor does not change, so the
    // suffix stays in the KV cache as well; only the end of the prefix is new.
    render(p) {
      const files = p.chunks.map((c) => `+++++ ${c.filePath}\n${withNewline(c.text)}\n`).join('');
      const prompt = `[SUFFIX]${p.suffix}[PREFIX]${files}+++++ ${p.filePath}\n${p.prefix}`;
      return { prompt, stableChars: 0, prefixAt: prompt.length - p.prefix.length };
    },
  };
}

/** The template for a family; `fileSeparators` only matters for Qwen and StarCoder. */
export function templateFor(family: FimFamily, options: { fileSeparators?: boolean } = {}): FimTemplate {
  const repo = options.fileSeparators ?? true;
  switch (family) {
    case 'qwen':
      return repo ? qwenRepo() : psmWithComments('qwen', 'Qwen-style FIM', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', QWEN_STOP);
    case 'starcoder':
      return repo ? starcoderRepo() : psmWithComments('starcoder', 'StarCoder-style FIM', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', STARCODER_STOP);
    case 'deepseek':
      return psmWithComments('deepseek', 'DeepSeek-Coder', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', DEEPSEEK_STOP);
    case 'codellama':
      return psmWithComments('codellama', 'Code Llama', '<PRE> ', ' <SUF>', ' <MID>', CODELLAMA_STOP);
    case 'codestral':
      return codestral();
  }
}

/** What the engine knows about the loaded model (from the GGUF metadata and vocabulary). */
export interface ModelInfo {
  architecture?: string;
  name?: string;
  /** The strings of the special/control tokens in the vocabulary. */
  specialTokens: readonly string[];
}

export type FamilyDetection =
  | { ok: true; family: FimFamily; template: FimTemplate; evidence: string }
  | { ok: false; reason: string };

interface TokenRule { family: FimFamily; required: string[]; repo?: string[] }

const TOKEN_RULES: TokenRule[] = [
  { family: 'qwen', required: ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'], repo: ['<|repo_name|>', '<|file_sep|>'] },
  { family: 'deepseek', required: ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'] },
  { family: 'starcoder', required: ['<fim_prefix>', '<fim_suffix>', '<fim_middle>'], repo: ['<repo_name>', '<file_sep>'] },
  { family: 'codellama', required: ['<PRE>', '<SUF>', '<MID>'] },
  { family: 'codestral', required: ['[PREFIX]', '[SUFFIX]'] },
];

const NAME_RULES: { family: FimFamily; pattern: RegExp }[] = [
  { family: 'qwen', pattern: /qwen[\d.]*[-_ ]?coder/i },
  { family: 'deepseek', pattern: /deepseek[-_ ]?coder/i },
  { family: 'starcoder', pattern: /starcoder/i },
  { family: 'codellama', pattern: /code[-_ ]?llama/i },
  { family: 'codestral', pattern: /codestral/i },
];

/** Code Llama's sentencepiece vocabulary spells its FIM tokens with a leading '▁'. */
function normalizeToken(token: string): string {
  return token.replace(/^▁/, '').trim();
}

/** The FIM family of a model: by its special tokens first, then by its name or architecture. */
export function detectFamily(info: ModelInfo): FamilyDetection {
  const tokens = new Set(info.specialTokens.map(normalizeToken));
  for (const rule of TOKEN_RULES) {
    if (!rule.required.every((t) => tokens.has(t))) continue;
    const fileSeparators = rule.repo !== undefined && rule.repo.every((t) => tokens.has(t));
    return { ok: true, family: rule.family, template: templateFor(rule.family, { fileSeparators }), evidence: `special tokens ${rule.required.join(' ')}` };
  }
  const label = `${info.name ?? ''} ${info.architecture ?? ''}`;
  for (const rule of NAME_RULES) {
    if (!rule.pattern.test(label)) continue;
    return { ok: true, family: rule.family, template: templateFor(rule.family), evidence: `model name "${label.trim()}"` };
  }
  const model = info.name ? `"${info.name}"` : 'This model';
  const arch = info.architecture ? ` (architecture ${info.architecture})` : '';
  return {
    ok: false,
    reason: `${model}${arch} has no fill-in-the-middle tokens (looked for <|fim_prefix|>, <｜fim▁begin｜>, <fim_prefix>, <PRE>, [PREFIX]), so it cannot complete code at the cursor. Choose a FIM-capable code model such as Qwen2.5-Coder ('Tiered: Choose Local Model').`,
  };
}
