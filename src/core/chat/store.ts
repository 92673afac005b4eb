// The conversations of one workspace, kept in the workspace's memento so history survives closing
// the panel and reloading the window. Bounded: the most recent MAX_CONVERSATIONS conversations,
// MAX_TURNS turns each; long answers are kept up to MAX_ANSWER_CHARS; the agent steps and result
// cards of workflow answers go with their answers (answerResults.ts). Empty conversations (a new
// chat nobody wrote in yet) are never stored.
import type { AnswerTurn, ConversationSummary, Tier } from '../../shared/protocol';
import { boundResult, resultsOf } from './answerResults';
import type { ChipWithContent, Conversation, Memento, StoredTurn } from './types';

export const STORE_KEY = 'tiered.chat.v1';
export const MAX_CONVERSATIONS = 50;
export const MAX_TURNS = 200;
export const MAX_ANSWER_CHARS = 200_000;
export const MAX_CONTEXT_CHARS = 100_000;
const TITLE_CHARS = 60;

interface Persisted {
  version: 1;
  currentId: string | null;
  conversations: Conversation[];
}

/** A conversation's title: the first line of its first message, shortened. */
export function titleFrom(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  const flat = line.replace(/\s+/g, ' ');
  if (flat.length <= TITLE_CHARS) return flat || 'New chat';
  return `${flat.slice(0, TITLE_CHARS - 1).trimEnd()}…`;
}

/** Cuts what must stay bounded; answers that were still streaming when the window closed are marked cut. */
export function boundConversation(c: Conversation): Conversation {
  const turns = c.turns.slice(-MAX_TURNS).map((t): StoredTurn => {
    if (t.role === 'user') return { ...t, context: t.context.map(boundChip) };
    const a: AnswerTurn = { ...t, text: t.text.length > MAX_ANSWER_CHARS ? t.text.slice(0, MAX_ANSWER_CHARS) : t.text };
    if (t.thinking.length > MAX_ANSWER_CHARS) a.thinking = t.thinking.slice(0, MAX_ANSWER_CHARS);
    return a;
  });
  const { results: _all, ...rest } = c;
  const results = Object.fromEntries([...resultsOf({ ...c, turns }).entries()].map(([id, r]) => [id, boundResult(r)]));
  return { ...rest, turns, ...(Object.keys(results).length ? { results } : {}) };
}

function boundChip(c: ChipWithContent): ChipWithContent {
  return c.content.length > MAX_CONTEXT_CHARS ? { ...c, content: c.content.slice(0, MAX_CONTEXT_CHARS) } : c;
}

/** An answer without stats was interrupted (window closed mid-stream): keep its text, say it was cut. */
function settleInterrupted(c: Conversation): Conversation {
  if (!c.turns.some((t) => t.role === 'assistant' && !t.stats)) return c;
  return {
    ...c,
    turns: c.turns.map((t) => (t.role === 'assistant' && !t.stats
      ? { ...t, stats: { cost: t.tier === 'local' ? { kind: 'localFree' } : { kind: 'unknown' }, finishReason: 'aborted', incomplete: true } }
      : t)),
  };
}

function isConversation(v: unknown): v is Conversation {
  const c = v as Conversation;
  return typeof c === 'object' && c !== null && typeof c.id === 'string' && typeof c.title === 'string'
    && typeof c.updatedAt === 'number' && Array.isArray(c.turns);
}

export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private currentId: string | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly memento: Memento, private readonly onError: (e: unknown) => void = () => undefined) {
    const saved = memento.get<Persisted>(STORE_KEY);
    if (saved && Array.isArray(saved.conversations)) {
      for (const c of saved.conversations) {
        if (!isConversation(c)) continue;
        const tier: Tier = c.tier === 'local' || c.tier === 'reasoning' ? c.tier : 'auto';
        const turns = c.turns.filter((t) => t && (t.role === 'user' || t.role === 'assistant')).map((t) => (t.role === 'user' ? { ...t, chips: t.chips ?? [], context: t.context ?? [] } : t));
        this.conversations.set(c.id, settleInterrupted({ ...c, tier, turns, createdAt: c.createdAt ?? c.updatedAt }));
      }
      if (typeof saved.currentId === 'string' && this.conversations.has(saved.currentId)) this.currentId = saved.currentId;
    }
  }

  /** Stored conversations, most recent first. */
  list(): ConversationSummary[] {
    return [...this.conversations.values()]
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt }));
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  get current(): string | null {
    return this.currentId;
  }

  /** Makes `id` the conversation shown when the panel opens (null: a new chat). */
  select(id: string | null): void {
    this.currentId = id !== null && this.conversations.has(id) ? id : null;
    this.persist();
  }

  /** Stores (or updates) a conversation with at least one turn, then trims to the bounds. */
  put(c: Conversation): void {
    if (c.turns.length === 0) return;
    if (c.turns.length > MAX_TURNS) c.turns.splice(0, c.turns.length - MAX_TURNS);
    this.conversations.set(c.id, c);
    if (this.conversations.size > MAX_CONVERSATIONS) {
      const oldest = [...this.conversations.values()].sort((a, b) => a.updatedAt - b.updatedAt);
      for (const o of oldest.slice(0, this.conversations.size - MAX_CONVERSATIONS)) {
        if (o.id !== c.id) this.conversations.delete(o.id);
      }
    }
    this.persist();
  }

  /** Resolves when every write so far reached the memento. */
  flush(): Promise<void> {
    return this.writing;
  }

  private persist(): void {
    const value: Persisted = {
      version: 1,
      currentId: this.currentId,
      conversations: [...this.conversations.values()].map(boundConversation),
    };
    this.writing = this.writing.then(() => this.memento.update(STORE_KEY, value)).then(undefined, (e) => this.onError(e));
  }
}
