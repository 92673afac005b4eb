// The chat panel, wired: the conversation store in the workspace's memento, the controller, the
// webview view, the editor's context and code actions. activate() calls registerChat once.
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { ChatController } from '../../core/chat/controller';
import { ConversationStore } from '../../core/chat/store';
import { AnswerResults } from '../../core/chat/answerResults';
import type { Services } from '../services';
import type { SettingsAdapter } from '../settings';
import { PROPOSED_SCHEME, ProposedContent } from './applyPreview';
import { EditorContextSource } from './contextSource';
import { ResultCards } from './resultCards';
import { localTierRemoteHost } from '../../core/tiers/reachable';
import { watchEditorContext } from './editorContext';
import { VsCodeEditorActions } from './editorActions';
import { ChatViewProvider } from './viewProvider';

export { ChatViewProvider } from './viewProvider';

export interface ChatDeps {
  services: () => Promise<Services>;
  settings: SettingsAdapter;
  log: Logger;
  localLabel: () => { label: string; demo: boolean };
  reasoningModel: () => string;
  /** The reasoning provider has a key (stored, environment, or a local server that needs none). */
  hasReasoningKey: () => Promise<boolean>;
}

export interface ChatRegistration {
  view: ChatViewProvider;
  controller: ChatController;
  disposables: vscode.Disposable[];
  /** Pushes the header state again (call when the local model or the reasoning model changes). */
  refresh(): void;
  api: { visible(): boolean; conversations(): unknown };
  /** Agent steps and result cards under workflow answers. */
  cards: ResultCards;
}

export function registerChat(context: vscode.ExtensionContext, deps: ChatDeps): ChatRegistration {
  const { settings, log } = deps;
  const store = new ConversationStore(context.workspaceState, (e) => log.error('Tiered could not save the chat history', e));
  const proposed = new ProposedContent();
  const editorContext = new EditorContextSource();
  const view: ChatViewProvider = new ChatViewProvider(context.extensionUri, (m) => {
    controller.receive(m);
    // The conversation was just shown again: the agent steps and result cards under its answers too.
    const type = (m as { type?: unknown } | null)?.type;
    if (type === 'ready' || type === 'switchConversation') cards.replay();
  });
  const cards: ResultCards = new ResultCards((m) => view.post(m), (message) => view.post({ type: 'error', payload: { message } }), new AnswerResults(store), () => controller.conversation().id);
  let signals: Services['signals'];
  void deps.services().then((s) => { signals = s.signals; }, () => undefined);
  const controller = new ChatController({
    post: (m) => view.post(m),
    routing: () => signals,
    localLeavesMachine: () => localTierRemoteHost(settings.value['local.endpoint']) !== undefined,
    onApplyResult: (answerId) => { void cards.apply(answerId); },
    dispatcher: async () => (await deps.services()).dispatcher,
    store,
    context: editorContext,
    editor: new VsCodeEditorActions(proposed, log),
    info: () => ({
      localModel: deps.localLabel(),
      reasoningModel: deps.reasoningModel(),
      completionsEnabled: settings.value['completions.enabled'],
      neverSend: settings.value['privacy.neverSend'],
    }),
    log,
    reasoningKey: {
      has: deps.hasReasoningKey,
      request: async () => {
        await vscode.commands.executeCommand('tiered.setApiKey', settings.value['reasoning.provider']);
        return deps.hasReasoningKey();
      },
    },
  });
  const disposables: vscode.Disposable[] = [
    view,
    proposed,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, view),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, proposed),
    settings.onDidChange(() => controller.refresh()),
    watchEditorContext(editorContext, (item) => controller.setEditorContext(item)),
    { dispose: () => controller.dispose() },
  ];
  return {
    view,
    controller,
    disposables,
    refresh: () => controller.refresh(),
    cards,
    api: {
      visible: () => view.visible,
      conversations: () => ({ currentId: controller.state().currentConversationId, list: store.list(), shown: controller.conversation() }),
    },
  };
}
