// The host side of the chat panel: every WebviewToHost message goes through one Handlers map;
// everything the panel shows comes back through `post`. Conversations live in the store; the
// conversation's tier ('auto' follows tiered.tier; 'local' / 'reasoning' pin it) becomes the
// dispatcher's explicitTier, so with Local nothing leaves the machine.
import { userMessage } from '../errors';
import type { Logger } from '../log';
import type { TierId } from '../providers/types';
import { TIERS, type Tier } from '../config';
import { dispatch, type HostMessage, type HostToWebview, type Handlers, type WebviewToHost } from '../../shared/protocol';
import { startAnswer, type DispatcherLike, type RunningAnswer } from './answer';
import { ImplicitChip, PendingChips, makeChip, publicChip } from './chips';
import { ConversationStore, titleFrom } from './store';
import type { ChipWithContent, ContextItem, ContextSource, Conversation, EditorActions, StoredUserTurn, WorkflowBasis } from './types';
import type { CostQuestion, DispatchOutcome, DispatchRequest } from '../tiers/dispatcher';
import { isWebUrl } from './stats';
import { CostConfirmations } from './costConfirm';
import { answerWithCode, type RoutingSignals } from '../routing/signals';

export interface ChatInfo {
  localModel: { label: string; demo: boolean };
  reasoningModel: string;
  completionsEnabled: boolean;
  /** tiered.privacy.neverSend globs. */
  neverSend: readonly string[];
}

export interface ChatControllerDeps {
  post(message: HostMessage): void;
  dispatcher(): Promise<DispatcherLike>;
  store: ConversationStore;
  context: ContextSource;
  editor: EditorActions;
  info(): ChatInfo;
  log: Logger;
  newId?(): string;
  now?(): number;
  /** The system prompt (default: SYSTEM_PROMPT). */
  system?: string;
  /** Routing signals (escalate, retry locally, re-ask, copy/insert/apply) for the learned router. */
  routing?(): RoutingSignals | undefined;
  /** The local tier is a server off this machine (tiered.local.endpoint). */
  localLeavesMachine?(): boolean;
  /** Apply on a workflow's result card (see src/vscode/chat/resultCards.ts). */
  onApplyResult?(answerId: string): void;
  /** Whether the reasoning tier has a key, and asking the user for one (true when one is set after). */
  reasoningKey?: { has(): Promise<boolean>; request(): Promise<boolean> };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isTier = (v: unknown): v is Tier => TIERS.includes(v as Tier);
const explicitFor = (tier: Tier): TierId | undefined => (tier === 'auto' ? undefined : tier);
let counter = 0;
const defaultId = () => `${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export class ChatController {
  private current: Conversation;
  private readonly pending = new PendingChips();
  private readonly implicit = new ImplicitChip();
  private readonly running = new Set<RunningAnswer>();
  private readonly newId: () => string;
  private readonly now: () => number;
  private readonly handlers: Handlers<WebviewToHost>;
  /** Cost questions of requests started in the chat, shown as cards in it. */
  private readonly costs: CostConfirmations;

  constructor(private readonly deps: ChatControllerDeps) {
    this.newId = deps.newId ?? defaultId;
    this.now = deps.now ?? Date.now;
    this.costs = new CostConfirmations((m) => this.post(m), this.newId);
    const saved = deps.store.current;
    this.current = (saved !== null ? deps.store.get(saved) : undefined) ?? this.draft('auto');
    this.handlers = {
      ready: () => this.showAll(),
      send: (p) => this.send(p),
      stop: (p) => { if (isString(p.id)) this.stop(p.id); },
      escalate: (p) => { if (isString(p.answerId)) { this.deps.routing?.()?.escalated(p.answerId); void this.escalate(p.answerId); } },
      retryLocally: (p) => { if (isString(p.answerId)) { this.deps.routing?.()?.retriedLocallyOn(p.answerId); this.reask(p.answerId, 'local'); } },
      applyResult: (p) => { if (isString(p.answerId)) this.deps.onApplyResult?.(p.answerId); },
      setApiKey: () => { void this.deps.reasoningKey?.request().then(() => this.refresh(), (e) => this.error(userMessage(e))); },
      confirmCost: (p) => {
        if (!isString(p.id) || typeof p.accept !== 'boolean' || !this.costs.answer(p.id, p.accept)) this.deps.log.debug(`Chat: confirmCost ${String(p.id)} matches no open question.`);
      },
      newChat: () => this.newChat(),
      switchConversation: (p) => { if (isString(p.id)) this.switchTo(p.id); },
      setTier: (p) => { if (isTier(p.tier)) this.setTier(p.tier); },
      attach: (p) => { if (p.kind === 'selection' || p.kind === 'file' || p.kind === 'problems') void this.attach(p.kind); },
      removeChip: (p) => { if (isString(p.id) && (this.pending.remove(p.id) || this.implicit.dismiss(p.id))) this.postChips(); },
      copyCode: (p) => { if (isString(p.code)) { this.used(p.code, 'copy'); this.editorAction(() => this.deps.editor.copy(p.code)); } },
      insertCode: (p) => { if (isString(p.code)) { this.used(p.code, 'insert'); this.editorAction(() => this.deps.editor.insert(p.code, isString(p.language) ? p.language : '')); } },
      applyCode: (p) => {
        if (isString(p.code)) this.used(p.code, 'apply');
        if (isString(p.code)) this.editorAction(() => this.deps.editor.apply(p.code, isString(p.language) ? p.language : '', isString(p.pathHint) && p.pathHint ? p.pathHint : undefined));
      },
      openLink: (p) => {
        const line = typeof p.line === 'number' && Number.isInteger(p.line) && p.line > 0 ? p.line : undefined;
        const column = typeof p.column === 'number' && Number.isInteger(p.column) && p.column > 0 ? p.column : undefined;
        if (isString(p.path) && p.path) this.editorAction(() => this.deps.editor.openLink(p.path, line, column));
      },
      openExternal: (p) => {
        if (!isString(p.url) || !isWebUrl(p.url)) this.error('Only http and https links open outside VS Code.');
        else this.editorAction(() => this.deps.editor.openExternal(p.url));
      },
    };
  }

  /** Handles one message from the webview; false for anything that is not a known message. */
  receive(message: unknown): boolean {
    const known = dispatch(this.handlers, message);
    if (!known) this.deps.log.warn('Chat: ignored an unknown message from the panel.');
    return known;
  }

  /** The panel's header state (tier, models, history). */
  state(): HostToWebview['state'] {
    const info = this.deps.info();
    return {
      tier: this.current.tier,
      localModel: info.localModel,
      reasoningModel: info.reasoningModel,
      completionsEnabled: info.completionsEnabled,
      conversations: this.deps.store.list(),
      currentConversationId: this.deps.store.get(this.current.id) ? this.current.id : null,
    };
  }

  /** The editor's current file or selection (undefined: no editor): shown as a removable chip, sent by default. */
  setEditorContext(item: ContextItem | undefined): void {
    this.implicit.set(this.newId(), item, this.deps.info().neverSend);
    this.postChips();
  }

  /** Pushes the state again (settings changed, a model loaded). Re-checks chips against neverSend. */
  refresh(): void {
    this.pending.recheck(this.deps.info().neverSend);
    this.implicit.recheck(this.deps.info().neverSend);
    this.post({ type: 'state', payload: this.state() });
    this.postChips();
  }

  /** The conversation the panel shows, as the webview sees it. */
  conversation(): HostToWebview['conversation'] {
    const c = this.current;
    return { id: c.id, title: c.title, turns: c.turns.map((t) => (t.role === 'user' ? { role: 'user', id: t.id, text: t.text, chips: t.chips } : t)) };
  }

  /** Resolves when no answer is running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running].map((r) => r.done));
  }

  /** Stops every running answer. */
  dispose(): void {
    this.costs.declineAll();
    for (const r of this.running) r.abort.abort();
  }

  private post(message: HostMessage): void {
    this.deps.post(message);
  }

  private error(message: string): void {
    this.post({ type: 'error', payload: { message } });
  }

  private showAll(): void {
    // The panel shows a conversation afresh (or reloaded): a cost card it showed is gone, so its question is answered "no".
    this.costs.declineAll();
    this.post({ type: 'state', payload: this.state() });
    this.post({ type: 'conversation', payload: this.conversation() });
    this.postChips();
  }

  /** The chips the next message carries: the implicit one (current file/selection) first. */
  private chipList(): ChipWithContent[] {
    const explicit = this.pending.list();
    const implicit = this.implicit.chip(explicit);
    return implicit ? [implicit, ...explicit] : explicit;
  }

  private postChips(): void {
    this.post({ type: 'contextChips', payload: { chips: this.chipList().map(publicChip) } });
  }

  private draft(tier: Tier): Conversation {
    const now = this.now();
    return { id: this.newId(), title: 'New chat', tier, createdAt: now, updatedAt: now, turns: [] };
  }

  private save = (c: Conversation): void => {
    this.deps.store.put(c);
  };

  private send(p: WebviewToHost['send']): void {
    if (!isString(p.id) || !p.id || !isString(p.text) || p.text.trim() === '') return;
    const c = this.current;
    if (c.turns.some((t) => t.id === p.id)) return; // the same message twice
    if (isTier(p.tier)) c.tier = p.tier;
    const ids = Array.isArray(p.chipIds) ? p.chipIds.filter(isString) : [];
    const implicit = this.implicit.chip(this.pending.list());
    const chips = [...(implicit && ids.includes(implicit.id) ? [implicit] : []), ...this.pending.take(ids)];
    const turn: StoredUserTurn = { role: 'user', id: p.id, text: p.text, chips: chips.map(publicChip), context: chips };
    const first = c.turns.length === 0;
    if (first) c.title = titleFrom(p.text);
    c.turns.push(turn);
    c.updatedAt = this.now();
    this.deps.store.put(c);
    this.deps.store.select(c.id);
    this.post({ type: 'userTurn', payload: { conversationId: c.id, turn: { role: 'user', id: turn.id, text: turn.text, chips: turn.chips } } });
    this.postChips();
    this.post({ type: 'state', payload: this.state() });
    this.deps.routing?.()?.asked(c.id, p.text);
    this.run(c, turn, explicitFor(c.tier));
  }

  /**
   * A workflow (Deep Debug, refactor) asks through the panel: a new conversation titled `title`,
   * `question` shown as the user's turn, `messages` sent as they are (the evidence block marked
   * cacheable), the answer streamed like any other. Follow-ups typed in the panel build on the
   * same messages. Resolves with the dispatcher's outcome (undefined if it failed: the panel
   * already shows why).
   */
  ask(opts: {
    title: string; question: string; basis: Omit<WorkflowBasis, 'firstTurnId'>; explicitTier?: TierId; signal?: AbortSignal;
    /** Replaces the Dispatcher for this first answer (the agent loop runs its turns through it). */
    dispatch?: DispatcherLike['dispatch'];
    /** Called with the answer's id once it starts (to post agent steps and the result card under it). */
    onAnswerStart?: (answerId: string) => void;
  }): Promise<DispatchOutcome | undefined> {
    const c = this.draft(this.current.turns.length === 0 ? this.current.tier : 'auto');
    const turn: StoredUserTurn = { role: 'user', id: this.newId(), text: opts.question, chips: [], context: [] };
    c.title = opts.title;
    c.basis = { ...opts.basis, firstTurnId: turn.id };
    c.turns.push(turn);
    this.current = c;
    this.deps.store.put(c);
    this.deps.store.select(c.id);
    this.showAll();
    const { dispatch: inner, onAnswerStart } = opts;
    const through = inner || onAnswerStart ? async (req: DispatchRequest): Promise<DispatchOutcome> => {
      const target = inner ?? (async (q: DispatchRequest) => (await this.deps.dispatcher()).dispatch(q));
      return target(onAnswerStart ? { ...req, onDecision: (d) => { req.onDecision?.(d); if (r.answerId) onAnswerStart(r.answerId); } } : req);
    } : undefined;
    const r = this.run(c, turn, opts.explicitTier, undefined, through, 'palette');
    opts.signal?.addEventListener('abort', () => r.abort.abort(), { once: true });
    return r.outcome;
  }

  /** `from` 'palette': a workflow command started it, and its cost question stays a modal; in the chat it is a card. */
  private run(c: Conversation, question: StoredUserTurn, explicitTier?: TierId, retryOf?: string, dispatch?: DispatcherLike['dispatch'], from: 'chat' | 'palette' = 'chat'): RunningAnswer {
    const r = startAnswer({
      ...(from === 'chat' ? { confirm: (q: CostQuestion, signal: AbortSignal) => this.costs.ask(q, signal) } : {}),
      post: (m) => this.post(m), dispatcher: dispatch ? async () => ({ dispatch }) : this.deps.dispatcher, save: this.save, log: this.deps.log,
      newId: this.newId, now: this.now, system: this.deps.system,
      ...(this.deps.localLeavesMachine ? { localLeavesMachine: this.deps.localLeavesMachine } : {}),
      onRouted: (a, q, decision) => this.deps.routing?.()?.answered({
        answerId: a.id, conversationId: c.id, questionText: q.text, tier: a.tier, decision, reasoningUsd: decision.learned?.reasoningUsd, ...(retryOf !== undefined ? { retryOf } : {}),
      }),
    }, c, question, explicitTier, retryOf);
    this.running.add(r);
    void r.done.finally(() => {
      this.running.delete(r);
      if (this.current.id === c.id || this.deps.store.get(c.id)) this.post({ type: 'state', payload: this.state() });
    });
    return r;
  }

  private stop(id: string): void {
    for (const r of this.running) if (r.questionId === id || r.answerId === id) r.abort.abort();
  }

  /**
   * Escalate: the same question on the reasoning model. Without a key it asks for one first, and
   * sends nothing (never a silent local answer) when the user does not give one.
   */
  private async escalate(answerId: string): Promise<void> {
    const keys = this.deps.reasoningKey;
    try {
      if (keys && !(await keys.has()) && !(await keys.request())) {
        this.error('Escalating needs an API key for the reasoning model; nothing was sent. Run "Tiered: Set API Key" and escalate again.');
        return;
      }
    } catch (e) {
      this.error(userMessage(e));
      return;
    }
    this.reask(answerId, 'reasoning');
  }

  /** Escalate / retry locally: the same question again, on the named tier. */
  private reask(answerId: string, tier: TierId): void {
    const c = [this.current, ...this.deps.store.list().map((s) => this.deps.store.get(s.id))].find((x) => x?.turns.some((t) => t.id === answerId));
    const answer = c?.turns.find((t) => t.id === answerId);
    const question = c && answer?.role === 'assistant' ? c.turns.find((t): t is StoredUserTurn => t.role === 'user' && t.id === answer.replyTo) : undefined;
    if (!c || !question) {
      this.error('That answer is no longer in the history, so it cannot be asked again.');
      return;
    }
    this.run(c, question, tier, answerId);
  }

  private newChat(): void {
    this.costs.declineAll();
    this.current = this.draft(this.current.tier);
    this.deps.store.select(null);
    this.post({ type: 'state', payload: this.state() });
    this.post({ type: 'conversation', payload: this.conversation() });
  }

  private switchTo(id: string): void {
    this.costs.declineAll();
    const c = this.deps.store.get(id);
    if (!c) {
      this.error('That conversation is no longer in the history.');
      this.post({ type: 'state', payload: this.state() });
      return;
    }
    this.current = c;
    this.deps.store.select(id);
    this.post({ type: 'state', payload: this.state() });
    this.post({ type: 'conversation', payload: this.conversation() });
  }

  private setTier(tier: Tier): void {
    this.current.tier = tier;
    this.deps.store.put(this.current);
    this.post({ type: 'state', payload: this.state() });
  }

  private async attach(kind: 'selection' | 'file' | 'problems'): Promise<void> {
    try {
      const item = await this.deps.context.get(kind);
      this.pending.add(makeChip(this.newId(), item, this.deps.info().neverSend));
      this.postChips();
    } catch (e) {
      this.error(userMessage(e));
    }
  }

  /** Copy / insert / apply of code from an answer: a routing signal for that answer. */
  private used(code: string, via: 'copy' | 'insert' | 'apply'): void {
    const routing = this.deps.routing?.();
    if (routing) routing.used(answerWithCode(this.current.turns, code), via);
  }

  private editorAction(action: () => Promise<void>): void {
    action().then(undefined, (e) => {
      this.deps.log.warn(`Chat: ${userMessage(e)}`);
      this.error(userMessage(e));
    });
  }
}
