// Browser code of the chat panel. Talks to the host only through the typed protocol.
import type { HostMessage, WebviewMessage } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const TIER_LABEL = { auto: 'Auto', local: 'Local', reasoning: 'Reasoning' } as const;

function renderState(state: Extract<HostMessage, { type: 'state' }>['payload']): void {
  const tierButton = el('button', { className: 'tier-button', type: 'button', title: 'Choose the tier' }, `Tier: ${TIER_LABEL[state.tier]}`);
  tierButton.setAttribute('aria-label', `Tier: ${TIER_LABEL[state.tier]}. Choose the tier`);
  tierButton.addEventListener('click', () => vscode.postMessage({ type: 'chooseTier', payload: {} }));
  app.replaceChildren(
    el('header', { className: 'toolbar' }, el('h2', {}, 'Tiered'), tierButton),
    el('p', { className: 'notice' }, 'Chat is not available in this version yet. Inline completions and the commands in the palette (Tiered: …) are.'),
    el('p', { className: 'meta' }, `Local model: ${state.localModel}. Inline completions: ${state.completionsEnabled ? 'on' : 'off'}.`),
  );
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message?.type === 'state') renderState(message.payload);
});

vscode.postMessage({ type: 'ready', payload: {} });
