// The VS Code webview API, typed with the protocol. `acquireVsCodeApi` may be called once.
import type { WebviewToHost } from '../shared/protocol';

/** What the panel keeps across hide/show (webview state survives without retainContextWhenHidden). */
export interface ViewState {
  draft: string;
  scrollTop: number;
  /** True when the user was at the bottom: restore pins to the bottom instead of an offset. */
  atBottom: boolean;
  conversationId: string | null;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

export function post<K extends keyof WebviewToHost>(type: K, payload: WebviewToHost[K]): void {
  vscode.postMessage({ type, payload });
}

export function loadViewState(): ViewState {
  const saved = vscode.getState() as Partial<ViewState> | undefined;
  return {
    draft: typeof saved?.draft === 'string' ? saved.draft : '',
    scrollTop: typeof saved?.scrollTop === 'number' && saved.scrollTop >= 0 ? saved.scrollTop : 0,
    atBottom: saved?.atBottom !== false,
    conversationId: typeof saved?.conversationId === 'string' ? saved.conversationId : null,
  };
}

export function saveViewState(state: ViewState): void {
  vscode.setState(state);
}
