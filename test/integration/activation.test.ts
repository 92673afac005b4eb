import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TieredApi } from '../../src/extension';

const EXTENSION_ID = 'tiered.tiered';
const CONTRACT_COMMANDS = ['tiered.chooseTier', 'tiered.deepDebug', 'tiered.refactor', 'tiered.openChat',
  'tiered.setApiKey', 'tiered.chooseLocalModel', 'tiered.showUsage', 'tiered.toggleCompletions', 'tiered.resetRouting', 'tiered.showEgress'];

async function activated(): Promise<TieredApi> {
  const ext = vscode.extensions.getExtension<TieredApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

describe('activation (extension host)', () => {
  it('activates on startup, quickly, without loading a model', async () => {
    const api = await activated();
    assert.ok(api.activationMs >= 0);
    console.log(`      activation took ${api.activationMs.toFixed(1)} ms`);
    assert.ok(api.activationMs < 2000, `activate() took ${api.activationMs} ms`);
  });

  it('registers every command of the public contract', async () => {
    await activated();
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = CONTRACT_COMMANDS.filter((c) => !all.has(c));
    assert.deepEqual(missing, []);
  });

  it('reads the tier setting and shows it in the status bar', async () => {
    const api = await activated();
    const cfg = vscode.workspace.getConfiguration('tiered');
    assert.equal(cfg.get('tier'), 'auto');
    assert.match(api.statusText(), /Auto/);
    await cfg.update('tier', 'local', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => /Local/.test(api.statusText()), 'status bar shows Local');
    } finally {
      await cfg.update('tier', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => /Auto/.test(api.statusText()), 'status bar back to Auto');
  });

  it('toggles inline completions with tiered.toggleCompletions', async () => {
    await activated();
    const cfg = () => vscode.workspace.getConfiguration('tiered');
    const before = cfg().get<boolean>('completions.enabled');
    await vscode.commands.executeCommand('tiered.toggleCompletions');
    await waitFor(() => cfg().get<boolean>('completions.enabled') === !before, 'setting flipped');
    await vscode.commands.executeCommand('tiered.toggleCompletions');
    await waitFor(() => cfg().get<boolean>('completions.enabled') === before, 'setting restored');
  });

  it('opens the chat view with tiered.openChat', async () => {
    const api = await activated();
    await vscode.commands.executeCommand('tiered.openChat');
    await waitFor(() => api.chatVisible(), 'the tiered.chat webview is resolved and visible', 15_000);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
