// The typed message protocol between the extension host and the chat webview: one map of
// message names to payloads per direction. Both sides import only types from here.
import type { Tier } from '../core/config';

export interface HostToWebview {
  /** Sent when the webview says it is ready, and whenever the tier or the local state changes. */
  state: { tier: Tier; localModel: string; completionsEnabled: boolean };
}

export interface WebviewToHost {
  ready: Record<string, never>;
  chooseTier: Record<string, never>;
}

export type Message<M> = { [K in keyof M]: { type: K; payload: M[K] } }[keyof M];
export type HostMessage = Message<HostToWebview>;
export type WebviewMessage = Message<WebviewToHost>;
