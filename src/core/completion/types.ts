// The data the inline-completion pipeline takes in and gives back. The VS Code adapter turns a
// document + cursor into a CompletionRequest and shows a Suggestion as ghost text.

import type { FimRequest, FimResult } from '../providers/types';

export type TriggerKind = 'automatic' | 'explicit';

export interface CompletionRequest {
  /** Workspace-relative path (shown to the model as the file header), '/' separators. */
  filePath: string;
  languageId: string;
  /** Everything before the cursor, and everything after it (the whole document; the pipeline windows it). */
  prefix: string;
  suffix: string;
  /**
   * 0-based line of the cursor, when the adapter knows it (VS Code's position.line); saves
   * counting the newlines of the prefix.
   */
  cursorLine?: number;
  /** Document version the text was read from (VS Code's TextDocument.version). */
  documentVersion: number;
  trigger: TriggerKind;
  /** When the keystroke happened, in the scheduler clock's milliseconds. Defaults to clock.now(). */
  timestamp?: number;
}

/** Builds a request from the whole text and a cursor offset. */
export function requestFromText(init: {
  filePath: string; languageId: string; text: string; offset: number; documentVersion: number;
  trigger?: TriggerKind; timestamp?: number;
}): CompletionRequest {
  const offset = Math.max(0, Math.min(init.offset, init.text.length));
  return {
    filePath: init.filePath,
    languageId: init.languageId,
    prefix: init.text.slice(0, offset),
    suffix: init.text.slice(offset),
    documentVersion: init.documentVersion,
    trigger: init.trigger ?? 'automatic',
    timestamp: init.timestamp,
  };
}

/** The request at the position right after `inserted` is typed or accepted at the cursor. */
export function requestAfter(request: CompletionRequest, inserted: string): CompletionRequest {
  const newlines = inserted.split('\n').length - 1;
  return {
    ...request,
    prefix: request.prefix + inserted,
    cursorLine: request.cursorLine === undefined ? undefined : request.cursorLine + newlines,
    trigger: 'automatic',
    timestamp: undefined,
  };
}

export type SuggestionSource = 'model' | 'cache' | 'reused';

export interface SuggestionTimings {
  /** Time spent in Tiered's own code for this request (cache, context, prompt, IPC, post-processing). */
  overheadMs: number;
  /** Model evaluation time reported by the engine (0 when nothing was generated for this request). */
  modelMs: number;
  /** Time waited on the debounce timer (or on an in-flight generation that was reused). */
  waitedMs: number;
  /** From the call to the answer. */
  totalMs: number;
}

export interface SuggestionTokens {
  prompt: number;
  evaluated: number;
  generated: number;
  draftPredicted?: number;
  draftAccepted?: number;
}

export interface Suggestion {
  /** Text to insert at the cursor. */
  text: string;
  /**
   * Document offsets to replace with `text`, when the suggestion overwrites something; undefined
   * means insert at the cursor (the pipeline currently always inserts: closers already present in
   * the suffix are removed from the suggestion instead).
   */
  range?: { start: number; end: number };
  source: SuggestionSource;
  timings: SuggestionTimings;
  /** Present when this request ran the model (source 'model'). */
  tokens?: SuggestionTokens;
  /** The request this suggestion answers (what `accepted()` needs to precompute the next one). */
  request: CompletionRequest;
}

/**
 * What the scheduler needs from the local engine (LocalEngine in a child process, or a remote
 * endpoint). When the engine calls `onText` with each new piece of text as it streams, the
 * scheduler can stop waiting on a generation as soon as it diverges from what the user types;
 * engines that do not stream simply never call it.
 */
export interface FimEngine {
  fim(request: FimRequest, onText?: (delta: string) => void): Promise<FimResult>;
}

/** Time source and timers; injected so tests can drive time. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Counts the tokens of a text; the default estimate is characters / 3.5. */
export type CountTokens = (text: string) => number;

export const estimateTokens: CountTokens = (text) => Math.ceil(text.length / 3.5);

/** A token count whose answers change only when `revision` does (a calibrated estimate). */
export interface TokenCounter {
  readonly count: CountTokens;
  readonly revision: number;
}

/** A counter that never changes. */
export function fixedCounter(count: CountTokens): TokenCounter {
  return { count, revision: 0 };
}
