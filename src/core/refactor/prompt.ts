// The refactor request: a system prompt that demands edits in one exact form, the files as one
// cacheable block (the big stable part: follow-ups and retries reuse it), then the instruction.
// Returns what was sent (content hashes for the stale-file check) and what was left out.
import { contentHash } from '../edits/hash';
import { EDITS_JSON_SCHEMA, EDITS_TOOL_NAME } from '../edits/schema';
import type { ChatMessage } from '../providers/types';
import { REDACTED, redactSecrets } from '../redact';
import { describeOmitted, selectFiles, type CandidateFile, type OmittedFile, type SelectedFile } from './selectFiles';
import { renderFileBlock } from './fileBlock';

/** How the model is asked to answer: through the edits tool, a JSON block, or SEARCH/REPLACE blocks (small models). */
export type AnswerFormat = 'tool' | 'json' | 'search-replace';

export interface RefactorPromptInput {
  instruction: string;
  files: readonly CandidateFile[];
  /** Input tokens for the whole prompt (rules, files, instruction). */
  budgetTokens: number;
  countTokens: (text: string) => number;
  neverSend?: readonly string[];
  tier?: 'reasoning' | 'local';
  /** Default: 'json' on the reasoning tier (works with every provider), 'search-replace' on the local tier. */
  answerFormat?: AnswerFormat;
  /** Redact key-like strings in file text before sending (default true). An edit next to one then fails to match and is refused. */
  redact?: boolean;
}

export interface RefactorPrompt {
  messages: ChatMessage[];
  /** contentHash of each included file's whole current text, by path: pass as WorkspaceFs.sentVersions. */
  sentVersions: Record<string, string>;
  /** Files sent as an excerpt or with secrets redacted: pass as WorkspaceFs.sentPartial (no whole-file rewrite of those). */
  sentPartial: string[];
  included: SelectedFile[];
  omitted: OmittedFile[];
  answerFormat: AnswerFormat;
  estimatedInputTokens: number;
  /** Plain words for the user about scope: the local tier, left-out files, excerpts. */
  notices: string[];
}

/** Input-token budget for a refactor: the local model gets about half its context (the rest is for the answer). */
export function refactorBudgetTokens(tier: 'reasoning' | 'local', localContextSize: number, reasoningBudget = 60_000): number {
  return tier === 'local' ? Math.max(512, Math.floor(localContextSize * 0.5)) : reasoningBudget;
}

const RULES = [
  'Paths are relative to the workspace folder, exactly as the file headings show them, with "/" separators.',
  'Each search text is copied exactly from the file as shown (same indentation, spaces and line breaks) and includes enough surrounding lines to occur exactly once in that file.',
  'Every search text of a file is matched against the file as shown, not against the result of your other hunks; hunks of one file must not overlap.',
  'Edit only the files shown. You may create new files (kind "create" with the whole content). Delete a file only when the instruction requires it.',
  'In a file marked EXCERPT, take search text only from the lines shown.',
  'Never touch .git, files outside the workspace, or files you were not shown.',
  'Keep the change minimal and complete: update every call site shown. Do not reformat unrelated code.',
  'Text such as [redacted] stands for a secret that was removed; never edit lines containing it.',
];

function formatRules(format: AnswerFormat): string {
  switch (format) {
    case 'tool':
      return `Answer by calling the \`${EDITS_TOOL_NAME}\` tool once with all the edits. Put a short explanation in its "explanation" field.`;
    case 'json':
      return [
        'Answer with one JSON object in a ```json fenced block, and nothing after it. It must follow this JSON schema:',
        JSON.stringify(EDITS_JSON_SCHEMA),
        'Example:',
        '```json',
        '{"explanation":"Rename total to sum.","files":[{"path":"src/a.ts","kind":"modify","hunks":[{"search":"export function total(xs: number[]) {\\n","replace":"export function sum(xs: number[]) {\\n"}],"content":null},{"path":"src/b.ts","kind":"create","hunks":null,"content":"export const b = 1;\\n"}]}',
        '```',
      ].join('\n');
    case 'search-replace':
      return [
        'Start with one or two sentences explaining the change. Then, for each change, write the file path on its own line followed by a SEARCH/REPLACE block:',
        'src/a.ts',
        '<<<<<<< SEARCH',
        'export function total(xs: number[]) {',
        '=======',
        'export function sum(xs: number[]) {',
        '>>>>>>> REPLACE',
        'To create a file, leave the SEARCH part empty and put the whole file in the REPLACE part.',
      ].join('\n');
  }
}

export function systemPrompt(format: AnswerFormat, tier: 'reasoning' | 'local'): string {
  const intro = 'You change code across several files of the user\'s workspace. Nothing is applied until the user reviews your edits, and every edit is checked: an edit whose search text does not match exactly once is refused.';
  const rules = tier === 'local' ? RULES.slice(0, 4) : RULES;
  return [intro, '', 'Rules:', ...rules.map((r) => `- ${r}`), '', formatRules(format)].join('\n');
}

export function buildRefactorPrompt(input: RefactorPromptInput): RefactorPrompt {
  const tier = input.tier ?? 'reasoning';
  const answerFormat = input.answerFormat ?? (tier === 'local' ? 'search-replace' : 'json');
  const redact = input.redact ?? true;
  const system = systemPrompt(answerFormat, tier);
  const instructionText = `Instruction: ${input.instruction.trim()}`;
  const fixed = input.countTokens(system) + input.countTokens(instructionText) + 32;

  const redactedIn = new Set<string>();
  const candidates = input.files.map((f) => {
    if (!redact) return f;
    const content = redactSecrets(f.content);
    if (content.split(REDACTED).length > f.content.split(REDACTED).length) redactedIn.add(f.path);
    return { ...f, content };
  });
  const selection = selectFiles(candidates, { budgetTokens: Math.max(0, input.budgetTokens - fixed), countTokens: input.countTokens, neverSend: input.neverSend });

  // Hashes are of the real current text (not the redacted copy) so the stale check compares like with like.
  const original = new Map(input.files.map((f) => [f.path.replace(/\\/g, '/').replace(/^\.\//, ''), f.content]));
  const sentVersions: Record<string, string> = {};
  for (const f of selection.included) sentVersions[f.path] = contentHash(original.get(f.path) ?? f.fullContent);

  const blocks = selection.included.map((f) => renderFileBlock({ path: f.path, content: f.content, label: f.label, excerpt: f.truncated }));
  const filesText = `The workspace files for this change (${selection.included.length}):\n\n${blocks.join('\n')}`;
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: filesText, cache: true },
    { role: 'user', content: instructionText },
  ];

  const notices: string[] = [];
  if (tier === 'local') {
    notices.push(`Running on the local model: a smaller scope (${selection.included.length} file${selection.included.length === 1 ? '' : 's'}, about ${selection.usedTokens} tokens) and a shallower change than the reasoning tier would make. Check every call site in the preview.`);
  }
  const left = describeOmitted(selection.omitted);
  if (left) notices.push(left);
  const cut = selection.included.filter((f) => f.truncated).map((f) => f.path);
  if (cut.length) notices.push(`Only part of ${cut.join(', ')} was sent (too big for the budget); edits elsewhere in ${cut.length === 1 ? 'it' : 'them'} will be refused if they do not match.`);
  const redacted = selection.included.filter((f) => redactedIn.has(f.path)).map((f) => f.path);
  if (redacted.length) notices.push(`Key-like strings were redacted in ${redacted.join(', ')}; edits of those lines will be refused.`);
  if (selection.included.length === 0) notices.push('No file fits the token budget: the model will see only the instruction.');

  return {
    messages,
    sentVersions,
    sentPartial: selection.included.filter((f) => f.truncated || redactedIn.has(f.path)).map((f) => f.path),
    included: selection.included,
    omitted: selection.omitted,
    answerFormat,
    estimatedInputTokens: messages.reduce((n, m) => n + input.countTokens(m.content), 0),
    notices,
  };
}
