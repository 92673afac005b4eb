// A visually hidden live region for short announcements ("Answer complete", "Code copied").
import { h } from './dom';

let region: HTMLElement | undefined;

export function announcer(): HTMLElement {
  region ??= h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  return region;
}

export function announce(message: string): void {
  const r = announcer();
  r.textContent = '';
  // A new text node after clearing makes screen readers repeat identical messages.
  queueMicrotask(() => { r.textContent = message; });
}
