// The agent inside a chat answer: the chat's answer machinery calls `dispatch` once (routing,
// streaming into the panel, stats); this runs the whole loop there, each model turn going
// through the real Dispatcher (ledger, budget, egress record) with the tools, the first turn
// naming the tier, every turn's text and thinking streamed into the same answer. The outcome is
// one answer: the final turn's text, the usage and dollars of all turns.
import { UserFacingError } from '../errors';
import type { DispatchOutcome, DispatchRequest } from '../tiers/dispatcher';
import type { ChatResult, Usage } from '../providers/types';
import { runAgent, type AgentRunOptions } from './loop';
import type { AgentOutcome } from './types';

export interface DispatcherPort {
  dispatch(req: DispatchRequest): Promise<DispatchOutcome>;
}

export type AgentDispatchOptions = Omit<AgentRunOptions, 'chat' | 'messages' | 'signal' | 'onEvent'> & {
  dispatcher: DispatcherPort;
  /** Called with the run's outcome (the caller reads the result, the files seen). */
  onOutcome?: (outcome: AgentOutcome) => void;
};

/** A `dispatch` that runs the agent loop for the request's messages. */
export function agentDispatch(o: AgentDispatchOptions): (req: DispatchRequest) => Promise<DispatchOutcome> {
  return async (req) => {
    let first: Extract<DispatchOutcome, { kind: 'answered' }> | undefined;
    let last: ChatResult | undefined;
    let turns = 0;
    let declined: Extract<DispatchOutcome, { kind: 'declined' }> | undefined;
    const outcome = await runAgent({
      ...o,
      messages: req.messages,
      signal: req.signal ?? new AbortController().signal,
      ...(req.onEvent ? { onEvent: req.onEvent } : {}),
      chat: async (turn) => {
        turns++;
        if (turns > 1) req.onEvent?.({ type: 'text', text: '\n\n' });
        const r = await o.dispatcher.dispatch({
          ...req,
          messages: turn.messages,
          signal: turn.signal,
          ...(turn.tools ? { tools: turn.tools } : {}),
          // The user accepted the task's budget before the start: no prompt per turn below it.
          ...(req.preApprovedUsd !== undefined ? { preApprovedUsd: Math.max(req.preApprovedUsd, o.limits.maxUsd) } : {}),
          ...(turns === 1 && req.onDecision ? { onDecision: req.onDecision } : { onDecision: undefined }),
        });
        if (r.kind === 'declined') {
          declined = r;
          throw new UserFacingError(r.message);
        }
        first ??= r;
        last = r.result;
        return { result: r.result, usd: r.usd };
      },
    });
    o.onOutcome?.(outcome);
    if (declined && !first) return declined;
    if (!first || !last) {
      // Stopped before the first answer (limits, Stop): nothing was sent.
      throw Object.assign(new Error(outcome.message ?? 'Stopped.'), { name: 'AbortError' });
    }
    const usage: Usage = outcome.usage;
    const result: ChatResult = {
      ...last,
      text: outcome.text,
      usage,
      ...(outcome.status === 'answered' ? {} : { finishReason: outcome.status === 'stopped' ? 'aborted' : 'error', incomplete: true, errorMessage: outcome.message }),
    };
    return { ...first, result, usd: outcome.usd };
  };
}
