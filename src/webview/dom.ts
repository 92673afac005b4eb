// Tiny DOM builders. Text always goes in as text nodes; nothing here parses HTML.

type Child = Node | string | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** A codicon glyph; decorative, hidden from screen readers (the button carries the label). */
export function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A `<button>` with an icon and/or a visible label, and an accessible name. */
export function button(
  options: { label: string; icon?: string; text?: string; className?: string; title?: string },
  onClick: (event: MouseEvent) => void,
): HTMLButtonElement {
  const b = h('button', {
    type: 'button',
    class: options.className,
    'aria-label': options.label,
    title: options.title ?? options.label,
  }, options.icon ? icon(options.icon) : undefined, options.text ? h('span', { class: 'button-text' }, options.text) : undefined);
  b.addEventListener('click', onClick);
  return b;
}

/** Drops the absent children, for `append`/`replaceChildren` with optional parts. */
export function present(...children: Child[]): (Node | string)[] {
  return children.filter((c): c is Node | string => c !== undefined && c !== false);
}
