// Step 4 of the keystroke path: turns a request into the engine call to make — context chunks
// (those the send policy allows), the prompt laid out for the model family within the budget,
// single- or multi-line from the cursor context, and the limits for that mode.
import type { FimTemplate } from '../providers/local/fimTemplates';
import type { ContextChunks } from './contextChunks';
import type { PreparedFim } from './generation';
import { decideMode, lineContext } from './postprocess';
import { buildPrompt, chunkTokenBudget, type PromptOptions } from './prompt';
import type { SendPolicy } from './sendPolicy';
import type { Clock, CompletionRequest } from './types';

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
}

export function prepareFim(req: CompletionRequest, template: FimTemplate, ctx: PrepareContext): PreparedFim {
  const start = ctx.clock.now();
  const picked = ctx.chunks?.pick(chunkTokenBudget(ctx.prompt), req.filePath) ?? [];
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
