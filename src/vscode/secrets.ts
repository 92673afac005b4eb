import type * as vscode from 'vscode';
import type { SecretStore } from '../core/keys';

/** VS Code SecretStorage as the core SecretStore. */
export function secretStore(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: async (name) => secrets.get(name),
    store: async (name, value) => secrets.store(name, value),
    delete: async (name) => secrets.delete(name),
  };
}
