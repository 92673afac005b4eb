// Runs one answer: builds the messages, dispatches (route, estimate, confirm, budget, stream,
// ledger), mirrors the stream into the conversation and the panel, and ends with the stats. One
// AbortController per answer; Stop aborts it and the signal reaches the provider.
import { userMessage } from '../errors';
import type { Logger } from '../log';
import type { TierId } from '../providers/types';
import type { CostQuestion, Dispatched, DispatchOutcome, DispatchRequest } from '../tiers/dispatcher';
import type { AnswerHeader, AnswerTurn, HostMessage } from '../../shared/protocol';
import { buildMessages, routeFacts } from './messages';
import { chatEgressContext } from '../egress/context';
import { redact } from '../redact';
import { failedStats, statsFromResult } from './stats';
import type { Conversation, StoredUserTurn } from './types';

/** The part of the Dispatcher the chat uses. */
export interface DispatcherLike {
  dispatch(req: DispatchRequest): Promise<DispatchOutcome>;
}

export interface AnswerDeps {
  post(message: HostMessage): void;
  dispatcher(): Promise<DispatcherLike>;
  /** Called when the conversation changed in a way worth storing (answer started, ended). */
  save(c: Conversation): void;
  log: Logger;
  newId(): string;
  now(): number;
  system?: string;
  /** The tier is chosen for an answer (routing signals: ../routing/signals.ts). */
  onRouted?(answer: AnswerTurn, question: StoredUserTurn, decision: Dispatched['decision']): void;
  /** The local tier is a server off this machine (tiered.local.endpoint): it then gets only what the cloud may get. */
  localLeavesMachine?(): boolean;
  /** Asks the cost question in the chat (a card) instead of the dispatcher's modal; false when `signal` aborts. */
  confirm?(question: CostQuestion, signal: AbortSignal): Promise<boolean>;
}

/** A running answer: Stop may name the question (before the answer starts) or the answer. */
export interface RunningAnswer {
  readonly abort: AbortController;
  readonly questionId: string;
  answerId?: string;
  readonly done: Promise<void>;
  /** What the dispatcher gave back (undefined when it failed before answering). */
  readonly outcome: Promise<DispatchOutcome | undefined>;
}

export function header(a: AnswerTurn): AnswerHeader {
  const h: AnswerHeader = { id: a.id, conversationId: a.conversationId, tier: a.tier, model: a.model, reason: a.reason };
  if (a.replyTo !== undefined) h.replyTo = a.replyTo;
  if (a.retryOf !== undefined) h.retryOf = a.retryOf;
  if (a.needsKey) h.needsKey = true;
  return h;
}

// The router's wording when the reasoning tier has no key (core/routing/router.ts reasoningBlocked).
const NO_KEY = /no API key for the reasoning model(?: \(run "Tiered: Set API Key"\))?/;

/**
 * The reason line of an answer: the router's reason, and what it fell back from — said once.
 * Without a key the answer carries a Set API Key button, so the line does not repeat the command.
 */
export function answerReason(decision: { tier: TierId; reason: string; fallback?: string }): { reason: string; needsKey: boolean } {
  const needsKey = decision.tier === 'local' && NO_KEY.test(decision.reason);
  const strip = (t: string) => (needsKey ? t.replace(NO_KEY, 'no API key for the reasoning model') : t);
  const reason = strip(decision.reason);
  if (!decision.fallback) return { reason, needsKey };
  const fallback = strip(decision.fallback);
  const cause = reason.replace(/^(Local|Reasoning):\s*/, '');
  // "Local: X — You asked for the reasoning model; it cannot run: X." → "Local: you asked for the reasoning model; it cannot run: X."
  if (cause && fallback.includes(cause)) return { reason: `${reason.slice(0, reason.length - cause.length)}${fallback.charAt(0).toLowerCase()}${fallback.slice(1).replace(/\.$/, '')}`, needsKey };
  return { reason: `${reason} — ${fallback}`, needsKey };
}

/** Starts answering `question` of `c`; explicitTier 'local' lets excluded (neverSend) context in. */
export function startAnswer(deps: AnswerDeps, c: Conversation, question: StoredUserTurn, explicitTier?: TierId, retryOf?: string): RunningAnswer {
  const abort = new AbortController();
  const run: { abort: AbortController; questionId: string; answerId?: string; done: Promise<void>; outcome: Promise<DispatchOutcome | undefined> } = { abort, questionId: question.id, done: Promise.resolve(), outcome: Promise.resolve(undefined) };
  run.outcome = answer(deps, c, question, abort.signal, run, explicitTier, retryOf);
  run.done = run.outcome.then(() => undefined);
  return run;
}

async function answer(deps: AnswerDeps, c: Conversation, question: StoredUserTurn, signal: AbortSignal, run: { answerId?: string }, explicitTier?: TierId, retryOf?: string): Promise<DispatchOutcome | undefined> {
  const startedAt = deps.now();
  // Only a local tier on this machine may read withheld (neverSend) content and unredacted attachments.
  const onMachine = explicitTier === 'local' && !deps.localLeavesMachine?.();
  const messages = buildMessages(c, question, onMachine ? 'local' : 'any', deps.system);
  let turn: AnswerTurn | undefined;
  let outcome: DispatchOutcome;
  try {
    const dispatcher = await deps.dispatcher();
    outcome = await dispatcher.dispatch({
      purpose: c.basis?.purpose ?? 'chat',
      messages,
      ...(c.basis?.preApprovedUsd !== undefined && question.id === c.basis.firstTurnId ? { preApprovedUsd: c.basis.preApprovedUsd } : {}),
      egress: c.basis?.egress ?? chatEgressContext(questionsUpTo(c, question).flatMap((t) => t.context), (text) => redact(text).count),
      route: routeFacts(c, question, explicitTier),
      signal,
      ...(deps.confirm ? { confirm: (q: CostQuestion) => deps.confirm!(q, signal) } : {}),
      onDecision: (d) => {
        const { reason, needsKey } = answerReason({ ...d.decision, tier: d.tier });
        turn = { role: 'assistant', id: deps.newId(), conversationId: c.id, replyTo: question.id, tier: d.tier, model: d.model, reason, text: '', thinking: '' };
        if (needsKey) turn.needsKey = true;
        if (retryOf !== undefined) turn.retryOf = retryOf;
        run.answerId = turn.id;
        c.turns.push(turn);
        c.updatedAt = deps.now();
        deps.save(c);
        deps.post({ type: 'answerStart', payload: header(turn) });
        deps.onRouted?.(turn, question, d.decision);
      },
      onEvent: (e) => {
        if (!turn) return;
        if (e.type === 'text' && e.text) {
          turn.text += e.text;
          deps.post({ type: 'answerDelta', payload: { id: turn.id, text: e.text } });
        } else if (e.type === 'thinking' && e.text) {
          turn.thinking += e.text;
          deps.post({ type: 'answerDelta', payload: { id: turn.id, thinking: e.text } });
        } else if (e.type === 'retry') {
          deps.log.info(`Chat answer ${turn.id}: retry ${e.attempt} in ${e.delayMs} ms (${e.reason})`);
        }
      },
    });
  } catch (error) {
    const message = userMessage(error);
    deps.log.warn(`Chat answer failed: ${message}`);
    if (turn) finish(deps, c, turn, failedStats(turn.tier, message, startedAt, deps.now()));
    else deps.post({ type: 'error', payload: { message } });
    return undefined;
  }
  if (outcome.kind === 'declined') {
    deps.post({ type: 'error', payload: { message: outcome.message } });
    return outcome;
  }
  const t = turn ?? (() => {
    // A dispatcher that skipped onDecision: start the answer now so the panel still shows it.
    const late: AnswerTurn = { role: 'assistant', id: deps.newId(), conversationId: c.id, replyTo: question.id, tier: outcome.tier, model: outcome.model, reason: outcome.decision.reason, text: '', thinking: '' };
    c.turns.push(late);
    deps.post({ type: 'answerStart', payload: header(late) });
    return late;
  })();
  const r = outcome.result;
  if (r.text.length > t.text.length) {
    deps.post({ type: 'answerDelta', payload: { id: t.id, text: r.text.slice(t.text.length) } });
    t.text = r.text;
  }
  if (r.thinking.length > t.thinking.length) t.thinking = r.thinking;
  if (outcome.model && outcome.model !== t.model) {
    // The model is named once known (a local model loads on the first request): the panel
    // updates the shown answer's badge when its start is sent again.
    t.model = outcome.model;
    deps.post({ type: 'answerStart', payload: header(t) });
  }
  finish(deps, c, t, statsFromResult(outcome.tier, r, outcome.usd));
  return outcome;
}

function finish(deps: AnswerDeps, c: Conversation, t: AnswerTurn, stats: NonNullable<AnswerTurn['stats']>): void {
  t.stats = stats;
  c.updatedAt = deps.now();
  deps.save(c);
  deps.post({ type: 'answerEnd', payload: { id: t.id, stats } });
}

/** The user turns of `c` up to and including `question` (their attachments are sent again with the history). */
function questionsUpTo(c: Conversation, question: StoredUserTurn): StoredUserTurn[] {
  const out: StoredUserTurn[] = [];
  for (const t of c.turns) {
    if (t.role !== 'user') continue;
    out.push(t);
    if (t.id === question.id) return out;
  }
  return [...out, question];
}
