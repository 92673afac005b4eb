// Tool use for servers without it (some OpenAI-compatible servers): the tools are described in
// the system prompt, the model writes a call as a fenced JSON block {"tool": ..., "arguments":
// {...}}, and the results go back as a user message. Only used when native tools are off.
import { jsonCandidates } from '../debug/parseResult';
import type { ToolCall, ToolResultPart, ToolSpec } from '../providers/types';

export function textToolInstructions(tools: readonly ToolSpec[]): string {
  const list = tools.map((t) => `- ${t.name}: ${t.description}\n  arguments: ${JSON.stringify(t.inputSchema)}`).join('\n');
  return `You can call tools. To call one, end your message with one fenced block and nothing after it:\n\`\`\`json\n{"tool": "read_file", "arguments": {"path": "src/a.ts"}}\n\`\`\`\nThe results come back in the next message. Tools:\n${list}`;
}

let seq = 0;

/** The tool calls written in an answer's text (the last fenced JSON block naming a tool). */
export function parseTextToolCalls(text: string, known: ReadonlySet<string>): ToolCall[] {
  for (const candidate of jsonCandidates(text)) {
    let value: unknown;
    try { value = JSON.parse(candidate); } catch { continue; }
    const v = value as { tool?: unknown; arguments?: unknown };
    if (typeof v?.tool !== 'string') continue;
    const call: ToolCall = { id: `text_${++seq}`, name: v.tool, input: {} };
    if (v.arguments && typeof v.arguments === 'object' && !Array.isArray(v.arguments)) call.input = v.arguments as Record<string, unknown>;
    else if (v.arguments !== undefined) call.error = 'the arguments are not a JSON object';
    if (!known.has(v.tool)) call.error = `there is no tool named ${v.tool}`;
    return [call];
  }
  return [];
}

/** Tool results as the text of the next user message. */
export function textToolResults(results: readonly ToolResultPart[]): string {
  return results.map((r) => `Result of ${r.name}${r.isError ? ' (error)' : ''}:\n\`\`\`\n${r.content}\n\`\`\``).join('\n\n');
}
