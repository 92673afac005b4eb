// What the extension-host test files share: the activated extension's API, and waiting for a
// condition the extension reaches asynchronously.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TieredApi } from '../../src/extension';

export const EXTENSION_ID = 'tiered.tiered';

/** The extension's API, activating it first when it is not yet active. */
export async function activated<T extends TieredApi = TieredApi>(): Promise<T> {
  const ext = vscode.extensions.getExtension<T>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Polls `check` every 50 ms until it holds; fails the test naming `what` after `ms`. */
export async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
