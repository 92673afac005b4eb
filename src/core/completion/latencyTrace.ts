// Timestamps of one request along the keystroke path, for the ghost-text benchmark (and anyone
// chasing latency): the VS Code adapter marks the document change, the provider's entry and
// return; the scheduler marks its decision; the generation marks the call to the engine (IPC),
// the first and the last token. The browser adds the keydown and the rendered ghost text.
import type { RequestOutcome } from './stats';
import type { CompletionRequest } from './types';

export const TRACE_STAGES = ['change', 'entry', 'decision', 'ipc', 'firstToken', 'lastToken', 'return'] as const;
export type TraceStage = (typeof TRACE_STAGES)[number];

/** Marks `stage` for `request` now. */
export type TraceMark = (request: CompletionRequest, stage: TraceStage) => void;

/** How `request` ended in the scheduler (served from the model or the cache, cancelled, stale, empty, ...): why a keystroke got no ghost text. */
export type TraceOutcome = (request: CompletionRequest, outcome: RequestOutcome) => void;
