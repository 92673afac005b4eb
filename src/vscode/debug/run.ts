// One Deep Debug run: evidence -> cost prompt -> analysis streamed into the chat panel -> parsed
// result -> checked fix, offered (or applied, for scripted runs). Returns a report of what
// happened (read by the extension-host tests; the user sees notifications and the panel).
import * as vscode from 'vscode';
import type { CostEstimate } from '../../core/cost/estimate';
import {
  neverSendMatcher, parseDebugAnswer, prepareDeepDebug, traceSummary,
  type LeftOut, type ParsedDebugAnswer, type PreparedDebug,
} from '../../core/debug';
import { contentHash } from '../../core/edits/hash';
import { REDACTED } from '../../core/redact';
import { debugEgressContext } from '../../core/egress/context';
import { localTierRemoteHost, workflowRunsLocally } from '../../core/tiers/reachable';
import type { RefusedEdit } from '../../core/edits/types';
import { userMessage } from '../../core/errors';
import type { DispatchOutcome } from '../../core/tiers/dispatcher';
import { workspaceRootNames, type PreviewMode, type ReadOnlyDocs } from '../edits';
import { anchorGlobsAtRoots } from '../../core/refactor/neverSend';
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

const SENT_KINDS = new Set(['failing-lines', 'selection', 'related-file', 'diff']);

/** Content hashes of the files whose text the model saw (a fix may only touch these, unchanged). */
export function sentVersions(prepared: PreparedDebug, texts: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of prepared.evidence.kept) {
    const p = k.item.path;
    const text = p !== undefined ? texts.get(p) : undefined;
    if (p !== undefined && text !== undefined && SENT_KINDS.has(k.item.kind)) out.set(p, contentHash(text));
  }
  return out;
}

/** Files the model saw only in part (an excerpt, a diff) or with secrets redacted: a fix may not rewrite them whole. */
export function sentPartial(prepared: PreparedDebug, texts: ReadonlyMap<string, string>): Set<string> {
  const whole = new Set<string>();
  const sent = new Set<string>();
  for (const k of prepared.evidence.kept) {
    const p = k.item.path;
    if (p === undefined || !SENT_KINDS.has(k.item.kind)) continue;
    sent.add(p);
    if (!k.truncated && (k.item.startLine ?? 1) === 1 && k.item.text === texts.get(p) && !k.rendered.includes(REDACTED)) whole.add(p);
  }
  return new Set([...sent].filter((p) => !whole.has(p)));
}

async function usesLocal(deps: WorkflowDeps): Promise<boolean> {
  const s = deps.settings.value;
  if (s.tier === 'local') return true;
  const key = (await deps.keys.get(s['reasoning.provider'])).key;
  return workflowRunsLocally(s.tier, s['reasoning.provider'], s['reasoning.baseUrl'], Boolean(key));
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
    const g = await gatherEvidence({ folder: ws.folder, index: ws.index, ...(trace.traceText ? { traceText: trace.traceText } : {}), signal, log: deps.log, symbolTimeLimitMs: options.symbolTimeLimitMs });
    const problem = options.problem ?? trace.problem;
    const p = prepareDeepDebug(g.input, {
      index: ws.index, tier: local ? 'local' : 'reasoning', mode: 'prompt',
      isNeverSend: neverSendMatcher(anchorGlobsAtRoots(settings['privacy.neverSend'], workspaceRootNames())), knownSecrets: deps.keys.knownSecrets(),
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
  const remoteHost = localTierRemoteHost(settings['local.endpoint']);
  if (interactive && !(await confirmSend({ title, prepared, ...(estimate ? { estimate } : {}), ...(remoteHost ? { remoteHost } : {}) }, docs))) return { ...report, status: 'cancelled', message: 'Not sent.' };
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
        egress: debugEgressContext(prepared.evidence.kept, prepared.leftOut, prepared.evidence.redactions),
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
  const partial = sentPartial(prepared, texts);
  const checked = await checkFix(parsed.result, versions, partial);
  report.refused = checked.refused;
  const mode = options.apply ?? (interactive ? 'ask' : 'none');
  if (mode === 'apply' && checked.valid.length) {
    report.fix = await applyFix(parsed.result, versions, { mode: options.preview ?? 'none', docs, log: deps.log, signal, sentPartial: partial });
    void vscode.window.showInformationMessage(`Deep Debug: ${fixMessage(report.fix)}`);
  } else if (mode === 'ask') {
    void offerResult(parsed.result, checked, {
      apply: () => applyFix(parsed.result, versions, { mode: options.preview ?? 'diff', docs, log: deps.log, signal, sentPartial: partial }),
    });
  }
  return report;
}
