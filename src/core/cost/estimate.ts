// The cost of a request before it is sent: prompt tokens (counted by an injected counter,
// default chars/3.5) plus the output a request of this purpose usually produces, priced with
// the table. Used for "ask before sending above $X" and for budget reservations.
import type { Purpose } from '../providers/types';
import type { PriceBook } from './prices';

/** Counts the tokens of a text; the default is a chars/3.5 heuristic (code averages ~3-4). */
export type TokenCounter = (text: string) => number;
export const approxTokens: TokenCounter = (text) => Math.ceil(text.length / 3.5);

/**
 * Typical output per purpose: the visible answer, plus reasoning tokens for models that reason
 * (billed as output). Deliberately on the generous side: an estimate that is too low lets a
 * request slip under the confirmation threshold.
 */
export const EXPECTED_OUTPUT: Readonly<Record<Purpose, { answer: number; reasoning: number }>> = {
  completion: { answer: 64, reasoning: 0 },
  chat: { answer: 800, reasoning: 1500 },
  'deep-debug': { answer: 2000, reasoning: 4000 },
  refactor: { answer: 6000, reasoning: 4000 },
};

export interface EstimateInput {
  model: string;
  purpose: Purpose;
  /** The whole prompt (system + messages + attached context), or its token count. */
  prompt: string | number;
  /** Caps the expected output (the request's max_tokens / thinking budget). */
  maxOutputTokens?: number;
  countTokens?: TokenCounter;
  /**
   * False when the request will not think even on a model that can (Anthropic without extended
   * thinking): no reasoning tokens are expected then. Default true (OpenAI reasoning models always think).
   */
  thinking?: boolean;
}

export interface CostEstimate {
  /** The table's id for the model (the request's id when it is not priced). */
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when the model has no price: the cost is unknown, not zero. */
  usd?: number;
  unknown: boolean;
}

export function estimateCost(book: PriceBook, input: EstimateInput): CostEstimate {
  const count = input.countTokens ?? approxTokens;
  const inputTokens = typeof input.prompt === 'number' ? Math.max(0, Math.ceil(input.prompt)) : count(input.prompt);
  const entry = book.lookup(input.model);
  const expected = EXPECTED_OUTPUT[input.purpose];
  // A refactor's answer is edits to the files it was given: it scales with them, within bounds.
  const answer = input.purpose === 'refactor' ? Math.min(expected.answer, Math.max(800, inputTokens)) : expected.answer;
  let outputTokens = answer + (entry?.price.reasoning && input.thinking !== false ? expected.reasoning : 0);
  if (input.maxOutputTokens !== undefined && input.maxOutputTokens > 0) outputTokens = Math.min(outputTokens, input.maxOutputTokens);
  const cost = book.costOf(input.model, { inputTokens, outputTokens });
  return 'usd' in cost
    ? { model: entry?.id ?? input.model, inputTokens, outputTokens, usd: cost.usd, unknown: false }
    : { model: input.model, inputTokens, outputTokens, unknown: true };
}
