// Refactor Across Files as an agent (reasoning tier): the gathered files stay the cacheable
// prefix; the model may read what it still lacks with the read-only tools (read_file, list_files,
// search_text, find_symbol, diagnostics, git — never run_command) and ends with `propose_edits`,
// whose input is the usual edit set. A file it read through a tool may be edited, pinned to the
// text it read (a change since is refused) and by search/replace hunks only. Servers without
// tool use keep working: the loop describes the tools in the prompt, and an answer with the JSON
// edit block (the one-shot format, still asked for) is read as before.
import { AGENT_TOOLS } from '../agent/toolSpecs';
import { contentHash } from '../edits/hash';
import { EDITS_JSON_SCHEMA } from '../edits/schema';
import type { ChatMessage, ToolSpec } from '../providers/types';

export const PROPOSE_EDITS = 'propose_edits';

const READ_ONLY = new Set(['read_file', 'list_files', 'search_text', 'find_symbol', 'diagnostics', 'git']);

/** The read-only tools plus propose_edits (the result tool). */
export function refactorAgentTools(): ToolSpec[] {
  return [
    ...AGENT_TOOLS.filter((t) => READ_ONLY.has(t.name)),
    {
      name: PROPOSE_EDITS,
      description: 'Propose the edits that carry out the instruction: every file, search/replace hunks copied exactly from the text you were shown. The user previews them before anything changes. Call this exactly once, at the end.',
      inputSchema: EDITS_JSON_SCHEMA,
    },
  ];
}

export const REFACTOR_AGENT_NOTE = `You can use read-only tools to see what the files above lack: read_file (a whole file or a line range), list_files, search_text, find_symbol (definition, references, workspace symbols), diagnostics, git (diff, log, blame). Read a file before editing it when it is not among the files above: search text must be copied exactly from text you were shown. Use few steps: each one costs the user time and money. Some files are never sent (the user's privacy settings); a tool refuses them: do not try to get them another way, and do not edit them. When the edits are ready, call ${PROPOSE_EDITS} exactly once with the edit set (the same JSON object as described above); that ends the task.`;

/** The refactor messages with the agent's note, and the rule about which files may be edited widened to files read through a tool. */
export function refactorAgentMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((m, i) => {
    if (m.role !== 'system' || i !== 0) return { ...m };
    const content = m.content
      .replace('Edit only the files shown.', 'Edit only the files shown or read with read_file.')
      .replace('files you were not shown.', 'files you were neither shown nor read with a tool.');
    return { ...m, content: `${content}\n\n${REFACTOR_AGENT_NOTE}` };
  });
}

/**
 * What the edits may touch: the files sent (as before), plus those the tools showed the model,
 * each pinned to the text read and editable by hunks only (it may have seen them in part).
 */
export function refactorSentFiles(sentVersions: Readonly<Record<string, string>>, sentPartial: readonly string[], seen: ReadonlyMap<string, string>): { sentVersions: Record<string, string>; sentPartial: string[] } {
  const versions = { ...sentVersions };
  const partial = new Set(sentPartial);
  for (const [path, text] of seen) {
    if (path in versions) continue;
    versions[path] = contentHash(text);
    partial.add(path);
  }
  return { sentVersions: versions, sentPartial: [...partial] };
}
