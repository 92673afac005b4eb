// Result cards under workflow answers (Deep Debug, Refactor): posts a card or an agent step to
// the panel, and runs the Apply registered for an answer when the card's button is clicked.
import type { AgentStepView, HostMessage, ResultCard } from '../../shared/protocol';

export class ResultCards {
  private readonly actions = new Map<string, () => Promise<string>>();
  private readonly cards = new Map<string, ResultCard>();
  private readonly steps = new Map<string, AgentStepView[]>();
  private static readonly KEEP = 20;

  constructor(private readonly post: (m: HostMessage) => void, private readonly onError: (message: string) => void) {}

  step(answerId: string, step: AgentStepView): void {
    const list = this.steps.get(answerId) ?? [];
    list.push(step);
    this.steps.set(answerId, list);
    this.trim(this.steps);
    this.post({ type: 'agentStep', payload: { answerId, step } });
  }

  /** The panel was (re)created and has shown the conversation: its steps and cards again. */
  replay(): void {
    for (const [answerId, list] of this.steps) for (const step of list) this.post({ type: 'agentStep', payload: { answerId, step } });
    for (const [answerId, card] of this.cards) this.post({ type: 'resultCard', payload: { answerId, card } });
  }

  private trim<V>(map: Map<string, V>): void {
    while (map.size > ResultCards.KEEP) map.delete(map.keys().next().value as string);
  }

  /** Shows `card`; `apply` (when given) runs on Apply and resolves with what happened. */
  show(answerId: string, card: ResultCard, apply?: () => Promise<string>): void {
    this.cards.set(answerId, card);
    this.trim(this.cards);
    if (apply) this.actions.set(answerId, apply);
    this.post({ type: 'resultCard', payload: { answerId, card } });
  }

  /** Apply clicked: once per card; the card then says what happened. */
  async apply(answerId: string): Promise<void> {
    const action = this.actions.get(answerId);
    const card = this.cards.get(answerId);
    if (!action || !card) {
      this.onError('That result can no longer be applied (the window was reloaded). Run Deep Debug again.');
      return;
    }
    this.actions.delete(answerId);
    let applied: string;
    try {
      applied = await action();
    } catch {
      applied = 'The fix could not be applied. See the "Tiered" output for details.';
    }
    this.show(answerId, { ...card, canApply: false, applied });
  }
}
