// The scrolling message list: user turns, answers, cost confirmations. Keeps the view pinned to
// the bottom while streaming unless the user scrolled up; handles clicks on answer links.
import type { AnswerHeader, AnswerStats, ContextChip, HostToWebview, Turn, UserTurn } from '../shared/protocol';
import { post } from './api';
import { AnswerView } from './answerView';
import { renderChip } from './chips';
import { button, h, icon, present } from './dom';
import { formatCost } from './format';

const BOTTOM_SLACK = 24;

export class Transcript {
  readonly element = h('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
  private readonly list = h('div', { class: 'turns' });
  private readonly empty = h('div', { class: 'empty' });
  private readonly answers = new Map<string, AnswerView>();
  private readonly users = new Set<string>();
  private conversationId: string | null = null;
  private pinned = true;
  private pending: string | undefined;
  private pinFrame = 0;

  constructor(private readonly onBusyChange: () => void, private readonly onScroll: () => void) {
    this.element.append(this.empty, this.list);
    this.showEmpty('');
    this.element.addEventListener('scroll', () => {
      this.pinned = this.atBottom;
      this.onScroll();
    }, { passive: true });
    this.element.addEventListener('click', (e) => this.linkClick(e));
    this.element.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') this.linkClick(e); });
  }

  get currentId(): string | null { return this.conversationId; }
  get atBottom(): boolean {
    const el = this.element;
    return el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
  }

  /** The id Stop should name: the streaming answer, or the user turn whose answer has not started. */
  get busyId(): string | undefined {
    for (const [id, view] of this.answers) if (view.streaming) return id;
    return this.pending;
  }

  showEmpty(localModel: string): void {
    this.empty.replaceChildren(...present(
      h('p', {}, 'Ask about your code. Choose Local to keep everything on this machine, Reasoning for hard questions, or Auto to let Tiered decide.'),
      localModel ? h('p', { class: 'meta' }, `Local model: ${localModel}`) : undefined,
    ));
  }

  setConversation(conversation: HostToWebview['conversation']): void {
    this.conversationId = conversation.id;
    this.answers.clear();
    this.users.clear();
    this.pending = undefined;
    this.list.replaceChildren();
    for (const turn of conversation.turns) this.addTurn(turn);
    this.changed();
  }

  private addTurn(turn: Turn): void {
    if (turn.role === 'user') this.addUser(turn);
    else this.startAnswer(turn)?.fill(turn.text, turn.thinking, turn.stats);
  }

  addUser(turn: UserTurn): void {
    if (this.users.has(turn.id)) return;
    this.users.add(turn.id);
    const chips = turn.chips.length ? h('div', { class: 'chips' }, ...turn.chips.map((c: ContextChip) => renderChip(c))) : undefined;
    const el = h('article', { class: 'turn user', 'aria-label': 'Your message' }, h('div', { class: 'user-text' }, turn.text), chips);
    this.list.append(el);
    this.pinned = true;
    this.changed();
  }

  /** Shows the user's turn at once and waits for the host's answer. */
  sent(turn: UserTurn): void {
    this.addUser(turn);
    this.pending = turn.id;
    this.onBusyChange();
  }

  /** Shows a new answer; for an answer already shown, a repeated start updates its model name. */
  startAnswer(header: AnswerHeader): AnswerView | undefined {
    if (header.conversationId !== this.conversationId) return undefined;
    const shown = this.answers.get(header.id);
    if (shown) {
      if (typeof header.model === 'string') shown.rename(header.model);
      return undefined;
    }
    const view = new AnswerView(header, () => this.changed());
    this.answers.set(header.id, view);
    this.removeEstimates();
    this.list.append(view.element);
    if (this.pending && (header.replyTo === undefined || header.replyTo === this.pending)) this.pending = undefined;
    this.onBusyChange();
    this.changed();
    return view;
  }

  agentStep(payload: HostToWebview['agentStep']): void {
    this.answers.get(payload.answerId)?.addStep(payload.step);
  }

  resultCard(payload: HostToWebview['resultCard']): void {
    this.answers.get(payload.answerId)?.showCard(payload.card);
  }

  delta(payload: HostToWebview['answerDelta']): void {
    this.answers.get(payload.id)?.append(payload);
  }

  endAnswer(id: string, stats: AnswerStats): void {
    const view = this.answers.get(id);
    if (!view || !view.streaming) return;
    view.end(stats);
    this.onBusyChange();
  }

  /** A cost confirmation before a cloud request started in the chat; the answer follows if the user accepts. */
  costEstimate(estimate: HostToWebview['costEstimate']): void {
    const budget = estimate.kind === 'budget';
    const card = h('div', { class: budget ? 'estimate budget' : 'estimate', role: 'group', 'aria-label': budget ? 'Budget reached' : 'Cost estimate' });
    card.dataset.estimateId = estimate.id;
    const decide = (accept: boolean) => {
      post('confirmCost', { id: estimate.id, accept });
      card.remove();
      if (!accept) this.clearPending();
    };
    const cost = typeof estimate.usd === 'number' ? `about ${formatCost({ kind: 'usd', usd: estimate.usd })}` : 'an unknown amount';
    card.append(...present(
      h('p', {}, icon('credit-card'), ` This request to ${estimate.model} will cost ${cost} (${estimate.inputTokens.toLocaleString('en-US')} tokens in).`),
      estimate.note ? h('p', { class: 'meta' }, estimate.note) : undefined,
      h('div', { class: 'estimate-actions' },
        button({ label: budget ? 'Send anyway' : 'Continue', text: budget ? 'Send anyway' : 'Continue', className: 'primary' }, () => decide(true)),
        button({ label: 'Cancel', text: 'Cancel' }, () => decide(false))),
    ));
    this.list.append(card);
    this.pinned = true;
    this.changed();
    card.querySelector('button')?.focus();
  }

  clearPending(): void {
    this.pending = undefined;
    this.removeEstimates();
    this.onBusyChange();
  }

  private removeEstimates(): void {
    for (const card of Array.from(this.list.querySelectorAll('.estimate'))) card.remove();
  }

  /** Re-pins to the bottom after content changed (once per frame: reading the height forces layout). */
  private changed(): void {
    this.empty.hidden = this.list.childElementCount > 0;
    this.pinFrame ||= requestAnimationFrame(() => {
      this.pinFrame = 0;
      if (this.pinned) this.element.scrollTop = this.element.scrollHeight;
    });
  }

  restoreScroll(scrollTop: number, atBottom: boolean): void {
    this.pinned = atBottom;
    this.element.scrollTop = atBottom ? this.element.scrollHeight : scrollTop;
  }

  private linkClick(event: Event): void {
    const link = (event.target as Element | null)?.closest?.('a.link');
    if (!(link instanceof HTMLAnchorElement) || !this.element.contains(link)) return;
    event.preventDefault();
    event.stopPropagation();
    const { url, path, line, column } = link.dataset;
    if (url) post('openExternal', { url });
    else if (path) {
      post('openLink', {
        path,
        ...(line ? { line: Number(line) } : {}),
        ...(column ? { column: Number(column) } : {}),
      });
    }
  }
}
