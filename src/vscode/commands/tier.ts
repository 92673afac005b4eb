import * as vscode from 'vscode';
import { TIERS, type Tier } from '../../core/config';
import { tierLabel } from '../../core/status';
import type { SettingsAdapter } from '../settings';

const TIER_DETAIL: Record<Tier, string> = {
  auto: 'The router picks per request and says why (inline completions always local).',
  local: 'Everything on the local model. Nothing leaves this machine.',
  reasoning: 'Chat, Deep Debug and refactoring go to the reasoning model.',
};

interface TierPick extends vscode.QuickPickItem {
  tier?: Tier;
  command?: string;
}

export function registerTierCommands(settings: SettingsAdapter): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tiered.chooseTier', async () => {
      const current = settings.value.tier;
      const items: TierPick[] = [
        ...TIERS.map((tier) => ({
          label: `${tier === current ? '$(check) ' : ''}${tierLabel(tier)}`,
          description: tier === current ? 'current' : undefined,
          detail: TIER_DETAIL[tier],
          tier,
        })),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        { label: '$(graph) Show Usage', detail: 'Spend, latency and savings per tier.', command: 'tiered.showUsage' },
      ];
      const pick = await vscode.window.showQuickPick(items, { title: 'Tiered: Choose Tier', placeHolder: `Current: ${tierLabel(current)}` });
      if (!pick) return;
      if (pick.command) return vscode.commands.executeCommand(pick.command);
      if (pick.tier && pick.tier !== current) {
        await settings.update('tier', pick.tier);
        // A workspace may pin local (core/settingsScope.ts); say so instead of seeming to ignore the choice.
        if (settings.value.tier !== pick.tier) void vscode.window.showInformationMessage(`Tiered: this workspace's settings pin tiered.tier to "${settings.value.tier}"; your choice applies in other folders.`);
      }
    }),
    vscode.commands.registerCommand('tiered.toggleCompletions', async () => {
      const next = !settings.value['completions.enabled'];
      await settings.update('completions.enabled', next);
      vscode.window.setStatusBarMessage(`Tiered: inline completions ${next ? 'on' : 'off'}`, 3000);
    }),
  ];
}
