// The input area: context chips, attach buttons, tier selector, textarea (Enter sends,
// Shift+Enter adds a line, Escape stops), and one Send/Stop button.
import type { ContextChip, Tier, UserTurn } from '../shared/protocol';
import { post } from './api';
import { renderChips } from './chips';
import { button, h, icon } from './dom';

const TIERS: { value: Tier; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'local', label: 'Local' },
  { value: 'reasoning', label: 'Reasoning' },
];
const MAX_ROWS = 10;

export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ComposerHooks {
  /** Shows the user's turn; called after `send` was posted. */
  sent(turn: UserTurn): void;
  /** The id to stop, when an answer is running or awaited. */
  busyId(): string | undefined;
  draftChanged(): void;
}

export class Composer {
  readonly element: HTMLElement;
  readonly textarea = h('textarea', {
    class: 'input',
    rows: '2',
    'aria-label': 'Message to Tiered. Enter sends, Shift+Enter adds a new line, Escape stops the answer',
    placeholder: 'Ask about your code (Enter to send, Shift+Enter for a new line)',
  });
  private readonly chipRow = h('div', { class: 'chips composer-chips', 'aria-label': 'Attached context', role: 'list' });
  private readonly tierSelect = h('select', { class: 'tier-select', 'aria-label': 'Tier for this conversation', title: 'Tier for this conversation' });
  private readonly sendButton = h('button', { type: 'button', class: 'send primary' });
  private chips: ContextChip[] = [];
  private busy = false;

  constructor(private readonly hooks: ComposerHooks) {
    for (const t of TIERS) this.tierSelect.append(h('option', { value: t.value }, t.label));
    this.tierSelect.addEventListener('change', () => post('setTier', { tier: this.tierSelect.value as Tier }));
    this.textarea.addEventListener('keydown', (e) => this.keydown(e));
    this.textarea.addEventListener('input', () => { this.fit(); this.hooks.draftChanged(); });
    this.sendButton.addEventListener('click', () => (this.busy ? this.stop() : this.send()));
    this.setBusy(false);
    const attach = h('div', { class: 'attach', role: 'toolbar', 'aria-label': 'Attach context' },
      button({ label: 'Attach the selection', icon: 'selection', text: 'Selection', className: 'attach-button' }, () => post('attach', { kind: 'selection' })),
      button({ label: 'Attach the current file', icon: 'file-add', text: 'File', className: 'attach-button' }, () => post('attach', { kind: 'file' })),
      button({ label: 'Attach the problems of the current file', icon: 'warning', text: 'Problems', className: 'attach-button' }, () => post('attach', { kind: 'problems' })),
    );
    this.element = h('div', { class: 'composer' },
      this.chipRow,
      this.textarea,
      h('div', { class: 'composer-bar' }, attach, h('span', { class: 'spacer' }), this.tierSelect, this.sendButton),
    );
    this.chipRow.hidden = true;
  }

  get draft(): string { return this.textarea.value; }
  set draft(text: string) {
    this.textarea.value = text;
    this.fit();
  }

  setTier(tier: Tier): void {
    this.tierSelect.value = tier;
  }

  /** The tier picker names the model behind each tier. */
  setModels(local: string, reasoning: string): void {
    const names: Record<Tier, string> = { auto: 'Auto (router picks)', local: `Local · ${local}`, reasoning: `Reasoning · ${reasoning}` };
    for (const option of Array.from(this.tierSelect.options)) option.textContent = names[option.value as Tier] ?? option.value;
  }

  setChips(chips: ContextChip[]): void {
    this.chips = chips;
    this.chipRow.replaceChildren(...renderChips(chips, (chip) => post('removeChip', { id: chip.id })).map((c) => {
      c.setAttribute('role', 'listitem');
      return c;
    }));
    this.chipRow.hidden = chips.length === 0;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    const label = busy ? 'Stop the answer' : 'Send';
    this.sendButton.replaceChildren(icon(busy ? 'debug-stop' : 'send'), h('span', { class: 'button-text' }, busy ? 'Stop' : 'Send'));
    this.sendButton.setAttribute('aria-label', label);
    this.sendButton.title = busy ? 'Stop the answer (Escape)' : 'Send (Enter)';
    this.sendButton.classList.toggle('stop', busy);
  }

  private keydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing) {
      e.preventDefault();
      if (!this.busy) this.send();
    } else if (e.key === 'Escape' && this.busy) {
      e.preventDefault();
      this.stop();
    }
  }

  private send(): void {
    const text = this.textarea.value.trim();
    if (!text) return;
    const turn: UserTurn = { role: 'user', id: newId(), text, chips: this.chips };
    post('send', { id: turn.id, text, tier: this.tierSelect.value as Tier, chipIds: this.chips.map((c) => c.id) });
    this.draft = '';
    this.hooks.sent(turn);
    this.hooks.draftChanged();
  }

  private stop(): void {
    const id = this.hooks.busyId();
    if (id) post('stop', { id });
  }

  /** Grows the textarea with its content, up to MAX_ROWS (rows attribute: no inline style under the CSP). */
  private fit(): void {
    const lines = this.textarea.value.split('\n').length;
    this.textarea.rows = Math.min(MAX_ROWS, Math.max(2, lines));
  }
}
