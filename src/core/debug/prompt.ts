// The messages for a Deep Debug request: a stable system prompt, the evidence as one cacheable
// block (ChatMessage.cache), then the question. Follow-ups append turns after the same prefix,
// byte for byte, so providers with prompt caching bill the evidence as a cache read.
import type { ChatMessage } from '../providers/types';
import { describeLeftOut } from './evidence';
import { DEBUG_TOOL_NAME } from './schema';
import type { AssembledEvidence } from './types';

export type DebugTier = 'reasoning' | 'local';
/** How the provider receives the result schema: as a tool, as response_format, or only in the prompt. */
export type StructuredMode = 'tool' | 'response-format' | 'prompt';

export const LOCAL_TIER_NOTE = 'Deep Debug is running on the local model (the tier is pinned to Local): the analysis will be shallower and uses less of the evidence.';

const ROLE = `You are a senior engineer finding the root cause of a bug in the user's workspace. The evidence Tiered gathered is in the <evidence> block: error output, the failing lines (numbered as in their files), the user's selection, diagnostics, definitions and references, uncommitted changes, related files. Some of it may be truncated or left out; text shown as [redacted] was removed for privacy and is not the bug.

Work from the evidence. Find the cause, not only the line that throws: follow the values back to where they go wrong. Prefer the smallest fix that removes the cause. Do not invent files or lines: cite only paths and line numbers that appear in the evidence. If the evidence is not enough, say what is missing and set confidence to low.`;

const RESULT_FIELDS = `The result has:
- rootCause: one or two sentences.
- evidence: the lines that show it, each { file, line, endLine, note } with a workspace-relative path and the line number from the evidence.
- explanation: what the fix changes and why, in a sentence or two.
- files: the fix as edits, each { path, kind: "modify" | "create" | "delete", hunks, content }. For modify, hunks are { search, replace } where search is copied exactly from the current file (whole lines, enough of them to occur exactly once) and replace is the new text; content is null. For create, content is the whole file and hunks null. For delete, both null. files may be empty when no code change fixes it.
- verify: how to check the fix (commands to run, what should happen).
- confidence: high, medium or low.`;

function outputInstruction(mode: StructuredMode): string {
  if (mode === 'tool') return `${RESULT_FIELDS}\n\nThink it through, then call the ${DEBUG_TOOL_NAME} tool exactly once with the result. Keep any text before the call short.`;
  if (mode === 'response-format') return `${RESULT_FIELDS}\n\nAnswer with the JSON object only.`;
  return `${RESULT_FIELDS}\n\nEnd your answer with the result as one JSON object in a \`\`\`json fenced block (no comments, no trailing commas). Before it, at most a short paragraph of explanation.`;
}

const LOCAL_SYSTEM = `You are helping find the cause of a bug. Read the error and the code in the <evidence> block. Answer with these sections, briefly:

## Root cause
One or two sentences.

## Evidence
- path/to/file.ext:LINE — what this line shows

## Fix
For each change, the file path on its own line, then:
<<<<<<< SEARCH
exact lines from the current file
=======
the new lines
>>>>>>> REPLACE

## Verify
- how to check the fix

Cite only files and lines that appear in the evidence.`;

/** The system prompt for a tier and output mode (stable across a session: part of the cached prefix). */
export function debugSystemPrompt(tier: DebugTier, mode: StructuredMode = 'prompt'): string {
  return tier === 'local' ? LOCAL_SYSTEM : `${ROLE}\n\n${outputInstruction(mode)}`;
}

const MAX_NAMED_LEFT_OUT = 8;

/** The evidence block's text: identical for every request of a session. */
export function evidenceBlockText(evidence: AssembledEvidence): string {
  const budget = evidence.leftOut.filter((l) => l.reason === 'budget');
  const withheld = evidence.leftOut.length - budget.length;
  const notes: string[] = [];
  if (budget.length) {
    const named = describeLeftOut(budget.slice(0, MAX_NAMED_LEFT_OUT)).replace(/^\d+ items? left out: /, '');
    const more = budget.length > MAX_NAMED_LEFT_OUT ? ` and ${budget.length - MAX_NAMED_LEFT_OUT} more` : '';
    notes.push(`Left out for length: ${named}${more}.`);
  }
  if (withheld) notes.push(`${withheld} item${withheld === 1 ? ' was' : 's were'} withheld by the user's privacy settings.`);
  if (evidence.kept.some((k) => k.truncated)) notes.push('Items marked "truncated" show only their most relevant lines.');
  const body = evidence.text || '(no evidence could be gathered)\n';
  notes.unshift('Paths in the headings are relative to the workspace root; code lines are numbered as in their files.');
  return `<evidence>\n${notes.length ? `${notes.join('\n')}\n\n` : ''}${body}</evidence>`;
}

export interface DebugMessagesInput {
  evidence: AssembledEvidence;
  tier: DebugTier;
  mode?: StructuredMode;
  /** What the user says is wrong (may be empty: the trace speaks for itself). */
  problem?: string;
}

/** system, evidence (cache: true), question. */
export function buildDebugMessages(input: DebugMessagesInput): ChatMessage[] {
  const problem = input.problem?.trim();
  const question = [
    problem ? `The user reports: ${problem}` : 'The user ran Deep Debug on the error in the evidence.',
    input.tier === 'local'
      ? 'Find the root cause and a fix. Keep it short.'
      : 'Find the root cause, show the evidence for it with file:line references, give the fix as edits and say how to verify it.',
  ].join('\n\n');
  return [
    { role: 'system', content: debugSystemPrompt(input.tier, input.mode ?? 'prompt') },
    { role: 'user', content: evidenceBlockText(input.evidence), cache: true },
    { role: 'user', content: question },
  ];
}

/**
 * The next request of the conversation: every earlier message unchanged (the evidence block keeps
 * its bytes and its cache mark), the model's last answer, the new question.
 */
export function buildFollowUpMessages(previous: readonly ChatMessage[], lastAnswer: string, question: string, options: { wantResult?: boolean } = {}): ChatMessage[] {
  const ask = options.wantResult
    ? `${question.trim()}\n\nIf this changes the root cause or the fix, give the complete result again in the same format.`
    : question.trim();
  return [...previous.map((m) => ({ ...m })), { role: 'assistant', content: lastAnswer }, { role: 'user', content: ask }];
}

export interface BudgetInput {
  tier: DebugTier;
  /** The local model's context window (tiered.local.contextSize). */
  contextSize?: number;
  /** Cap for the reasoning tier's evidence. */
  reasoningEvidenceTokens?: number;
}

export const DEFAULT_REASONING_EVIDENCE_TOKENS = 16_000;
/** Kept free in the local context for the system prompt, the question and the answer. */
const LOCAL_RESERVE = 1_400;

/** Tokens of evidence for a tier: the local model gets what fits its context beside the answer. */
export function evidenceBudget(input: BudgetInput): number {
  if (input.tier === 'reasoning') return input.reasoningEvidenceTokens ?? DEFAULT_REASONING_EVIDENCE_TOKENS;
  const ctx = input.contextSize ?? 4096;
  return Math.max(384, Math.floor((ctx - LOCAL_RESERVE) * 0.9));
}

/** Prompt tokens of a message list (for the cost estimate), with a few tokens per message of framing. */
export function promptTokens(messages: readonly ChatMessage[], count: (text: string) => number): number {
  return messages.reduce((n, m) => n + count(m.content) + 4, 0);
}
