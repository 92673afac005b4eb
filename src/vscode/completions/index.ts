import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { ContextChunks } from '../../core/completion/contextChunks';
import { CompletionScheduler } from '../../core/completion/scheduler';
import { completionSendPolicy } from '../../core/completion/sendPolicy';
import type { Suggestion } from '../../core/completion/types';
import type { FimResult } from '../../core/providers/types';
import { UserFacingError, userMessage } from '../../core/errors';
import type { Logger } from '../../core/log';
import { builtinCatalog, findEntry, recommended } from '../../core/models/catalog';
import type { EgressRecorder } from '../../core/egress/recorder';
import { claimDownloadOffer } from '../../core/models/downloadOffer';
import { ModelStore } from '../../core/models/store';
import { LocalTier, type LocalTierConfig } from '../../core/providers/local/localTier';
import type { TieredSettings } from '../../core/config';
import type { SettingsAdapter } from '../settings';
import type { StatusBar } from '../statusBar';
import { CHOSEN_MODEL_KEY, registerChooseModel } from './chooseModel';
import { ACCEPT_COMMAND, TieredInlineProvider, watchContext } from './inlineProvider';
import { latencyTraceFile } from './latencyTraceFile';

/** The quiet time VS Code waits before it calls an inline completion provider (measured: ghost-text bench). */
const VSCODE_INLINE_DEBOUNCE_MS = 50;

const tierConfig = (s: TieredSettings): LocalTierConfig => ({
  modelPath: s['local.modelPath'], endpoint: s['local.endpoint'], threads: s['local.threads'], contextSize: s['local.contextSize'],
  draftModelPath: s['local.draftModelPath'],
});

/** Inline completions from the local tier: engine, scheduler, provider, model choice, status. */
export function registerCompletions(context: vscode.ExtensionContext, settings: SettingsAdapter, status: StatusBar, log: Logger, egress?: EgressRecorder) {
  const store = new ModelStore(context.globalStorageUri.fsPath, builtinCatalog(), egress?.fetchFor('model-download'));
  const chosenPath = () => {
    const id = context.globalState.get<string>(CHOSEN_MODEL_KEY);
    const entry = id ? findEntry(store.catalog, id) : undefined;
    const file = entry && store.pathFor(entry);
    return file && fs.existsSync(file) ? file : undefined;
  };
  // The catalog names a smaller model of the same family as each model's draft model.
  const draftFor = (modelPath: string) => {
    const entry = store.catalog.models.find((m) => store.pathFor(m) === modelPath);
    const draft = entry?.draftModel ? findEntry(store.catalog, entry.draftModel) : undefined;
    const file = draft && store.pathFor(draft);
    return file && fs.existsSync(file) ? file : undefined;
  };
  const local = new LocalTier({ workerPath: context.asAbsolutePath('dist/local-worker.js'), logicalCpus: os.availableParallelism(), logger: log, fallbackModelPath: chosenPath, fallbackDraftPath: draftFor, ...(egress ? { fetch: egress.fetchFor('local-endpoint') } : {}) }, tierConfig(settings.value));
  const chunks = new ContextChunks();
  const onError = (error: unknown) => void reportError(error);
  const trace = latencyTraceFile();
  const fims = new Set<(r: FimResult) => void>();
  const scheduler: CompletionScheduler = new CompletionScheduler({
    engine: { fim: async (req, onText) => { const r = await local.fim(req, onText); for (const l of fims) l(r); return r; } },
    template: () => local.template(), chunks, logger: log, onError,
    // A remote tiered.local.endpoint gets no neverSend file and no clipboard (issue 12, item 5).
    sendPolicy: () => completionSendPolicy(settings.value['local.endpoint'], settings.value['privacy.neverSend']),
    isCurrent: (r): boolean => provider.isCurrent(r),
    trace: trace?.mark, traceOutcome: trace?.outcome,
    // VS Code asks an inline provider only after 50 ms without a change (its
    // InlineCompletionsDebounce, fixed; a provider's own debounceDelayMs is proposed API): the
    // scheduler's adaptive debounce counts that wait instead of adding to it.
    options: { prompt: { contextTokens: settings.value['local.contextSize'] }, hostDebounceMs: VSCODE_INLINE_DEBOUNCE_MS },
  });
  const served = new Set<(s: Suggestion) => void>();
  const provider: TieredInlineProvider = new TieredInlineProvider(log, scheduler, () => settings.value['completions.enabled'], (s) => {
    status.update({ lastLatencyMs: s.timings.totalMs });
    for (const l of served) l(s);
  }, trace);

  const renderLocal = () => {
    const s = local.state;
    status.update({ local: s });
  };
  const rebuild = () => {
    local.configure(tierConfig(settings.value));
    scheduler.resetModel();
    renderLocal();
  };

  let reported = '';
  async function reportError(error: unknown) {
    if (error instanceof UserFacingError && error.code === 'no-model') {
      const current = await store.resolveCurrent({ modelPath: settings.value['local.modelPath'], chosenId: context.globalState.get(CHOSEN_MODEL_KEY) }).catch(() => ({ source: 'none' as const, reason: 'nothing-chosen' as const }));
      const offer = await claimDownloadOffer(context.globalState, { current, usingEndpoint: Boolean(settings.value['local.endpoint']), completionsEnabled: settings.value['completions.enabled'] });
      if (!offer) return;
      const best = recommended(store.catalog, os.totalmem());
      const choice = await vscode.window.showInformationMessage(
        `Tiered: inline completions need a local code model.${best ? ` Download ${best.label} (~${Math.round(best.sizeBytes / 1024 ** 2)} MB)?` : ''}`,
        ...(best ? ['Download'] : []), 'Choose…');
      if (choice === 'Download' && best) void vscode.commands.executeCommand('tiered.chooseLocalModel', best.id);
      else if (choice === 'Choose…') void vscode.commands.executeCommand('tiered.chooseLocalModel');
      return;
    }
    log.error('inline completion failed', error);
    const message = userMessage(error);
    if (message === reported) return; // once per distinct problem, not per keystroke
    reported = message;
    const actions = error instanceof UserFacingError ? error.actions : [];
    const answer = await vscode.window.showWarningMessage(`Tiered: ${message}`, ...actions.map((a) => a.title));
    const action = actions.find((a) => a.title === answer);
    if (action) void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
  }

  const disposables: vscode.Disposable[] = [
    { dispose: () => { scheduler.dispose(); local.dispose(); } },
    local.onState((st) => {
      renderLocal();
      if (st.kind === 'ready') reported = '';
    }) as vscode.Disposable,
    vscode.languages.registerInlineCompletionItemProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }], provider),
    vscode.commands.registerCommand(ACCEPT_COMMAND, (s: Suggestion) => scheduler.accepted(s)),
    registerChooseModel(store, context.globalState, settings, log, rebuild),
    settings.onDidChange(() => rebuild()),
    ...watchContext(chunks, provider),
  ];
  renderLocal();
  const onServed = (l: (s: Suggestion) => void) => { served.add(l); return { dispose: () => served.delete(l) }; };
  const onFim = (l: (r: FimResult) => void) => { fims.add(l); return { dispose: () => fims.delete(l) }; };
  return { disposables, local, scheduler, onServed, onFim };
}
