// Step 4 of the keystroke path: turns a request into the engine call to make — context chunks
// (those the send policy allows), the prompt laid out for the model family within the budget,
// single- or multi-line from the cursor context, and the limits for that mode.
import type { FimTemplate } from '../providers/local/fimTemplates';
import type { ContextChunks } from './contextChunks';
import type { PreparedFim } from './generation';
import { decideMode, lineContext } from './postprocess';
import { buildPrompt, chunkTokenBudget, type PromptOptions } from './prompt';
import type { SendPolicy } from './sendPolicy';
import { fixedCounter, type Clock, type CompletionRequest, type TokenCounter } from './types';

export interface FimLimits {
  maxTokensSingle: number;
  maxTokensMulti: number;
  timeBudgetMs: number;
  explicitTimeBudgetMs: number;
  maxLines: number;
}

export interface PrepareContext {
  chunks?: ContextChunks;
  policy: SendPolicy;
  prompt: PromptOptions;
  limits: FimLimits;
  clock: Clock;
  /** The prompt's token count as a counter whose revision says when it changed (the calibrated estimate); default: `prompt.countTokens`, fixed. */
  counter?: TokenCounter;
}

export function prepareFim(req: CompletionRequest, template: FimTemplate, ctx: PrepareContext): PreparedFim {
  const start = ctx.clock.now();
  // Chunks are chosen with the count the prompt is laid out with: one chosen is one kept.
  const counter = ctx.counter ?? fixedCounter(ctx.prompt.countTokens);
  const picked = ctx.chunks?.pick(chunkTokenBudget(ctx.prompt), req.filePath, counter) ?? [];
  const chunks = picked.filter((c) => ctx.policy.allowsChunk(c));
  const built = buildPrompt(req, chunks, template, ctx.prompt);
  const line = lineContext(built.prefixWindow, built.suffixWindow);
  const mode = decideMode(line.linePrefix, line.lineSuffix);
  const o = ctx.limits;
  return {
    request: req, built, mode,
    maxTokens: Math.min(mode === 'single' ? o.maxTokensSingle : o.maxTokensMulti, ctx.prompt.maxOutputTokens),
    stop: mode === 'single' ? [...built.stop, '\n'] : built.stop,
    timeBudgetMs: req.trigger === 'explicit' ? o.explicitTimeBudgetMs : o.timeBudgetMs,
    maxLines: o.maxLines,
    prepMs: ctx.clock.now() - start,
  };
}
