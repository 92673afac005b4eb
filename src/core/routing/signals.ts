// Routing signals from what the user does with chat answers, turned into updates of the learned
// router. Only answers the router chose (chat in auto, decision.learned set) teach it:
//  - a miss for local: a local answer followed by "Escalate to reasoning", or by the same
//    question asked again within a minute;
//  - a miss for reasoning: a reasoning answer followed by "Retry locally", where the user keeps
//    the local answer (copies, inserts or applies it, or moves on to another question);
//  - a success: Apply, Insert or Copy of an answer.
// The question's text is held in memory as a hash for a minute (to spot a re-ask) and never
// stored; what is stored (./routingStore.ts) is the feature vector, the tier and the outcome.
import type { RouteDecision } from './router';
import type { LearnedRouter, Outcome } from './learned';

export interface RoutedAnswer {
  answerId: string;
  conversationId: string;
  questionText: string;
  tier: 'local' | 'reasoning';
  decision: Pick<RouteDecision, 'learned'>;
  /** The answer this one re-asks (escalate / retry locally). */
  retryOf?: string;
  /** What the request would have cost on the reasoning model (undefined: unpriced). */
  reasoningUsd?: number;
}

export interface SignalRecord {
  /** Epoch ms. */
  t: number;
  outcome: Outcome;
  /** What made it: escalate, re-ask, retry-kept, retry-moved-on, copy, insert, apply. */
  via: string;
  bucket: string;
  x: number[];
}

export interface SignalSink {
  /** A signal was learned from (persist it, refresh the status bar). */
  record(s: SignalRecord): void;
  /** A routed answer was given: counts for the saving (reasoningUsd saved when local). */
  routed(tier: 'local' | 'reasoning', reasoningUsd: number | undefined): void;
  /** An escalation undid the saving of a local answer. */
  unsaved(reasoningUsd: number | undefined): void;
}

interface Tracked {
  answerId: string;
  conversationId: string;
  tier: 'local' | 'reasoning';
  learned?: NonNullable<RouteDecision['learned']>;
  reasoningUsd?: number;
  questionHash: number;
  at: number;
  /** A signal already taught from this answer (at most one success, one miss). */
  kept?: boolean;
  missed?: boolean;
  /** For a local retry of a reasoning answer: that answer, until the user keeps this one. */
  retryOfReasoning?: string;
}

export const REASK_WINDOW_MS = 60_000;
const MAX_TRACKED = 200;

/** Case- and space-insensitive hash of a question, to spot the same question asked again. */
export function questionHash(text: string): number {
  const s = text.toLowerCase().replace(/\s+/g, ' ').trim();
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class RoutingSignals {
  private readonly answers = new Map<string, Tracked>();
  /** Answers the user asked to retry locally: their local retry is pending a keep. */
  private readonly retriedLocally = new Set<string>();

  constructor(private readonly learner: () => LearnedRouter | undefined, private readonly sink: SignalSink, private readonly now: () => number = Date.now) {}

  /** A chat answer started (the tier is chosen). */
  answered(a: RoutedAnswer): void {
    const t: Tracked = { answerId: a.answerId, conversationId: a.conversationId, tier: a.tier, questionHash: questionHash(a.questionText), at: this.now() };
    if (a.decision.learned) {
      t.learned = a.decision.learned;
      t.reasoningUsd = a.reasoningUsd;
      this.sink.routed(a.tier, a.reasoningUsd);
    }
    if (a.retryOf !== undefined && a.tier === 'local' && this.retriedLocally.has(a.retryOf)) t.retryOfReasoning = a.retryOf;
    this.answers.set(a.answerId, t);
    if (this.answers.size > MAX_TRACKED) this.answers.delete(this.answers.keys().next().value as string);
  }

  /** A question was sent: the same question within a minute of a routed local answer is a miss. */
  asked(conversationId: string, text: string): void {
    const h = questionHash(text);
    const now = this.now();
    for (const t of this.answers.values()) {
      if (t.conversationId !== conversationId) continue;
      if (t.questionHash === h && t.tier === 'local' && now - t.at <= REASK_WINDOW_MS) this.miss(t, 'local-missed', 're-ask');
      else if (t.questionHash !== h && t.retryOfReasoning) this.keepRetry(t, 'retry-moved-on');
    }
  }

  /** "Escalate to reasoning" on an answer. */
  escalated(answerId: string): void {
    const t = this.answers.get(answerId);
    if (!t) return;
    if (t.retryOfReasoning) t.retryOfReasoning = undefined; // the local retry did not do either
    if (t.tier === 'local') this.miss(t, 'local-missed', 'escalate');
  }

  /** "Retry locally" on an answer: a miss for reasoning once the user keeps the local answer. */
  retriedLocallyOn(answerId: string): void {
    const t = this.answers.get(answerId);
    if (t?.tier === 'reasoning' && t.learned) this.retriedLocally.add(answerId);
  }

  /** Copy, Insert or Apply of code from an answer. */
  used(answerId: string | undefined, via: 'copy' | 'insert' | 'apply'): void {
    const t = answerId === undefined ? undefined : this.answers.get(answerId);
    if (!t) return;
    if (t.retryOfReasoning) this.keepRetry(t, `retry-kept (${via})`);
    if (!t.learned || t.kept || t.missed) return;
    t.kept = true;
    this.teach(t, t.tier === 'local' ? 'local-kept' : 'reasoning-kept', via);
  }

  private keepRetry(t: Tracked, via: string): void {
    const original = t.retryOfReasoning ? this.answers.get(t.retryOfReasoning) : undefined;
    if (t.retryOfReasoning) this.retriedLocally.delete(t.retryOfReasoning);
    t.retryOfReasoning = undefined;
    if (original) this.miss(original, 'reasoning-missed', via);
  }

  private miss(t: Tracked, outcome: 'local-missed' | 'reasoning-missed', via: string): void {
    if (!t.learned || t.missed) return;
    t.missed = true;
    if (outcome === 'local-missed') this.sink.unsaved(t.reasoningUsd);
    this.teach(t, outcome, via);
  }

  private teach(t: Tracked, outcome: Outcome, via: string): void {
    const l = t.learned!;
    this.learner()?.learn(l.x, l.bucket, outcome);
    this.sink.record({ t: this.now(), outcome, via, bucket: l.bucket, x: l.x });
  }
}

/** The answer whose text holds this code block (the panel's copy/insert/apply send the code only). */
export function answerWithCode(turns: readonly { role: string; id: string; text?: string }[], code: string): string | undefined {
  const needle = code.trim();
  if (!needle) return undefined;
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i];
    if (t.role === 'assistant' && t.text?.includes(needle)) return t.id;
  }
  return undefined;
}
