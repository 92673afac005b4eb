// The panel's top bar: conversation history picker, New chat, and the models in use.
import type { HostToWebview } from '../shared/protocol';
import { post } from './api';
import { button, h } from './dom';

export class Header {
  readonly element: HTMLElement;
  private readonly picker = h('select', { class: 'conversation-picker', 'aria-label': 'Conversation history', title: 'Conversation history' });
  private readonly models = h('div', { class: 'models meta' });

  constructor() {
    this.picker.addEventListener('change', () => {
      if (this.picker.value) post('switchConversation', { id: this.picker.value });
    });
    this.element = h('header', { class: 'toolbar' },
      h('div', { class: 'toolbar-row' },
        this.picker,
        button({ label: 'New chat', icon: 'add', className: 'icon-button new-chat' }, () => post('newChat', {}))),
      this.models,
    );
  }

  update(state: HostToWebview['state']): void {
    // Titles can repeat ("Explain this"): each option carries its date, and a repeat a number.
    const seen = new Map<string, number>();
    const options = state.conversations.map((c) => {
      const when = new Date(c.updatedAt);
      const title = c.title.slice(0, 60) || 'Untitled';
      const n = (seen.get(title) ?? 0) + 1;
      seen.set(title, n);
      const date = Number.isFinite(when.getTime()) ? when.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '';
      return h('option', { value: c.id, title: Number.isFinite(when.getTime()) ? when.toLocaleString() : undefined }, `${title}${n > 1 ? ` (${n})` : ''}${date ? ` · ${date}` : ''}`);
    });
    if (state.currentConversationId === null || !state.conversations.some((c) => c.id === state.currentConversationId)) {
      options.unshift(h('option', { value: '' }, 'New conversation'));
    }
    this.picker.replaceChildren(...options);
    this.picker.value = state.currentConversationId ?? '';
    const local = `Local: ${state.localModel.label}${state.localModel.demo ? ' (demo model)' : ''}`;
    this.models.replaceChildren(
      h('span', { class: 'model-local', title: state.localModel.demo ? 'A tiny demo model: answers show the flow, not real help. Choose a model with "Tiered: Choose Local Model".' : 'The local model' }, local),
      ' · ',
      h('span', { class: 'model-reasoning', title: 'The reasoning model' }, `Reasoning: ${state.reasoningModel || 'not set'}`),
    );
  }
}
