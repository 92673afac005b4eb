// How many tokens of a prompt the model sees as special (control) tokens: for a Qwen2.5-Coder
// FIM prompt, <|repo_name|>, each <|file_sep|>, <|fim_prefix|>, <|fim_suffix|> and
// <|fim_middle|> must each be one special token — tokenized as text they would be a dozen
// ordinary tokens the model never learned to act on. Reported with every FIM result.

export interface SpecialTokenModel {
  isSpecialToken(token: number | undefined): boolean;
}

export function countSpecialTokens(model: SpecialTokenModel, tokens: readonly number[]): number {
  let n = 0;
  for (const t of tokens) if (model.isSpecialToken(t)) n++;
  return n;
}
