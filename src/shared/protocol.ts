// The typed message protocol between the extension host and the chat webview: one map of
// message names to payloads per direction. Both sides switch exhaustively through a `Handlers`
// map (see `dispatch`), never through scattered string switches. Plain data only (structured
// clone): no functions, no class instances, no Dates.
import type { Tier } from '../core/config';

export type { Tier };

/** The tier that actually answered (the user may also choose 'auto'). */
export type AnswerTier = 'local' | 'reasoning';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Part of outputTokens spent on thinking, where the provider reports it. */
  reasoningTokens?: number;
  cacheReadTokens?: number;
}

/** What an answer cost: dollars, unknown (model missing from the price table), or a free local answer. */
export type AnswerCost = { kind: 'usd'; usd: number } | { kind: 'unknown' } | { kind: 'localFree' };

export type FinishReason = 'stop' | 'length' | 'aborted' | 'error';

export interface AnswerStats {
  usage?: TokenUsage;
  cost: AnswerCost;
  /** Milliseconds from the request to the first token / to the end. */
  ttftMs?: number;
  totalMs?: number;
  finishReason: FinishReason;
  /** True when the stream was cut (stop, error, length): the text is what arrived. */
  incomplete: boolean;
  /** User-facing error (no stack, no key) when finishReason is 'error'. */
  error?: string;
}

export interface AnswerHeader {
  id: string;
  conversationId: string;
  /** The user message this answers, when there is one. */
  replyTo?: string;
  tier: AnswerTier;
  model: string;
  /** The router's reason, e.g. "pinned: Local" or "multi-file question → reasoning". */
  reason: string;
  /** The answer this one re-asks on the other tier (escalate / retry locally). */
  retryOf?: string;
  /** The reasoning model was wanted but has no API key: the answer offers "Set API Key". */
  needsKey?: boolean;
}

export type ChipKind = 'selection' | 'file' | 'problems' | 'mention';

export interface ContextChip {
  id: string;
  kind: ChipKind;
  /** Short label, e.g. "app.ts:10-24" or "Problems in app.ts (3)". */
  label: string;
  /** Workspace-relative path, when the chip is a file or part of one. */
  path?: string;
  /** Set when the chip will NOT be sent to the cloud, with the reason shown to the user. */
  excludedReason?: string;
  /** The current file or selection, attached by default (removable, as in Copilot). */
  implicit?: boolean;
}

export interface UserTurn {
  role: 'user';
  id: string;
  text: string;
  chips: ContextChip[];
}

export interface AnswerTurn extends AnswerHeader {
  role: 'assistant';
  text: string;
  thinking: string;
  /** Absent while the answer is still streaming. */
  stats?: AnswerStats;
}

export type Turn = UserTurn | AnswerTurn;

export interface ConversationSummary {
  id: string;
  title: string;
  /** Epoch milliseconds of the last message. */
  updatedAt: number;
}

/** One step of an agent run (Deep Debug / Refactor with tools), as the panel lists it. */
export interface AgentStepView {
  index: number;
  kind: 'model' | 'tool';
  tool?: string;
  /** The arguments as the model sent them (redacted, shortened). */
  args?: string;
  summary: string;
  resultChars?: number;
  isError?: boolean;
  /** What the local worker did to an oversized result. */
  worker?: string;
  /** Dollars spent so far in the task; null when the model is not priced. */
  usdSoFar: number | null;
  tokensSoFar: number;
}

/** A workflow's structured result, rendered as a card under its answer (the raw text behind a toggle). */
export interface ResultCard {
  kind: 'debug' | 'refactor';
  /** Deep Debug: the root cause; Refactor: what the change does. */
  headline: string;
  explanation: string;
  confidence?: 'high' | 'medium' | 'low';
  /** Evidence grouped by file; `known` false: no such workspace file (shown without a link). */
  evidence: { path: string; known: boolean; refs: { line: number; endLine?: number; note: string }[] }[];
  /** One unified diff per file that can be applied. */
  diffs: { path: string; diff: string }[];
  /** Edits that cannot be applied, per file, with the reason. */
  refused: { path: string; reason: string }[];
  verify: string[];
  /** True while Apply is offered (valid edits, not applied yet). */
  canApply: boolean;
  /** Set after Apply: what happened. */
  applied?: string;
  /** Why the run ended short of a result (agent stopped, budget, fault). */
  note?: string;
}

export interface HostToWebview {
  /** Sent after `ready` and whenever the tier, the models or the conversation list change. */
  state: {
    /** The tier of the current conversation. */
    tier: Tier;
    localModel: { label: string; demo: boolean };
    reasoningModel: string;
    completionsEnabled: boolean;
    conversations: ConversationSummary[];
    currentConversationId: string | null;
  };
  /** The whole current conversation (on `ready`, on switch, on new chat). Streaming answers have no stats. */
  conversation: { id: string; title: string; turns: Turn[] };
  /** A user turn the host added (e.g. from Deep Debug) or the echo of `send`; de-duplicated by id. */
  userTurn: { conversationId: string; turn: UserTurn };
  answerStart: AnswerHeader;
  answerDelta: { id: string; text?: string; thinking?: string };
  answerEnd: { id: string; stats: AnswerStats };
  /**
   * Asks the user, in the chat, to confirm a cloud request started there (above the confirm
   * threshold, or past a budget); answered by `confirmCost`. `usd` null: the model has no price.
   */
  costEstimate: { id: string; usd: number | null; inputTokens: number; model: string; note?: string; kind?: 'cost' | 'budget' };
  /** The context that the next `send` carries. */
  contextChips: { chips: ContextChip[] };
  /** A problem not tied to one answer; shown as a dismissible banner. */
  error: { message: string };
  /** An agent step of answer `answerId` (collapsible in the panel). */
  agentStep: { answerId: string; step: AgentStepView };
  /** The structured result of answer `answerId`; sent again to update it (after Apply). */
  resultCard: { answerId: string; card: ResultCard };
}

export interface WebviewToHost {
  ready: Record<string, never>;
  /** `id` is the new user turn's id (the webview shows it at once); `stop` may name it before the answer starts. */
  send: { id: string; text: string; tier: Tier; chipIds: string[] };
  /** Stops the answer `id` (or the pending request of user turn `id`). */
  stop: { id: string };
  escalate: { answerId: string };
  retryLocally: { answerId: string };
  confirmCost: { id: string; accept: boolean };
  /** "Set API Key" in an answer that fell back to the local model for want of a key. */
  setApiKey: Record<string, never>;
  newChat: Record<string, never>;
  switchConversation: { id: string };
  setTier: { tier: Tier };
  attach: { kind: 'selection' | 'file' | 'problems' };
  removeChip: { id: string };
  copyCode: { code: string; language: string };
  insertCode: { code: string; language: string };
  /** `pathHint` comes from the fence (```ts src/a.ts) or a first-line comment; may be absent. */
  applyCode: { code: string; language: string; pathHint?: string };
  /** A workspace file link from an answer: path as written (relative or absolute), 1-based line. */
  openLink: { path: string; line?: number; column?: number };
  /** An http(s) link from an answer, clicked by the user; the host opens it externally. */
  openExternal: { url: string };
  /** Apply (with the preview) the edits of the result card under answer `answerId`. */
  applyResult: { answerId: string };
}

export type Message<M> = { [K in keyof M]: { type: K; payload: M[K] } }[keyof M];
export type HostMessage = Message<HostToWebview>;
export type WebviewMessage = Message<WebviewToHost>;

/** One handler per message name: adding a message makes every side that handles it fail to compile. */
export type Handlers<M> = { [K in keyof M]: (payload: M[K]) => void };

/**
 * Calls the handler for `message`. Returns false (and calls nothing) for anything that is not a
 * known message of the map, since messages cross a process boundary and are not trusted blindly.
 */
export function dispatch<M>(handlers: Handlers<M>, message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const { type, payload } = message as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, type)) return false;
  if (typeof payload !== 'object' || payload === null) return false;
  (handlers[type as keyof M] as (p: unknown) => void)(payload);
  return true;
}
