// The naive local-FIM baseline, as the simplest extensions do it: every keystroke one fresh
// request with the full prompt, no debounce, no cache, no reuse of the KV cache. It runs on its
// own LocalEngine (own worker, own context). KV reuse is made impossible by a different random
// first line in every prompt (16 hex characters before the FIM start token), so the model re-evaluates the
// whole prompt: `evaluatedTokens` is what the worker measured, not an assumption.
import { randomBytes } from 'node:crypto';
import type { FimTemplate } from '../../../src/core/providers/local/fimTemplates';
import { decideMode, lineContext } from '../../../src/core/completion/postprocess';
import { buildPrompt, type PromptOptions } from '../../../src/core/completion/prompt';
import type { CompletionRequest, FimEngine } from '../../../src/core/completion/types';

export interface BaselineRecord { promptTokens: number; evaluatedTokens: number; modelMs: number; wallMs: number }

export async function runBaseline(opts: {
  engine: FimEngine; template: FimTemplate; promptOptions: Partial<PromptOptions>;
  samples: { request: CompletionRequest; chunks: { filePath: string; text: string }[] }[];
  maxTokensSingle: number; maxTokensMulti: number; timeBudgetMs: number;
}): Promise<BaselineRecord[]> {
  const records: BaselineRecord[] = [];
  for (const sample of opts.samples) {
    const built = buildPrompt(sample.request, sample.chunks, opts.template, opts.promptOptions);
    const prompt = `${randomBytes(8).toString('hex')}\n${built.prompt}`;
    const ctx = lineContext(built.prefixWindow, built.suffixWindow);
    const mode = decideMode(ctx.linePrefix, ctx.lineSuffix);
    const started = performance.now();
    const result = await opts.engine.fim({
      prompt, maxTokens: mode === 'single' ? opts.maxTokensSingle : opts.maxTokensMulti,
      stop: mode === 'single' ? [...built.stop, '\n'] : built.stop, timeBudgetMs: opts.timeBudgetMs,
      signal: new AbortController().signal,
    });
    records.push({ promptTokens: result.promptTokens, evaluatedTokens: result.evaluatedTokens, modelMs: result.modelMs, wallMs: performance.now() - started });
  }
  return records;
}
