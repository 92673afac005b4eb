// One call from gathered data to a ready request: evidence items, budget, privacy, messages, and
// the token figures the cost estimate needs (estimateCost(book, { prompt: promptTokens, ... })).
import type { ChatMessage } from '../providers/types';
import { approxTokens } from '../cost/estimate';
import { collectEvidence, type DebugInput } from './collect';
import { assembleEvidence } from './evidence';
import { redactEvidence, type NeverSendPredicate } from './privacy';
import { buildDebugMessages, evidenceBudget, LOCAL_TIER_NOTE, promptTokens, type DebugTier, type StructuredMode } from './prompt';
import type { CountTokens } from './render';
import type { AssembledEvidence, LeftOut, MappedFrame, ParsedTrace } from './types';
import type { WorkspaceIndex } from './workspaceMap';

export interface PrepareOptions {
  index: WorkspaceIndex;
  tier: DebugTier;
  mode?: StructuredMode;
  /** What the user says is wrong. */
  problem?: string;
  isNeverSend?: NeverSendPredicate;
  /** The stored API keys, redacted wherever they appear. */
  knownSecrets?: readonly string[];
  countTokens?: CountTokens;
  /** Overrides the tier's evidence budget. */
  budgetTokens?: number;
  /** The local model's context (tiered.local.contextSize). */
  contextSize?: number;
}

export interface PreparedDebug {
  messages: ChatMessage[];
  evidence: AssembledEvidence;
  /** Tokens of the evidence block: the part follow-ups read from the prompt cache. */
  evidenceTokens: number;
  /** All prompt tokens of the first request: pass to estimateCost as `prompt`. */
  promptTokens: number;
  leftOut: LeftOut[];
  trace?: ParsedTrace;
  frames: MappedFrame[];
  /** A sentence to show before the answer (the local tier's shallower analysis), if any. */
  note?: string;
}

export function prepareDeepDebug(input: DebugInput, options: PrepareOptions): PreparedDebug {
  const count = options.countTokens ?? approxTokens;
  const collected = collectEvidence(input, { index: options.index, ...(options.isNeverSend ? { isNeverSend: options.isNeverSend } : {}) });
  const budget = options.budgetTokens ?? evidenceBudget({ tier: options.tier, ...(options.contextSize ? { contextSize: options.contextSize } : {}) });
  const evidence = assembleEvidence(collected.items, budget, count, {
    ...(options.isNeverSend ? { isNeverSend: options.isNeverSend } : {}),
    ...(options.knownSecrets ? { knownSecrets: options.knownSecrets } : {}),
  });
  const problem = options.problem ? redactEvidence(options.problem, options.knownSecrets).text : undefined;
  const messages = buildDebugMessages({ evidence, tier: options.tier, mode: options.mode ?? 'prompt', ...(problem ? { problem } : {}) });
  const evidenceMessage = messages.find((m) => m.cache);
  return {
    messages,
    evidence,
    evidenceTokens: evidenceMessage ? count(evidenceMessage.content) : 0,
    promptTokens: promptTokens(messages, count),
    leftOut: evidence.leftOut,
    ...(collected.trace ? { trace: collected.trace } : {}),
    frames: collected.frames,
    ...(options.tier === 'local' ? { note: LOCAL_TIER_NOTE } : {}),
  };
}
