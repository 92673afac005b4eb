// The extension lays the prompt out with an estimate of its tokens (the tokenizer lives in the
// worker, which measures the prompt exactly and trims what would not fit: providers/local/
// promptTokens.ts). The estimate learns the loaded model's characters per token from the
// engine's own counts, in coarse steps, so the layout — and with it the KV cache — stays put
// while the user types: a model whose tokens are single bytes gets prompts that fit, a model
// with 3.5 characters per token gets the context it has room for.
import type { CountTokens, TokenCounter } from './types';

/** Characters per token before any measurement (code on common BPE vocabularies). */
export const INITIAL_CHARS_PER_TOKEN = 3.5;
/** A measurement moves the estimate only when it is off by more than this factor. */
const TOLERANCE = 1.15;
/** Prompts shorter than this (tokens) say too little about the vocabulary. */
const MIN_SAMPLE_TOKENS = 256;
const STEPS_PER_OCTAVE = 8;
/** The estimate leans to more tokens than measured, so the worker rarely has to trim. */
const SAFETY = 0.92;

export class TokenEstimate implements TokenCounter {
  private value: number;
  private changes = 0;

  constructor(initialCharsPerToken = INITIAL_CHARS_PER_TOKEN) {
    this.value = initialCharsPerToken;
  }

  get charsPerToken(): number { return this.value; }
  /** Increases each time the estimate changes (what was counted before may count otherwise now). */
  get revision(): number { return this.changes; }

  readonly count: CountTokens = (text) => Math.ceil(text.length / this.value);

  /**
   * The engine measured a prompt of `chars` characters as `tokens` tokens (before any trimming).
   * Returns true when the estimate changed.
   */
  observe(chars: number, tokens: number): boolean {
    if (tokens < MIN_SAMPLE_TOKENS || chars <= 0) return false;
    const measured = (chars / tokens) * SAFETY;
    if (measured <= this.value * TOLERANCE && measured >= this.value / TOLERANCE) return false;
    // Steps of an eighth of an octave (~9%), rounded down: nearby measurements land on the same value.
    this.value = Math.max(0.25, 2 ** (Math.floor(Math.log2(measured) * STEPS_PER_OCTAVE) / STEPS_PER_OCTAVE));
    this.changes++;
    return true;
  }

  reset(initialCharsPerToken = INITIAL_CHARS_PER_TOKEN): void {
    if (this.value !== initialCharsPerToken) this.changes++;
    this.value = initialCharsPerToken;
  }
}
