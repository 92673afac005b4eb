// The cost question of a request started in the chat, asked as a card in the chat instead of a
// modal dialog: the dispatcher's per-request `confirm` posts `costEstimate` to the panel and
// waits for the panel's `confirmCost`. Stop (the request's signal), a new or switched
// conversation, or closing the panel answers "no": nothing is sent without a yes. Requests
// started from the command palette keep the modal (the dispatcher's default confirm).
import type { CostQuestion } from '../tiers/dispatcher';
import type { HostMessage, HostToWebview } from '../../shared/protocol';

export type { CostQuestion };

/** The card's payload: the figures, and for a budget question its sentence. */
export function estimateCard(id: string, q: CostQuestion): HostToWebview['costEstimate'] {
  const card: HostToWebview['costEstimate'] = { id, usd: q.estimate.usd ?? null, inputTokens: q.estimate.inputTokens, model: q.estimate.model, kind: q.kind };
  if (q.kind === 'budget') card.note = q.message;
  else if (q.estimate.usd === undefined) card.note = 'This model is not in the price table: its cost is unknown, and its tokens count against tiered.budget.dailyUnpricedTokens.';
  return card;
}

export class CostConfirmations {
  private readonly pending = new Map<string, (accept: boolean) => void>();

  constructor(private readonly post: (m: HostMessage) => void, private readonly newId: () => string) {}

  /** Shows the card and resolves with the user's answer (false when `signal` aborts first). */
  ask(q: CostQuestion, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    const id = this.newId();
    return new Promise<boolean>((resolve) => {
      const onAbort = () => settle(false);
      const settle = (accept: boolean) => {
        if (!this.pending.delete(id)) return;
        signal?.removeEventListener('abort', onAbort);
        resolve(accept);
      };
      this.pending.set(id, settle);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.post({ type: 'costEstimate', payload: estimateCard(id, q) });
    });
  }

  /** The panel's answer to card `id` (unknown or already answered ids are ignored). */
  answer(id: string, accept: boolean): boolean {
    const settle = this.pending.get(id);
    settle?.(accept);
    return settle !== undefined;
  }

  /** Answers every open card "no" (the conversation it was in is gone from the panel). */
  declineAll(): void {
    for (const settle of [...this.pending.values()]) settle(false);
  }

  get open(): number {
    return this.pending.size;
  }
}
