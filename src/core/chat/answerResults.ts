// What a workflow answer (Deep Debug, Refactor) adds below its text: the agent's steps (tool,
// arguments, result size, cost so far), the result card, and for a Deep Debug fix what Apply
// needs later (the fix and the versions of the files the model saw). Kept with the conversation
// that holds the answer, so it is saved with the chat history and shown again after a reload;
// bounded like the rest of the history.
import type { DebugResult } from '../debug/types';
import type { AgentStepView, ResultCard } from '../../shared/protocol';
import type { ConversationStore } from './store';
import type { Conversation } from './types';

/** A Deep Debug fix as stored for a later Apply: validated again against the files then. */
export interface StoredFix {
  kind: 'debug';
  result: DebugResult;
  /** Content hashes, by path, of the files the model saw (a file changed since is refused). */
  sentVersions: Record<string, string>;
  /** Files the model saw only in part or redacted (hunks only, no whole-file rewrite). */
  sentPartial: string[];
}

export interface AnswerResult {
  steps: AgentStepView[];
  card?: ResultCard;
  fix?: StoredFix;
}

export const MAX_STEPS_KEPT = 100;
/** A card and fix bigger than this (diffs of huge files) keep the card's text but not the diffs or the fix. */
export const MAX_RESULT_CHARS = 400_000;

/** Bounded for storage: the last steps, and no diffs or fix when they are too big to keep. */
export function boundResult(r: AnswerResult): AnswerResult {
  const steps = r.steps.length > MAX_STEPS_KEPT ? r.steps.slice(-MAX_STEPS_KEPT) : r.steps;
  if (JSON.stringify({ card: r.card, fix: r.fix }).length <= MAX_RESULT_CHARS) return { ...r, steps };
  const card = r.card ? { ...r.card, diffs: [], canApply: false, note: [r.card.note, 'The diffs were too big to keep in the chat history.'].filter(Boolean).join(' ') } : undefined;
  return { steps, ...(card ? { card } : {}) };
}

/** The results kept for answers of `c` still in it, checked (storage is read back as unknown). */
export function resultsOf(c: Conversation): Map<string, AnswerResult> {
  const out = new Map<string, AnswerResult>();
  const raw = c.results;
  if (!raw || typeof raw !== 'object') return out;
  const answers = new Set(c.turns.filter((t) => t.role === 'assistant').map((t) => t.id));
  for (const t of c.turns) {
    const r = (raw as Record<string, unknown>)[t.id] as Partial<AnswerResult> | undefined;
    if (!answers.has(t.id) || !r || typeof r !== 'object') continue;
    const steps = Array.isArray(r.steps) ? r.steps.filter((s): s is AgentStepView => !!s && typeof s === 'object' && typeof (s as AgentStepView).summary === 'string') : [];
    const card = r.card && typeof r.card === 'object' && typeof r.card.headline === 'string' ? r.card : undefined;
    const fix = r.fix && typeof r.fix === 'object' && r.fix.kind === 'debug' ? r.fix : undefined;
    if (steps.length || card) out.set(t.id, { steps, ...(card ? { card } : {}), ...(fix ? { fix } : {}) });
  }
  return out;
}

/** The steps and cards of workflow answers, saved in the conversation that holds each answer. */
export class AnswerResults {
  constructor(private readonly store: ConversationStore) {}

  /** Adds a step under `answerId`; false when no stored conversation has that answer. */
  step(answerId: string, step: AgentStepView): boolean {
    return this.update(answerId, (r) => ({ ...r, steps: [...r.steps, step] }));
  }

  /** Sets the card (and the fix Apply needs later) of `answerId`. */
  card(answerId: string, card: ResultCard, fix?: StoredFix): boolean {
    return this.update(answerId, (r) => ({ steps: r.steps, card, ...(fix ? { fix } : r.fix && card.canApply ? { fix: r.fix } : {}) }));
  }

  get(answerId: string): AnswerResult | undefined {
    const c = this.owner(answerId);
    return c ? resultsOf(c).get(answerId) : undefined;
  }

  /** The results of the answers in conversation `id`, in the order of its turns. */
  of(conversationId: string): Map<string, AnswerResult> {
    const c = this.store.get(conversationId);
    return c ? resultsOf(c) : new Map();
  }

  private owner(answerId: string): Conversation | undefined {
    for (const s of this.store.list()) {
      const c = this.store.get(s.id);
      if (c?.turns.some((t) => t.id === answerId && t.role === 'assistant')) return c;
    }
    return undefined;
  }

  private update(answerId: string, change: (r: AnswerResult) => AnswerResult): boolean {
    const c = this.owner(answerId);
    if (!c) return false;
    const before = resultsOf(c).get(answerId) ?? { steps: [] };
    c.results = { ...(c.results ?? {}), [answerId]: boundResult(change(before)) };
    this.store.put(c);
    return true;
  }
}
