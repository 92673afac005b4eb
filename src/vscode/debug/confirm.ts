// Cost first: what will be sent, to which model, for about how much — before anything leaves.
// "Show evidence" opens the exact evidence text as a read-only document and asks again.
import * as vscode from 'vscode';
import type { AgentLimits } from '../../core/agent/types';
import { agentLimitsLabel } from '../../core/agent/limits';
import type { CostEstimate } from '../../core/cost/estimate';
import { describeLeftOut, type PreparedDebug } from '../../core/debug';
import { evidenceList } from '../../core/debug/evidenceList';
import type { ReadOnlyDocs } from '../edits';

export interface CostView {
  title: string;
  prepared: PreparedDebug;
  /** undefined when the local model answers (nothing is billed). */
  estimate?: CostEstimate;
  localModel?: string;
  /** The local tier is a server off this machine (tiered.local.endpoint): its host. */
  remoteHost?: string;
  /** The agent's limits, shown before the start (the estimate is for its first turn). */
  agent?: AgentLimits;
}

export function formatUsd(usd: number | undefined): string {
  if (usd === undefined) return 'unknown cost (model not in the price table)';
  return `$${usd.toFixed(usd < 0.01 ? 4 : 2)}`;
}

/** The headline: "Send to claude-sonnet-4-5 — ~5,200 tokens, ~$0.05". */
export function sendLabel(view: CostView): string {
  const tokens = view.prepared.promptTokens.toLocaleString('en-US');
  if (!view.estimate && view.remoteHost) return `Run on the local-tier server at ${view.remoteHost} (tiered.local.endpoint) — ~${tokens} tokens sent there, not billed`;
  if (!view.estimate) return `Run on the local model${view.localModel ? ` (${view.localModel})` : ''} — ~${tokens} tokens, nothing leaves this machine`;
  const first = `Send to ${view.estimate.model} — ~${tokens} tokens, ~${formatUsd(view.estimate.usd)}`;
  return view.agent ? `${first} for the first step; ${agentLimitsLabel(view.agent)}` : first;
}


/** What was gathered (one line per file: src/core/debug/evidenceList.ts) and what was left out. */
export function evidenceLines(prepared: PreparedDebug): string[] {
  const lines = evidenceList(prepared.evidence.kept);
  if (prepared.leftOut.length) lines.push(describeLeftOut(prepared.leftOut));
  if (prepared.evidence.redactions) lines.push(`${prepared.evidence.redactions} key-like string${prepared.evidence.redactions === 1 ? '' : 's'} redacted`);
  return lines;
}

/** The evidence document: a header, then every message exactly as it will be sent. */
export function evidenceDocument(view: CostView): string {
  const head = [
    `# ${view.title}`, '', sendLabel(view),
    ...(view.estimate ? [`(~${view.estimate.inputTokens.toLocaleString('en-US')} input + up to ~${view.estimate.outputTokens.toLocaleString('en-US')} output tokens)`] : []),
    ...(view.prepared.note ? ['', view.prepared.note] : []),
    '', '## Evidence', ...evidenceLines(view.prepared).map((l) => `- ${l}`), '', '## What is sent', '',
  ];
  return `${head.join('\n')}${view.prepared.messages.map((m) => `--- ${m.role} ---\n${m.content}`).join('\n\n')}\n`;
}

/** Resolves true to send. Loops while the user looks at the evidence. */
export async function confirmSend(view: CostView, docs: ReadOnlyDocs): Promise<boolean> {
  type Item = vscode.QuickPickItem & { action: 'send' | 'show' | 'cancel' };
  for (;;) {
    const items: Item[] = [
      { action: 'send', label: `$(send) ${sendLabel(view)}`, detail: view.prepared.note ?? evidenceLines(view.prepared).slice(0, 6).join('; ') },
      { action: 'show', label: '$(eye) Show evidence', detail: 'Everything that will be sent, in a read-only editor' },
      { action: 'cancel', label: '$(close) Cancel' },
    ];
    const left = view.prepared.leftOut.length ? ` — ${describeLeftOut(view.prepared.leftOut)}` : '';
    const pick = await vscode.window.showQuickPick(items, { title: view.title, placeHolder: `${view.prepared.evidence.kept.length} evidence items${left}`, ignoreFocusOut: true });
    if (!pick || pick.action === 'cancel') return false;
    if (pick.action === 'send') return true;
    await docs.show('Deep Debug evidence.md', evidenceDocument(view));
    // Ask beside the document (a notification), not with a quick pick over it.
    const choice = await vscode.window.showInformationMessage(`${view.title}: ${sendLabel(view)}?`, 'Send', 'Back', 'Cancel');
    if (choice === 'Send') return true;
    if (choice !== 'Back') return false;
  }
}
