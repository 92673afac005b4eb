// Turns a conversation into the messages a provider gets: the system prompt, the previous
// questions with their latest answer, and the context chips' content. Chips marked excluded
// (tiered.privacy.neverSend) carry their content only to the local tier; for anything that may
// reach the cloud they are replaced by a one-line note, and an answer given with such content in
// view is left out too (it may quote it). Anything not bound for the local tier is then scrubbed
// of what withheld content holds (a later answer can quote an earlier one) and redacted: withheld.ts.
import type { ChatMessage, TierId } from '../providers/types';
import type { RouteRequest } from '../routing/router';
import type { AnswerTurn } from '../../shared/protocol';
import type { ChipWithContent, Conversation, StoredUserTurn } from './types';
import { forCloud } from './withheld';

export const SYSTEM_PROMPT = [
  'You are Tiered, a coding assistant inside VS Code. Answer concisely in Markdown.',
  'Put code in fenced blocks with a language; when a block is a whole file or replaces part of one, put its workspace-relative path after the language (```ts src/app.ts).',
  'Refer to workspace files as path:line.',
].join(' ');

/** Where the messages may go: only 'local' may see excluded content. */
export type Audience = TierId | 'any';

const fence = (content: string) => {
  let ticks = '```';
  while (content.includes(ticks)) ticks += '`';
  return ticks;
};

/** One chip as text for the model (or a note that it was withheld). */
export function chipText(chip: ChipWithContent, audience: Audience): string {
  const where = chip.path ? ` (${chip.path})` : '';
  if (chip.excludedReason && audience !== 'local') {
    return `[The user attached ${chip.label}${where}; its content is withheld: ${chip.excludedReason}]`;
  }
  const ticks = fence(chip.content);
  const title = chip.kind === 'problems' ? `Problems reported by VS Code for ${chip.label}` : `Attached ${chip.kind}: ${chip.label}`;
  return `${title}${where}:\n${ticks}${chip.kind === 'problems' ? 'text' : chip.language ?? ''}\n${chip.content}\n${ticks}`;
}

/** The user message: the question, then the attached context. */
export function userContent(turn: StoredUserTurn, audience: Audience): string {
  if (turn.context.length === 0) return turn.text;
  return `${turn.text}\n\n${turn.context.map((c) => chipText(c, audience)).join('\n\n')}`;
}

/** The answer that counts for a question: the last finished one with text. */
export function latestAnswer(c: Conversation, userTurnId: string, before?: string): AnswerTurn | undefined {
  let found: AnswerTurn | undefined;
  for (const t of c.turns) {
    if (before !== undefined && t.id === before) break;
    if (t.role === 'assistant' && t.replyTo === userTurnId && t.stats && t.text.trim() !== '') found = t;
  }
  return found;
}

/**
 * Messages that ask `question` (a user turn of `c`) with the earlier questions and answers as
 * history. `skipAnswer` leaves one answer out (the one being escalated or retried).
 */
export function buildMessages(c: Conversation, question: StoredUserTurn, audience: Audience, system = SYSTEM_PROMPT): ChatMessage[] {
  const messages = c.basis ? basisMessages(c, question, audience) : chatMessages(c, question, audience, system);
  return audience === 'local' ? messages : forCloud(messages, c);
}

const OMITTED = '[Answer omitted: it was written with files that never leave this machine in view.]';

function chatMessages(c: Conversation, question: StoredUserTurn, audience: Audience, system: string): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  for (const t of c.turns) {
    if (t.role !== 'user') continue;
    if (t.id === question.id) break;
    const answer = latestAnswer(c, t.id);
    if (!answer) continue; // a question without an answer would break the user/assistant alternation
    const withheld = audience !== 'local' && t.context.some((x) => x.excludedReason);
    messages.push({ role: 'user', content: userContent(t, audience) });
    messages.push({ role: 'assistant', content: withheld ? OMITTED : answer.text });
  }
  messages.push({ role: 'user', content: userContent(question, audience) });
  return messages;
}

/** A workflow conversation: its first messages as sent (cacheable prefix), then the follow-ups. */
function basisMessages(c: Conversation, question: StoredUserTurn, audience: Audience): ChatMessage[] {
  const basis = c.basis!;
  const messages = basis.messages.map((m) => ({ ...m }));
  if (question.id === basis.firstTurnId) return messages;
  const first = latestAnswer(c, basis.firstTurnId);
  messages.push({ role: 'assistant', content: first?.text || '[no answer]' });
  let seenFirst = false;
  for (const t of c.turns) {
    if (t.role !== 'user') continue;
    if (t.id === basis.firstTurnId) { seenFirst = true; continue; }
    if (!seenFirst) continue;
    if (t.id === question.id) break;
    const answer = latestAnswer(c, t.id);
    if (!answer) continue;
    const withheld = audience !== 'local' && t.context.some((x) => x.excludedReason);
    messages.push({ role: 'user', content: userContent(t, audience) });
    messages.push({ role: 'assistant', content: withheld ? OMITTED : answer.text });
  }
  messages.push({ role: 'user', content: userContent(question, audience) });
  return messages;
}

const STACK = /(^|\n)\s+at .+[:(]\d+|Traceback \(most recent call last\)|(^|\n)\s*File ".+", line \d+|panicked at /;

/** What the router needs to know about the question. */
export function routeFacts(c: Conversation, question: StoredUserTurn, explicitTier?: TierId): Omit<RouteRequest, 'text'> {
  if (c.basis) return { ...c.basis.route, ...(explicitTier ? { explicitTier } : {}) };
  const files = new Set(question.context.map((x) => x.path).filter((p): p is string => !!p));
  const before = c.turns.slice(0, Math.max(0, c.turns.findIndex((t) => t.id === question.id)));
  const lastAnswer = [...before].reverse().find((t): t is AnswerTurn => t.role === 'assistant');
  return {
    kind: 'chat',
    question: question.text,
    fileCount: files.size,
    hasStackTrace: STACK.test(question.text) || question.context.some((x) => STACK.test(x.content) && !x.excludedReason),
    hasErrors: question.context.some((x) => x.kind === 'problems'),
    conversation: { turns: before.filter((t) => t.role === 'user').length, lastTier: lastAnswer?.tier },
    ...(question.context.find((x) => x.language)?.language ? { language: question.context.find((x) => x.language)!.language } : {}),
    ...(explicitTier ? { explicitTier } : {}),
  };
}
