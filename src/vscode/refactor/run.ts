// "Tiered: Refactor Across Files", end to end: instruction and scope -> files gathered with VS
// Code's providers -> prompt within the tier's token budget (neverSend respected) -> the file
// list and the estimate before sending -> the answer streamed through the chat panel -> parsed
// and validated against the editors' current text and the versions sent -> refused edits
// reported per file -> the rest previewed and applied as ONE undoable WorkspaceEdit -> new
// diagnostics in the touched files, with a follow-up that asks the model to fix them.
import * as vscode from 'vscode';
import { agentDispatch, DEFAULT_MAX_RESULT_CHARS, localReducer, taskLimits, type AgentOutcome } from '../../core/agent';
import { approxTokens, estimateCost } from '../../core/cost/estimate';
import { neverSendMatcher } from '../../core/debug';
import { PROPOSE_EDITS, refactorAgentMessages, refactorAgentTools, refactorSentFiles } from '../../core/refactor/agent';
import { workflowRunsLocally } from '../../core/tiers/reachable';
import { vscodeAgentWorkspace } from '../agent/workspace';
import { refactorEgressContext } from '../../core/egress/context';
import { UserFacingError } from '../../core/errors';
import type { RefusedEdit } from '../../core/edits/types';
import { parseRefactorArgs, refactorTitle, type RefactorArgs } from '../../core/refactor/args';
import { buildRefactorPrompt, refactorBudgetTokens, type RefactorPrompt } from '../../core/refactor/prompt';
import { reviewAnswer } from '../../core/refactor/review';
import { previewAndApply, snapshotDiagnostics, uriOf, vscodeWorkspaceFs, workspaceRootNames, type ReadOnlyDocs } from '../edits';
import { anchorGlobsAtRoots } from '../../core/refactor/neverSend';
import type { WorkflowDeps } from '../workflowDeps';
import type { ResultCard } from '../../shared/protocol';
import { gatherCandidates } from './gather';
import { askInstruction, chooseScope } from './input';
import { appliedPlans } from './appliedFiles';
import { followUpDiagnostics } from './followUp';
import { reportRefused } from './report';
import { confirmSend, describeSend, type SendSummary } from './sendList';

export type RefactorStatus = 'applied' | 'nothing-to-apply' | 'not-applied' | 'cancelled' | 'declined' | 'failed';

/** What `executeCommand('tiered.refactor', args)` resolves with (for tests, the chat panel and other callers). */
export interface RefactorOutcome {
  status: RefactorStatus;
  /** One sentence for the user. */
  message: string;
  tier?: 'reasoning' | 'local';
  /** Paths sent to the model, and those left out with why. */
  sent: string[];
  omitted: { path: string; why: string }[];
  notices: string[];
  /** Paths changed (or created / deleted) by the applied edit. */
  applied: string[];
  refused: RefusedEdit[];
  explanation?: string;
  /** Agent runs: the steps (tool and summary), how the run ended, the files read through tools. */
  agent?: { status: AgentOutcome['status']; steps: { tool?: string; summary: string; isError?: boolean }[]; message?: string; read: string[] };
}

function agentPart(o: AgentOutcome | undefined): Partial<RefactorOutcome> {
  if (!o) return {};
  return { agent: { status: o.status, steps: o.steps.map((s) => ({ ...(s.tool ? { tool: s.tool } : {}), summary: s.summary, ...(s.isError ? { isError: true } : {}) })), ...(o.message ? { message: o.message } : {}), read: [...o.seen.keys()] } };
}

function outcome(status: RefactorStatus, message: string, prompt?: RefactorPrompt, extra: Partial<RefactorOutcome> = {}): RefactorOutcome {
  return {
    status, message, sent: prompt?.included.map((f) => f.path) ?? [], omitted: prompt?.omitted.map((o) => ({ path: o.path, why: o.why })) ?? [],
    notices: prompt?.notices ?? [], applied: [], refused: [], ...extra,
  };
}

/** Runs the command with `rawArgs` (see core/refactor/args.ts: { instruction, files?, confirm?, preview?, budgetTokens? }). */
export async function runRefactor(deps: WorkflowDeps, docs: ReadOnlyDocs, rawArgs: unknown): Promise<RefactorOutcome> {
  const args: RefactorArgs = parseRefactorArgs(rawArgs);
  const interactive = args.confirm !== false;
  const instruction = args.instruction ?? (await askInstruction());
  if (!instruction) return outcome('cancelled', 'No instruction given.');
  const scope = await chooseScope(args, interactive);
  if (!scope) return outcome('cancelled', 'No files chosen.');
  if ('error' in scope) return fail(outcome('failed', scope.error));

  const settings = deps.settings.value;
  const tier = settings.tier === 'local' ? 'local' : 'reasoning';
  const budgetTokens = args.budgetTokens ?? refactorBudgetTokens(tier, settings['local.contextSize']);
  const abort = new AbortController();
  const candidates = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Tiered: gathering the files for the refactor…' },
    () => gatherCandidates(scope, instruction, abort.signal),
  );
  const prompt = buildRefactorPrompt({ instruction, files: candidates, budgetTokens, countTokens: approxTokens, neverSend: anchorGlobsAtRoots(settings['privacy.neverSend'], workspaceRootNames()), tier });
  deps.log.info(`Refactor: ${prompt.included.length} file(s) to send (${prompt.included.map((f) => `${f.path} [${f.label}]`).join(', ')}); left out: ${prompt.omitted.map((o) => `${o.path} (${o.why})`).join(', ') || 'none'}.`);

  const services = await deps.services();
  // The agent: on the reasoning tier, in a single-folder workspace (tool paths are relative to it).
  const folders = vscode.workspace.workspaceFolders ?? [];
  const key = (await deps.keys.get(settings['reasoning.provider'])).key;
  const useAgent = args.agent !== false && folders.length === 1 && prompt.answerFormat !== 'search-replace'
    && !workflowRunsLocally(settings.tier, settings['reasoning.provider'], settings['reasoning.baseUrl'], Boolean(key));
  const limits = taskLimits(settings, args.agent);
  const messages = useAgent ? refactorAgentMessages(prompt.messages) : prompt.messages;
  const estimate = services.dispatcher.estimate('refactor', messages);
  const summary: SendSummary = { tier, model: estimate.model, usd: estimate.usd, tokens: estimate.inputTokens, ...(useAgent ? { agent: limits } : {}) };
  if (args.confirm !== false && !(await confirmSend(prompt, summary, instruction))) return outcome('cancelled', 'Not sent.', prompt, { tier });

  const title = refactorTitle(instruction);
  const question = [
    instruction, '',
    `Files sent (${prompt.included.length}): ${prompt.included.map((f) => `\`${f.path}\``).join(', ') || 'none'}`,
    ...prompt.notices.map((n) => `_${n}_`),
    `Estimate: ${describeSend(summary)}.`,
  ].join('\n');
  void vscode.commands.executeCommand('tiered.openChat').then(undefined, () => undefined);
  let answerId: string | undefined;
  let agentOutcome: AgentOutcome | undefined;
  const dispatch = useAgent ? agentDispatch({
    dispatcher: services.dispatcher,
    tools: refactorAgentTools(),
    resultTool: PROPOSE_EDITS,
    limits,
    ws: vscodeAgentWorkspace(folders[0], 5000),
    policy: { isNeverSend: neverSendMatcher(settings['privacy.neverSend']), knownSecrets: deps.keys.knownSecrets(), maxResultChars: DEFAULT_MAX_RESULT_CHARS },
    approve: async () => false, // no run_command among the refactor's tools
    reduce: localReducer(() => deps.local.chatProvider()),
    question: instruction,
    priceOf: (i, o) => estimateCost(services.prices(), { model: estimate.model, purpose: 'refactor', prompt: i, maxOutputTokens: o }).usd ?? null,
    onStep: (s) => { if (answerId) deps.chat.cards.step(answerId, s); },
    onOutcome: (o) => { agentOutcome = o; },
  }) : undefined;
  const answer = await deps.chat.controller.ask({
    onAnswerStart: (id) => { answerId = id; },
    ...(dispatch ? { dispatch } : {}),
    title, question, basis: {
      purpose: 'refactor', messages, route: { kind: 'refactor', fileCount: prompt.included.length },
      egress: refactorEgressContext(prompt.included, prompt.omitted, prompt.sentPartial.filter((p) => !prompt.included.find((f) => f.path === p)?.truncated)),
      // Accepted in the file list: the Dispatcher does not ask again for the same estimate (it still asks past the budget).
      ...(args.confirm !== false && estimate.usd !== undefined ? { preApprovedUsd: estimate.usd } : {}),
    },
    signal: abort.signal,
  });
  if (!answer) return fail(outcome('failed', 'The refactor request failed; the chat panel says why.', prompt, { tier }));
  if (answer.kind === 'declined') return inform(outcome('declined', answer.message, prompt, { tier }));
  const answeredTier = answer.tier;

  // Validation: the editors' current text (unsaved included) against the versions that were sent.
  // Files the agent read through a tool may be edited too, pinned to the text it read, by hunks only.
  const sent = refactorSentFiles(prompt.sentVersions, prompt.sentPartial, agentOutcome?.seen ?? new Map<string, string>());
  const review = await reviewAnswer({ ...answer.result, ...(agentOutcome?.resultInput ? { toolInput: agentOutcome.resultInput } : {}) }, vscodeWorkspaceFs(sent));
  if (!review.parse.ok || !review.report) {
    const why = agentOutcome && agentOutcome.status !== 'answered' && agentOutcome.message ? agentOutcome.message : review.parse.ok ? 'the edits could not be checked' : review.parse.reason;
    return fail(outcome('failed', `No edits applied: ${why}`, prompt, { tier: answeredTier, ...agentPart(agentOutcome) }));
  }
  const { valid, refused } = review.report;
  const explanation = review.parse.editSet.explanation;
  // The answer as a card in the panel: what changes, one diff per file, the refusals with reasons (the JSON behind "Raw answer").
  const card = refactorCard(explanation, valid.map((p) => ({ path: p.path, diff: review.diffs.get(p.path) ?? '' })), refused, review.parse.complete);
  if (answerId) deps.chat.cards.show(answerId, card);
  if (refused.length) reportRefused(refused, docs, deps.log, title);
  if (valid.length === 0) {
    return outcome('nothing-to-apply', refused.length ? 'Nothing applied: every edit was refused.' : 'The answer proposed no edits.', prompt, { tier: answeredTier, refused, explanation, ...agentPart(agentOutcome) });
  }

  const uris = valid.map((p) => uriOf(p.absPath));
  const before = snapshotDiagnostics(uris);
  let done: typeof valid;
  let held: string[] = [];
  try {
    const applied = await previewAndApply(valid, { label: title, explanation, mode: args.preview === false ? 'none' : 'refactor', docs, log: deps.log });
    if (!applied.applied) return inform(outcome('not-applied', `Nothing applied: ${applied.reason ?? 'the edit was not applied'}.`, prompt, { tier: answeredTier, refused, explanation, ...agentPart(agentOutcome) }));
    held = (applied.held ?? []).map((h) => h.path);
    done = await appliedPlans(valid);
    if (done.length === 0) return inform(outcome('not-applied', 'Nothing applied: no edit was checked in the refactor preview.', prompt, { tier: answeredTier, refused, explanation, ...agentPart(agentOutcome) }));
    followUpDiagnostics(done.map((p) => uriOf(p.absPath)), before, instruction, deps.log);
  } catch (e) {
    const message = e instanceof UserFacingError ? e.message : 'VS Code could not apply the edit; nothing was changed.';
    if (!(e instanceof UserFacingError)) deps.log.error('Refactor: applying the edit failed', e);
    return fail(outcome('failed', message, prompt, { tier: answeredTier, refused, explanation, ...agentPart(agentOutcome) }));
  }
  const paths = done.map((p) => p.path);
  const skipped = valid.length - done.length - held.length;
  const partial = review.parse.complete ? '' : ' The answer was cut short, so some edits may be missing.';
  const message = `Refactor applied to ${paths.length} file${paths.length === 1 ? '' : 's'}${skipped > 0 ? ` (${skipped} left unchecked in the preview)` : ''}${held.length ? `; not applied, because ${held.length === 1 ? 'it' : 'they'} can run code and need${held.length === 1 ? 's' : ''} your confirmation: ${held.join(', ')}` : ''}${refused.length ? `; ${refused.length} refused` : ''}. One undo reverts it.${partial}`;
  deps.log.info(`Refactor: ${message} (${paths.join(', ')})`);
  void vscode.window.showInformationMessage(`Tiered: ${message}`);
  if (answerId) deps.chat.cards.show(answerId, { ...card, applied: message });
  return outcome('applied', message, prompt, { tier: answeredTier, applied: paths, refused, explanation, ...agentPart(agentOutcome) });
}

function fail(o: RefactorOutcome): RefactorOutcome {
  void vscode.window.showErrorMessage(`Tiered: ${o.message}`);
  return o;
}

function inform(o: RefactorOutcome): RefactorOutcome {
  void vscode.window.showInformationMessage(`Tiered: ${o.message}`);
  return o;
}

function refactorCard(explanation: string, diffs: ResultCard['diffs'], refused: RefusedEdit[], complete: boolean): ResultCard {
  return {
    kind: 'refactor', headline: explanation || 'The proposed change', explanation: '', evidence: [], diffs,
    refused: refused.map((r) => ({ path: r.path, reason: r.reason })), verify: [], canApply: false,
    ...(complete ? {} : { note: 'The answer was cut short, so some edits may be missing.' }),
  };
}
