// Result cards under workflow answers (Deep Debug, Refactor): posts a card or an agent step to
// the panel and saves it with the conversation (core/chat/answerResults), shows them again when
// the panel shows a conversation (after a reload too), and runs Apply: the live action of this
// session's run, or after a reload the stored fix through the restorer its workflow registered
// (which validates it again against the files as they are now).
import type { AnswerResults, StoredFix } from '../../core/chat/answerResults';
import type { AgentStepView, HostMessage, ResultCard } from '../../shared/protocol';

export type FixRestorer = (fix: StoredFix) => Promise<string>;

export class ResultCards {
  private readonly actions = new Map<string, () => Promise<string>>();
  private readonly restorers = new Map<StoredFix['kind'], FixRestorer>();
  private readonly applying = new Set<string>();

  constructor(
    private readonly post: (m: HostMessage) => void,
    private readonly onError: (message: string) => void,
    private readonly results: AnswerResults,
    /** The conversation the panel shows. */
    private readonly shownConversation: () => string,
  ) {}

  step(answerId: string, step: AgentStepView): void {
    this.results.step(answerId, step);
    this.post({ type: 'agentStep', payload: { answerId, step } });
  }

  /** The panel was (re)created and has shown the conversation: its steps and cards again. */
  replay(): void {
    for (const [answerId, r] of this.results.of(this.shownConversation())) {
      for (const step of r.steps) this.post({ type: 'agentStep', payload: { answerId, step } });
      if (r.card) this.post({ type: 'resultCard', payload: { answerId, card: r.card } });
    }
  }

  /** Apply of a replayed card of this kind runs `restore` with the stored fix. */
  restoreWith(kind: StoredFix['kind'], restore: FixRestorer): void {
    this.restorers.set(kind, restore);
  }

  /** Shows `card`; `apply` (when given) runs on Apply and resolves with what happened; `fix` is what a later Apply (after a reload) needs. */
  show(answerId: string, card: ResultCard, apply?: () => Promise<string>, fix?: StoredFix): void {
    this.results.card(answerId, card, fix);
    if (apply) this.actions.set(answerId, apply);
    this.post({ type: 'resultCard', payload: { answerId, card } });
  }

  /** Apply clicked: once per card; the card then says what happened. */
  async apply(answerId: string): Promise<void> {
    if (this.applying.has(answerId)) return;
    const stored = this.results.get(answerId);
    const card = stored?.card;
    const live = this.actions.get(answerId);
    const restore = stored?.fix ? this.restorers.get(stored.fix.kind) : undefined;
    const action = live ?? (card?.canApply && stored?.fix && restore ? () => restore(stored.fix!) : undefined);
    if (!action || !card) {
      this.onError('That result can no longer be applied: its fix was not kept. Run Deep Debug again.');
      return;
    }
    this.applying.add(answerId);
    let applied: string;
    try {
      applied = await action();
    } catch {
      applied = 'The fix could not be applied. See the "Tiered" output for details.';
    } finally {
      this.applying.delete(answerId);
    }
    this.actions.delete(answerId);
    this.show(answerId, { ...card, canApply: false, applied });
  }
}
