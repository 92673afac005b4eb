// What the chat keeps per conversation: the protocol's turns plus, for user turns, the content of
// the context chips that went with them (so follow-up questions still carry that context), and the
// conversation's own tier choice.
import type { AnswerTurn, ContextChip, Tier, UserTurn } from '../../shared/protocol';
import type { EgressContext } from '../egress/entry';
import type { ChatMessage, Purpose } from '../providers/types';
import type { RouteRequest } from '../routing/router';
import type { AnswerResult } from './answerResults';

/** A context chip with its content, as the adapter supplied it. */
export interface ChipWithContent extends ContextChip {
  /** The text sent as context (file text, selection, problems list). */
  content: string;
  /** Language id for the fence around the content, when known. */
  language?: string;
}

export interface StoredUserTurn extends UserTurn {
  /** Content of the chips (same ids as `chips`). Not sent to the webview. */
  context: ChipWithContent[];
}

export type StoredTurn = StoredUserTurn | AnswerTurn;

export interface Conversation {
  id: string;
  title: string;
  /** 'auto' follows tiered.tier; 'local' / 'reasoning' pin this conversation. */
  tier: Tier;
  createdAt: number;
  updatedAt: number;
  turns: StoredTurn[];
  /**
   * Set when a workflow (Deep Debug, refactor) started the conversation: the messages it sent for
   * its first question (system prompt, the cacheable evidence block, the question). Follow-ups
   * are asked on top of these, byte-identical, so the provider's prompt cache keeps them cheap.
   */
  basis?: WorkflowBasis;
  /** Agent steps and result cards of workflow answers, by answer id (see answerResults.ts). */
  results?: Record<string, AnswerResult>;
}

export interface WorkflowBasis {
  purpose: Purpose;
  messages: ChatMessage[];
  /** The user turn the basis messages ask. */
  firstTurnId: string;
  route: Omit<RouteRequest, 'text'>;
  /** The user already accepted this estimate for the first question (no second prompt). */
  preApprovedUsd?: number;
  /** For the egress record: the files and ranges the basis sends, what it withheld or redacted. */
  egress?: EgressContext;
}

/** What the adapter supplies for `attach`: the editor's selection, file or problems. */
export interface ContextItem {
  kind: 'selection' | 'file' | 'problems';
  label: string;
  /** Workspace-relative path ('/' separators), when the item comes from a workspace file. */
  path?: string;
  content: string;
  language?: string;
}

export interface ContextSource {
  /** Rejects with a UserFacingError when there is nothing to attach (no editor, empty selection). */
  get(kind: ContextItem['kind'], signal?: AbortSignal): Promise<ContextItem>;
}

/** The editor side of code blocks and links (VS Code adapter). Each may reject with a UserFacingError. */
export interface EditorActions {
  copy(code: string): Promise<void>;
  insert(code: string, language: string): Promise<void>;
  apply(code: string, language: string, pathHint?: string): Promise<void>;
  openLink(path: string, line?: number, column?: number): Promise<void>;
  openExternal(url: string): Promise<void>;
}

/** The key/value storage of the workspace (VS Code's `context.workspaceState`). */
export interface Memento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
