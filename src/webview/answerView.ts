// One answer in the transcript: badge, collapsed thinking, streamed markdown body, status
// (stopped / error / cut), and "Escalate to reasoning" or "Retry locally".
import type { AgentStepView, AnswerHeader, AnswerStats, ResultCard } from '../shared/protocol';
import { post } from './api';
import { announce } from './announce';
import { renderBadge } from './badge';
import { button, h, icon } from './dom';
import { incompleteLabel, TIER_LABEL } from './format';
import { MarkdownView } from './markdown';
import { renderCard, renderStep } from './resultCard';

export class AnswerView {
  readonly element: HTMLElement;
  private text = '';
  private thinking = '';
  private stats: AnswerStats | undefined;
  private readonly badgeSlot = h('div', { class: 'badge-slot' });
  private readonly thinkingText = h('div', { class: 'thinking-text' });
  private readonly thinkingSummary = h('summary', {}, 'Thinking');
  private readonly thinkingBox = h('details', { class: 'thinking', hidden: '' }, this.thinkingSummary, this.thinkingText);
  private readonly body = new MarkdownView('markdown answer-body');
  private readonly footer = h('div', { class: 'answer-footer' });
  private readonly steps = h('div', { class: 'agent-steps', hidden: '' });
  private readonly cardSlot = h('div', { class: 'card-slot' });
  private readonly rawSummary = h('summary', {}, 'Raw answer');
  private readonly raw = h('details', { class: 'raw-answer' }, this.rawSummary);
  private frame = 0;

  constructor(private headerData: AnswerHeader, private readonly onChange: () => void) {
    const header = headerData;
    this.element = h('article', {
      class: `turn answer answer-${header.tier}`,
      'aria-label': `Answer from ${TIER_LABEL[header.tier] ?? header.tier}, ${header.model}`,
      'aria-busy': 'true',
    }, this.badgeSlot, this.thinkingBox, this.steps, this.body.element, this.cardSlot, this.footer);
    this.element.dataset.answerId = header.id;
    this.badgeSlot.append(renderBadge(header, undefined));
  }

  get header(): AnswerHeader {
    return this.headerData;
  }

  /** The host names the model once it is known (a local model loads on the first request). */
  rename(model: string): void {
    if (!model || model === this.headerData.model) return;
    this.headerData = { ...this.headerData, model };
    this.element.setAttribute('aria-label', `Answer from ${TIER_LABEL[this.headerData.tier] ?? this.headerData.tier}, ${model}`);
    this.badgeSlot.replaceChildren(renderBadge(this.headerData, this.stats));
  }

  /** An agent step (tool call or model turn), collapsed. */
  addStep(step: AgentStepView): void {
    this.steps.hidden = false;
    const shown = this.steps.querySelector(`[data-step="${step.index}"]`);
    const el = renderStep(step);
    el.dataset.step = String(step.index);
    if (shown) shown.replaceWith(el);
    else this.steps.append(el);
    this.onChange();
  }

  /** The structured result: the card replaces the text, which stays behind "Raw answer". */
  showCard(card: ResultCard): void {
    this.cardSlot.replaceChildren(renderCard(this.headerData.id, card));
    if (this.body.element.parentElement !== this.raw) {
      this.raw.append(this.body.element);
      this.cardSlot.after(this.raw);
    }
    this.onChange();
  }

  get streaming(): boolean {
    return this.stats === undefined;
  }

  append(delta: { text?: string; thinking?: string }): void {
    if (!this.streaming) return;
    if (typeof delta.text === 'string') this.text += delta.text;
    if (typeof delta.thinking === 'string') this.thinking += delta.thinking;
    this.frame ||= requestAnimationFrame(() => this.flush(false));
  }

  /** Restores a finished or in-flight answer at once (conversation restore). */
  fill(text: string, thinking: string, stats: AnswerStats | undefined): void {
    this.text = text;
    this.thinking = thinking;
    if (stats) this.end(stats, false);
    else this.flush(false);
  }

  end(stats: AnswerStats, speak = true): void {
    this.stats = stats;
    this.flush(true);
    this.element.setAttribute('aria-busy', 'false');
    this.badgeSlot.replaceChildren(renderBadge(this.header, stats));
    this.renderFooter(stats);
    if (speak) announce(`${TIER_LABEL[this.header.tier] ?? 'The'} answer ${incompleteLabel(stats) ? 'ended early' : 'is complete'}`);
    this.onChange();
  }

  private flush(final: boolean): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.thinking) {
      this.thinkingBox.hidden = false;
      this.thinkingText.textContent = this.thinking;
      this.thinkingSummary.textContent = this.streaming && !this.text ? 'Thinking…' : 'Thinking';
    }
    this.body.render(this.text, final);
    this.onChange();
  }

  private renderFooter(stats: AnswerStats): void {
    const label = incompleteLabel(stats);
    this.element.classList.toggle('answer-incomplete', label !== undefined);
    this.element.classList.toggle('answer-error', stats.finishReason === 'error');
    const status = label
      ? h('div', { class: 'answer-status', role: 'note' }, icon(stats.finishReason === 'error' ? 'error' : 'warning'), ` ${label}`)
      : undefined;
    const action = this.header.tier === 'local'
      ? button({ label: 'Escalate to reasoning', icon: 'arrow-up', text: 'Escalate to reasoning', className: 'action-escalate' },
        () => post('escalate', { answerId: this.header.id }))
      : button({ label: 'Retry locally', icon: 'vm', text: 'Retry locally', className: 'action-retry-local' },
        () => post('retryLocally', { answerId: this.header.id }));
    const setKey = this.header.needsKey
      ? button({ label: 'Set API Key for the reasoning model', icon: 'key', text: 'Set API Key', className: 'action-set-key' }, () => post('setApiKey', {}))
      : undefined;
    this.footer.replaceChildren(h('div', { class: 'answer-actions' }, ...(setKey ? [setKey] : []), action));
    if (status) this.footer.prepend(status);
  }
}
