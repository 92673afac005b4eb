// Before anything leaves the machine: the files that would be sent (and why), the ones left out
// (and why), the notices, and the estimate — "Send (~$0.04, 9,120 tokens, claude-sonnet-4-5)" or Cancel.
import * as vscode from 'vscode';
import type { RefactorPrompt } from '../../core/refactor/prompt';
import { agentLimitsLabel } from '../../core/agent/limits';
import type { AgentLimits } from '../../core/agent/types';

const WHY = { 'never-send': 'never sent (tiered.privacy.neverSend)', budget: 'over the token budget', binary: 'binary', duplicate: 'duplicate' } as const;

export interface SendSummary {
  tier: 'reasoning' | 'local';
  model: string;
  usd?: number;
  tokens: number;
  /** The agent's limits (the estimate is its first step's). */
  agent?: AgentLimits;
}

/** "~$0.041, 9,120 tokens, claude-sonnet-4-5" / "local model, free, 1,200 tokens". */
export function describeSend(s: SendSummary): string {
  const tokens = `${s.tokens.toLocaleString('en-US')} tokens in`;
  if (s.tier === 'local') return `local model, free, ${tokens}`;
  const usd = s.usd === undefined ? 'cost unknown' : `~$${s.usd < 0.01 ? s.usd.toFixed(4) : s.usd.toFixed(3)}`;
  return s.agent ? `${usd}, ${tokens}, ${s.model} for the first step; ${agentLimitsLabel(s.agent)}` : `${usd}, ${tokens}, ${s.model}`;
}

type Row = vscode.QuickPickItem & { action?: 'send' | 'cancel' };

/** Resolves true when the user chooses Send. Picking a file row opens it and keeps the list. */
export async function confirmSend(prompt: RefactorPrompt, summary: SendSummary, instruction: string): Promise<boolean> {
  const rows: Row[] = [
    { label: `$(cloud-upload) Send (${describeSend(summary)})`, action: 'send', detail: prompt.notices.join(' ') || undefined },
    { label: '$(close) Cancel', action: 'cancel' },
    { label: `Sent (${prompt.included.length})`, kind: vscode.QuickPickItemKind.Separator },
    ...prompt.included.map((f) => ({ label: `$(file) ${f.path}`, description: `${f.label}${f.truncated ? ' — excerpt' : ''}`, detail: `~${f.tokens.toLocaleString('en-US')} tokens` })),
  ];
  if (prompt.omitted.length) {
    rows.push({ label: `Left out (${prompt.omitted.length})`, kind: vscode.QuickPickItemKind.Separator });
    rows.push(...prompt.omitted.map((o) => ({ label: `$(circle-slash) ${o.path}`, description: `${o.reason}: ${WHY[o.why]}` })));
  }
  for (;;) {
    const picked = await vscode.window.showQuickPick(rows, {
      title: `Tiered: send this refactor? ${instruction.length > 60 ? `${instruction.slice(0, 60)}…` : instruction}`,
      placeHolder: 'These files go to the model with your instruction; nothing changes until you review the edits.',
      ignoreFocusOut: true, matchOnDescription: true,
    });
    if (!picked || picked.action === 'cancel') return false;
    if (picked.action === 'send') return true;
  }
}
