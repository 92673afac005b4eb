import type * as vscode from 'vscode';
import type { KeyStore } from '../core/keys';
import type { Logger } from '../core/log';
import type { LocalTier } from '../core/providers/local/localTier';
import type { ChatRegistration } from './chat';
import type { Services } from './services';
import type { SettingsAdapter } from './settings';

/** What the feature modules (Deep Debug, refactor, usage report) get from activate(). */
export interface WorkflowDeps {
  context: vscode.ExtensionContext;
  /** Ledger, budget, latency, prices, reasoning provider, Dispatcher — ready after activation. */
  services: () => Promise<Services>;
  settings: SettingsAdapter;
  keys: KeyStore;
  log: Logger;
  /** The chat panel: `chat.controller.ask(...)` streams a workflow's answer into it. */
  chat: ChatRegistration;
  local: LocalTier;
}
