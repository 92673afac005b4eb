// Test doubles for the completion pipeline: a clock driven by the test, and a scripted engine
// that answers after a controlled delay, streams, honours its AbortSignal and records its calls.

import type { FimRequest, FimResult } from '../../../src/core/providers/types';
import type { Clock, FimEngine } from '../../../src/core/completion/types';

/** Lets every pending promise continuation run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Timer { id: number; at: number; callback: () => void }

export class FakeClock implements Clock {
  time = 0;
  private timers: Timer[] = [];
  private nextId = 1;

  now(): number { return this.time; }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pendingTimers(): number { return this.timers.length; }

  /** Moves time forward by `ms`, firing due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await flush();
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = target;
    await flush();
  }
}

export interface ScriptedAnswer {
  text: string;
  /** Model time until the whole text is there, ms. */
  delayMs: number;
  /** Stream the text character by character over delayMs (calls onText). */
  stream?: boolean;
  fail?: Error;
}

export interface EngineCall {
  request: FimRequest;
  /** Prompt characters the model had to evaluate (the rest matched the previous prompt). */
  evaluatedChars: number;
  finishReason?: FimResult['finishReason'];
}

/** An engine whose answers come from `script`, on the fake clock. */
export class ScriptedEngine implements FimEngine {
  readonly calls: EngineCall[] = [];
  private previousPrompt = '';

  constructor(private readonly clock: FakeClock, private readonly script: (request: FimRequest, index: number) => ScriptedAnswer) {}

  fim(request: FimRequest, onText?: (delta: string) => void): Promise<FimResult> {
    const answer = this.script(request, this.calls.length);
    let common = 0;
    while (common < request.prompt.length && common < this.previousPrompt.length && request.prompt[common] === this.previousPrompt[common]) common++;
    this.previousPrompt = request.prompt;
    const call: EngineCall = { request, evaluatedChars: request.prompt.length - common };
    this.calls.push(call);
    const promptTokens = Math.ceil(request.prompt.length / 3.5);
    const evaluatedTokens = Math.ceil(call.evaluatedChars / 3.5);
    const started = this.clock.now();
    return new Promise((resolve, reject) => {
      let sent = 0;
      const timers: unknown[] = [];
      const finish = (finishReason: FimResult['finishReason'], text: string) => {
        timers.forEach((t) => this.clock.clearTimeout(t));
        request.signal?.removeEventListener('abort', onAbort);
        call.finishReason = finishReason;
        resolve({ text, finishReason, promptTokens, evaluatedTokens, generatedTokens: text.length, modelMs: this.clock.now() - started });
      };
      const onAbort = () => finish('aborted', answer.text.slice(0, sent));
      if (request.signal?.aborted) { onAbort(); return; }
      request.signal?.addEventListener('abort', onAbort);
      if (answer.stream) {
        const step = answer.delayMs / Math.max(1, answer.text.length);
        for (let i = 0; i < answer.text.length; i++) {
          timers.push(this.clock.setTimeout(() => { sent = i + 1; onText?.(answer.text[i]); }, step * (i + 1)));
        }
      }
      timers.push(this.clock.setTimeout(() => {
        if (answer.fail) {
          request.signal?.removeEventListener('abort', onAbort);
          reject(answer.fail);
          return;
        }
        sent = answer.text.length;
        finish('stop', answer.text);
      }, answer.delayMs));
    });
  }
}
