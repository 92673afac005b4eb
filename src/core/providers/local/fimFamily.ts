// Which FIM (fill-in-the-middle) format a model speaks, told by its special tokens.

export type FimFamily = 'qwen' | 'deepseek' | 'starcoder' | 'codellama' | 'codestral';

/** The tokens that identify each family: [prefix, suffix, middle]. */
export const FIM_FAMILY_TOKENS: Readonly<Record<FimFamily, readonly [string, string, string]>> = {
  qwen: ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'],
  deepseek: ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'],
  starcoder: ['<fim_prefix>', '<fim_suffix>', '<fim_middle>'],
  codellama: ['▁<PRE>', '▁<SUF>', '▁<MID>'],
  codestral: ['[PREFIX]', '[SUFFIX]', '[MIDDLE]'],
};

/** Other special tokens worth knowing (file separators, end of turn, padding). */
const EXTRA_TOKENS = ['<|fim_pad|>', '<|file_sep|>', '<|repo_name|>', '<file_sep>', '<repo_name>', '<filename>', '▁<EOT>', '<|endoftext|>', '<|im_start|>', '<|im_end|>', '<｜end▁of▁sentence｜>'];

/** Every token string the inspector looks for in a vocabulary. */
export const INTERESTING_TOKENS: ReadonlySet<string> = new Set([...Object.values(FIM_FAMILY_TOKENS).flat(), ...EXTRA_TOKENS]);

/**
 * The family whose prefix and suffix tokens are all in the vocabulary (Codestral has no middle
 * token: its format is [SUFFIX]…[PREFIX]…). Undefined when the model has no known FIM tokens.
 */
export function detectFimFamily(present: ReadonlyMap<string, number> | ReadonlySet<string>): FimFamily | undefined {
  const has = (t: string) => present.has(t);
  for (const family of Object.keys(FIM_FAMILY_TOKENS) as FimFamily[]) {
    const [pre, suf, mid] = FIM_FAMILY_TOKENS[family];
    if (has(pre) && has(suf) && (has(mid) || family === 'codestral')) return family;
  }
  return undefined;
}
