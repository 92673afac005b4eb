// The agent's instructions, appended to Deep Debug's system prompt (tool mode): what the tools
// are for, that reading beats guessing, and that the result tool ends the task.
import type { ChatMessage } from '../providers/types';
import { RESULT_TOOL } from './toolSpecs';

export const AGENT_NOTE = `You can use tools to gather what the evidence lacks: read_file (a whole file or a line range), list_files, search_text, find_symbol (definition, references, workspace symbols), diagnostics, git (diff, log, blame), run_command (a test or build command; the user approves each one). Read the code a fix touches before proposing it: a fix's search text must be copied exactly from a file you were shown. Use few steps: each one costs the user time and money. Some files are never sent (the user's privacy settings); a tool refuses them: do not try to get them another way. When you know the cause, call ${RESULT_TOOL} exactly once; that ends the task.`;

/** Deep Debug's messages (built in tool mode) with the agent note in the system prompt. */
export function agentMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((m, i) => (m.role === 'system' && i === 0 ? { ...m, content: `${m.content}\n\n${AGENT_NOTE}` } : { ...m }));
}
