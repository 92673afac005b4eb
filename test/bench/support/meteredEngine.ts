// Wraps a FimEngine to know when the model is working (for the WarpClock) and to add up every
// engine call, including the aborted ones the scheduler's per-request records leave out.
import type { FimEngine } from '../../../src/core/completion/types';
import type { FimRequest, FimResult } from '../../../src/core/providers/types';
import type { BusySource } from './warpClock';

export class MeteredEngine implements FimEngine, BusySource {
  calls = 0;
  aborted = 0;
  evaluatedTokens = 0;
  promptTokens = 0;
  modelMs = 0;
  /** Every call's figures as the worker measured them. */
  readonly records: (Pick<FimResult, 'promptTokens' | 'evaluatedTokens' | 'generatedTokens' | 'modelMs' | 'finishReason' | 'trimmedTokens' | 'overContext'> & { maxTokens: number })[] = [];
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly inner: FimEngine) {}

  busy(): boolean { return this.inFlight > 0; }

  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async fim(request: FimRequest, onText?: (delta: string) => void): Promise<FimResult> {
    this.inFlight++;
    this.calls++;
    try {
      const result = await this.inner.fim(request, onText);
      if (result.finishReason === 'aborted') this.aborted++;
      this.evaluatedTokens += result.evaluatedTokens;
      this.promptTokens += result.promptTokens;
      this.modelMs += result.modelMs;
      const { promptTokens, evaluatedTokens, generatedTokens, modelMs, finishReason, trimmedTokens, overContext } = result;
      this.records.push({ promptTokens, evaluatedTokens, generatedTokens, modelMs, finishReason, trimmedTokens, overContext, maxTokens: request.maxTokens });
      return result;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const w of this.waiters.splice(0)) w();
    }
  }
}
