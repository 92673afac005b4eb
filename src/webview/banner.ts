// A dismissible error banner for problems not tied to one answer (no key, budget reached, …).
import { button, h, icon } from './dom';

export class Banner {
  readonly element = h('div', { class: 'banner', role: 'alert', hidden: '' });

  show(message: string): void {
    this.element.replaceChildren(
      icon('error'),
      h('span', { class: 'banner-text' }, message),
      button({ label: 'Dismiss', icon: 'close', className: 'icon-button' }, () => { this.element.hidden = true; }),
    );
    this.element.hidden = false;
  }
}
