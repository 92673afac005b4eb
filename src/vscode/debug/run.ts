// One Deep Debug run: evidence -> cost prompt -> analysis streamed into the chat panel -> parsed
// result -> checked fix, offered (or applied, for scripted runs). Returns a report of what
// happened (read by the extension-host tests; the user sees notifications and the panel).
import * as vscode from 'vscode';
import { agentDispatch, agentMessages, agentToolSpecs, DEFAULT_MAX_RESULT_CHARS, localReducer, RESULT_TOOL, taskLimits, type AgentLimits, type AgentOutcome } from '../../core/agent';
import { debugCard } from '../../core/agent/card';
import { estimateCost, type CostEstimate } from '../../core/cost/estimate';
import {
  neverSendMatcher, parseDebugAnswer, prepareDeepDebug, traceSummary,
  type LeftOut, type ParsedDebugAnswer, type PreparedDebug,
} from '../../core/debug';
import { REDACTED } from '../../core/redact';
import { debugEgressContext } from '../../core/egress/context';
import { localTierRemoteHost, workflowRunsLocally } from '../../core/tiers/reachable';
import { SENT_KINDS, sentVersions as sentVersionsOf, withSeen } from '../../core/debug/sentVersions';
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
import { storedFix } from './storedFix';
import { chooseTrace } from './trace';
import { indexWorkspace } from './workspaceIndex';
import { vscodeAgentWorkspace } from '../agent/workspace';
import { commandApproval } from '../agent/commandTask';

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
  /** The agent (reasoning tier): false runs the one-shot analysis; an object lowers the limits of tiered.agent.* (never raises them). Commands always ask the user. */
  agent?: false | Partial<AgentLimits>;
  /** Tests only (never from the command): answers the approval of an agent's command instead of the dialog. */
  approve?: (command: string) => Promise<boolean>;
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
  /** Agent runs: the steps (tool and summary) and how the run ended. */
  agent?: { status: AgentOutcome['status']; steps: { tool?: string; summary: string; isError?: boolean }[]; message?: string; usd: number | null };
}

/** Content hashes of the files whose text the model saw (a fix may only touch these, unchanged). */
export function sentVersions(prepared: PreparedDebug, texts: ReadonlyMap<string, string>): Map<string, string> {
  return sentVersionsOf(prepared.evidence.kept, texts);
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
    const g = await gatherEvidence({ folder: ws.folder, index: ws.index, ...(trace.traceText ? { traceText: trace.traceText } : {}), signal, log: deps.log, symbolTimeLimitMs: options.symbolTimeLimitMs, isNeverSend: neverSendMatcher(settings['privacy.neverSend']) });
    const problem = options.problem ?? trace.problem;
    const p = prepareDeepDebug(g.input, {
      index: ws.index, tier: local ? 'local' : 'reasoning', mode: local || options.agent === false ? 'prompt' : 'tool',
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
  const useAgent = !local && options.agent !== false;
  // The user's tiered.agent.* limits (user settings only); a command argument can only lower them.
  const limits: AgentLimits = taskLimits(settings, options.agent);
  if (interactive && !(await confirmSend({ title, prepared, ...(estimate ? { estimate } : {}), ...(remoteHost ? { remoteHost } : {}), ...(useAgent ? { agent: limits } : {}) }, docs))) return { ...report, status: 'cancelled', message: 'Not sent.' };
  if (prepared.note) void vscode.window.showInformationMessage(prepared.note);

  await vscode.commands.executeCommand('tiered.openChat').then(undefined, () => undefined);
  const hasErrors = prepared.evidence.kept.some((k) => k.item.kind === 'diagnostics');
  const fileCount = new Set(prepared.evidence.kept.map((k) => k.item.path).filter(Boolean)).size;
  const question = [
    trace.problem ?? (prepared.trace ? `Find the root cause of ${error}.` : 'Find the bug in the code at the cursor.'),
    `Evidence: ${evidenceLines(prepared).join('; ')}.`,
  ].join('\n\n');
  let outcome: DispatchOutcome | undefined;
  let answerId: string | undefined;
  let agentOutcome: AgentOutcome | undefined;
  const isNeverSend = neverSendMatcher(settings['privacy.neverSend']);
  const dispatch = useAgent ? agentDispatch({
    dispatcher: services.dispatcher,
    tools: agentToolSpecs('Report the root cause of the bug, the evidence with file:line references, the fix as edits to workspace files, and how to verify it. Call this exactly once, at the end.'),
    resultTool: RESULT_TOOL,
    limits,
    ws: vscodeAgentWorkspace(ws.folder, options.symbolTimeLimitMs ?? 5000),
    policy: { isNeverSend, knownSecrets: deps.keys.knownSecrets(), maxResultChars: DEFAULT_MAX_RESULT_CHARS },
    approve: commandApproval(options.approve),
    reduce: localReducer(() => deps.local.chatProvider()),
    question: prepared.trace ? `${error}\n${trace.traceText ?? ''}`.slice(0, 2000) : trace.problem ?? error,
    priceOf: (i, o) => estimateCost(services.prices(), { model: services.dispatcher.estimate('deep-debug', []).model, purpose: 'deep-debug', prompt: i, maxOutputTokens: o }).usd ?? null,
    onStep: (s) => { if (answerId) deps.chat.cards.step(answerId, s); },
    onOutcome: (o) => { agentOutcome = o; },
  }) : undefined;
  try {
    outcome = await deps.chat.controller.ask({
      title, question, signal,
      onAnswerStart: (id) => { answerId = id; },
      ...(dispatch ? { dispatch } : {}),
      basis: { purpose: 'deep-debug', messages: useAgent ? agentMessages(prepared.messages) : prepared.messages, route: { kind: 'deep-debug', hasStackTrace: !!prepared.trace, hasErrors, fileCount },
        egress: debugEgressContext(prepared.evidence.kept, prepared.leftOut, prepared.evidence.redactions),
        ...(interactive && estimate?.usd !== undefined ? { preApprovedUsd: estimate.usd } : {}) },
    });
  } catch (e) {
    return { ...report, status: 'failed', message: userMessage(e) };
  }
  if (!outcome) return { ...report, status: 'failed', message: 'The analysis failed; the chat panel says why.' };
  if (outcome.kind === 'declined') return { ...report, status: 'declined', message: outcome.message };
  report.tier = outcome.tier;
  if (agentOutcome) {
    report.agent = { status: agentOutcome.status, steps: agentOutcome.steps.map((s) => ({ ...(s.tool ? { tool: s.tool } : {}), summary: s.summary, ...(s.isError ? { isError: true } : {}) })), usd: agentOutcome.usd, ...(agentOutcome.message ? { message: agentOutcome.message } : {}) };
  }

  const parsed = parseDebugAnswer({ text: outcome.result.text, ...(agentOutcome?.resultInput ? { toolInput: agentOutcome.resultInput } : {}), finishReason: outcome.result.finishReason, incomplete: outcome.result.incomplete }, ws.index);
  report.parsed = parsed;
  if (!parsed.ok) {
    const why = agentOutcome?.message ?? parsed.reason;
    void vscode.window.showWarningMessage(`Deep Debug: ${why} The answer stays in the chat panel.`);
    return { ...report, message: why };
  }
  const evidenceVersions = sentVersions(prepared, texts);
  // Files the model saw only in part (an excerpt, redacted, or through a tool's ranged or reduced read): no whole-file rewrite.
  const partial = sentPartial(prepared, texts);
  for (const p of agentOutcome?.seen.keys() ?? []) if (!evidenceVersions.has(p)) partial.add(p);
  const versions = withSeen(evidenceVersions, agentOutcome?.seen ?? new Map<string, string>());
  const checked = await checkFix(parsed.result, versions, partial);
  report.refused = checked.refused;
  deps.log.info(`${title}: ${checked.valid.length} edit(s) valid, ${checked.refused.length} refused${answerId ? '; result card shown' : '; no answer to show the card under'}.`);
  if (answerId) {
    deps.chat.cards.show(answerId, debugCard(parsed.result, checked, agentOutcome?.status === 'answered' ? undefined : agentOutcome?.message), async () => {
      const o = await applyFix(parsed.result, versions, { mode: options.preview ?? 'diff', docs, log: deps.log, signal, sentPartial: partial });
      return fixMessage(o);
    }, checked.valid.length ? storedFix(parsed.result, versions, partial) : undefined);
  }
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
