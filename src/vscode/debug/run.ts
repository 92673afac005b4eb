// One Deep Debug run: evidence -> cost prompt -> analysis streamed into the chat panel -> parsed
// result -> checked fix, offered (or applied, for scripted runs). Returns a report of what
// happened (read by the extension-host tests; the user sees notifications and the panel).
import * as vscode from 'vscode';
import type { CostEstimate } from '../../core/cost/estimate';
import {
  neverSendMatcher, parseDebugAnswer, prepareDeepDebug, traceSummary,
  type LeftOut, type ParsedDebugAnswer, type PreparedDebug,
} from '../../core/debug';
import { sentVersions as sentVersionsOf } from '../../core/debug/sentVersions';
import type { RefusedEdit } from '../../core/edits/types';
import { userMessage } from '../../core/errors';
import type { DispatchOutcome } from '../../core/tiers/dispatcher';
import type { PreviewMode, ReadOnlyDocs } from '../edits';
import type { WorkflowDeps } from '../workflowDeps';
import { confirmSend, evidenceLines } from './confirm';
import { applyFix, checkFix, fixMessage, type FixOutcome } from './fix';
import { gatherEvidence } from './gather';
import { offerResult } from './present';
import { chooseTrace } from './trace';
import { indexWorkspace } from './workspaceIndex';

/**
 * Arguments of `tiered.deepDebug` (all optional; the palette passes none). For scripted runs and
 * tests: `confirm: false` skips the cost prompt (the Dispatcher still enforces
 * tiered.budget.confirmAboveUsd and the budget), `trace` replaces the clipboard / input box,
 * `apply: 'apply'` applies a valid fix without a preview, `'none'` only reports it.
 */
export interface DeepDebugOptions {
  confirm?: boolean;
  trace?: string;
  problem?: string;
  apply?: 'ask' | 'apply' | 'none';
  preview?: PreviewMode;
  symbolTimeLimitMs?: number;
}

export interface DeepDebugReport {
  status: 'no-workspace' | 'cancelled' | 'declined' | 'failed' | 'answered';
  message?: string;
  title?: string;
  evidence?: { items: string[]; leftOut: LeftOut[]; redactions: number; promptTokens: number; traceSource: string };
  estimate?: CostEstimate;
  tier?: string;
  parsed?: ParsedDebugAnswer;
  refused?: RefusedEdit[];
  fix?: FixOutcome;
}

/** Content hashes of the files whose text the model saw (a fix may only touch these, unchanged). */
export function sentVersions(prepared: PreparedDebug, texts: ReadonlyMap<string, string>): Map<string, string> {
  return sentVersionsOf(prepared.evidence.kept, texts);
}

async function usesLocal(deps: WorkflowDeps): Promise<boolean> {
  const s = deps.settings.value;
  if (s.tier === 'local') return true;
  if (s.tier === 'reasoning') return false;
  const key = (await deps.keys.get(s['reasoning.provider'])).key;
  return !key && !(s['reasoning.provider'] === 'openai' && /^https?:\/\/(localhost|127\.|\[::1\])/.test(s['reasoning.baseUrl']));
}

export async function runDeepDebug(deps: WorkflowDeps, docs: ReadOnlyDocs, options: DeepDebugOptions = {}, signal: AbortSignal = new AbortController().signal): Promise<DeepDebugReport> {
  const interactive = options.confirm !== false;
  const ws = await indexWorkspace();
  if (!ws) return { status: 'no-workspace', message: 'Open a folder first: Deep Debug looks at the workspace files.' };
  const trace = await chooseTrace(options.trace, interactive);
  if (!trace) return { status: 'cancelled', message: 'Cancelled.' };
  const settings = deps.settings.value;
  const local = await usesLocal(deps);
  const services = await deps.services();

  const { prepared, texts } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Deep Debug: gathering evidence…' }, async () => {
    const g = await gatherEvidence({ folder: ws.folder, index: ws.index, ...(trace.traceText ? { traceText: trace.traceText } : {}), signal, log: deps.log, symbolTimeLimitMs: options.symbolTimeLimitMs, isNeverSend: neverSendMatcher(settings['privacy.neverSend']) });
    const problem = options.problem ?? trace.problem;
    const p = prepareDeepDebug(g.input, {
      index: ws.index, tier: local ? 'local' : 'reasoning', mode: 'prompt',
      isNeverSend: neverSendMatcher(settings['privacy.neverSend']), knownSecrets: deps.keys.knownSecrets(),
      contextSize: settings['local.contextSize'], ...(problem ? { problem } : {}),
    });
    return { prepared: p, texts: g.texts };
  });

  const error = prepared.trace ? traceSummary(prepared.trace) : trace.problem ?? 'the code at the cursor';
  const title = `Deep Debug: ${error}`.slice(0, 120);
  const estimate = local ? undefined : services.dispatcher.estimate('deep-debug', prepared.messages);
  const report: DeepDebugReport = {
    status: 'answered', title, tier: local ? 'local' : 'reasoning', ...(estimate ? { estimate } : {}),
    evidence: { items: evidenceLines(prepared), leftOut: prepared.leftOut, redactions: prepared.evidence.redactions, promptTokens: prepared.promptTokens, traceSource: trace.source },
  };
  deps.log.info(`${title}: ${prepared.evidence.kept.length} evidence items, ~${prepared.promptTokens} tokens${prepared.leftOut.length ? `, ${prepared.leftOut.length} left out` : ''}.`);
  if (interactive && !(await confirmSend({ title, prepared, ...(estimate ? { estimate } : {}) }, docs))) return { ...report, status: 'cancelled', message: 'Not sent.' };
  if (prepared.note) void vscode.window.showInformationMessage(prepared.note);

  await vscode.commands.executeCommand('tiered.openChat').then(undefined, () => undefined);
  const hasErrors = prepared.evidence.kept.some((k) => k.item.kind === 'diagnostics');
  const fileCount = new Set(prepared.evidence.kept.map((k) => k.item.path).filter(Boolean)).size;
  const question = [
    trace.problem ?? (prepared.trace ? `Find the root cause of ${error}.` : 'Find the bug in the code at the cursor.'),
    `Evidence: ${evidenceLines(prepared).join('; ')}.`,
  ].join('\n\n');
  let outcome: DispatchOutcome | undefined;
  try {
    outcome = await deps.chat.controller.ask({
      title, question, signal,
      basis: { purpose: 'deep-debug', messages: prepared.messages, route: { kind: 'deep-debug', hasStackTrace: !!prepared.trace, hasErrors, fileCount },
        ...(interactive && estimate?.usd !== undefined ? { preApprovedUsd: estimate.usd } : {}) },
    });
  } catch (e) {
    return { ...report, status: 'failed', message: userMessage(e) };
  }
  if (!outcome) return { ...report, status: 'failed', message: 'The analysis failed; the chat panel says why.' };
  if (outcome.kind === 'declined') return { ...report, status: 'declined', message: outcome.message };
  report.tier = outcome.tier;

  const parsed = parseDebugAnswer({ text: outcome.result.text, finishReason: outcome.result.finishReason, incomplete: outcome.result.incomplete }, ws.index);
  report.parsed = parsed;
  if (!parsed.ok) {
    void vscode.window.showWarningMessage(`Deep Debug: ${parsed.reason} The answer stays in the chat panel.`);
    return { ...report, message: parsed.reason };
  }
  const versions = sentVersions(prepared, texts);
  const checked = await checkFix(parsed.result, versions);
  report.refused = checked.refused;
  const mode = options.apply ?? (interactive ? 'ask' : 'none');
  if (mode === 'apply' && checked.valid.length) {
    report.fix = await applyFix(parsed.result, versions, { mode: options.preview ?? 'none', docs, log: deps.log, signal });
    void vscode.window.showInformationMessage(`Deep Debug: ${fixMessage(report.fix)}`);
  } else if (mode === 'ask') {
    void offerResult(parsed.result, checked, {
      apply: () => applyFix(parsed.result, versions, { mode: options.preview ?? 'diff', docs, log: deps.log, signal }),
    });
  }
  return report;
}
