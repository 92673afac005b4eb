// Assembles streamed tool calls: each provider announces a call (an index, an id, a name) and
// then streams its JSON arguments in fragments (Anthropic input_json_delta, OpenAI
// delta.tool_calls[].function.arguments). Arguments that are not a JSON object become a call with
// an `error`, which the agent loop answers as a tool error (the model can try again).
import type { ThinkingBlock, ToolCall } from './types';

interface Pending {
  id: string;
  name: string;
  args: string[];
  done: boolean;
}

export class ToolCallAssembler {
  private readonly byIndex = new Map<number, Pending>();
  private readonly blocks: ThinkingBlock[] = [];

  /** A call starts (OpenAI may repeat the index with only more arguments: see delta()). */
  start(index: number, id: string | undefined, name: string | undefined): void {
    const p = this.byIndex.get(index);
    if (p) {
      if (id && !p.id) p.id = id;
      if (name && !p.name) p.name = name;
      return;
    }
    this.byIndex.set(index, { id: id ?? '', name: name ?? '', args: [], done: false });
  }

  delta(index: number, fragment: string): void {
    if (!this.byIndex.has(index)) this.start(index, undefined, undefined);
    if (fragment) this.byIndex.get(index)!.args.push(fragment);
  }

  /** The call at `index` is complete; returns it (once). */
  stop(index: number): ToolCall | undefined {
    const p = this.byIndex.get(index);
    if (!p || p.done) return undefined;
    p.done = true;
    return toCall(p, index);
  }

  /** Calls not stopped yet, completed now (OpenAI ends them all with finish_reason). */
  stopAll(): ToolCall[] {
    return [...this.byIndex.keys()].sort((a, b) => a - b).map((i) => this.stop(i)).filter((c): c is ToolCall => c !== undefined);
  }

  get size(): number {
    return this.byIndex.size;
  }

  /** Every call, in index order; calls never completed (a cut stream) are marked as errors. */
  calls(): ToolCall[] {
    return [...this.byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([i, p]) => {
      const call = toCall(p, i);
      return p.done ? call : { ...call, error: 'the call was cut off before its arguments arrived' };
    });
  }

  thinkingStart(): void {
    this.blocks.push({ thinking: '' });
  }

  thinkingText(text: string): void {
    if (!this.blocks.length) this.thinkingStart();
    const b = this.blocks[this.blocks.length - 1];
    b.thinking = (b.thinking ?? '') + text;
  }

  signature(sig: string): void {
    if (!this.blocks.length) this.thinkingStart();
    const b = this.blocks[this.blocks.length - 1];
    b.signature = (b.signature ?? '') + sig;
  }

  redactedThinking(data: string): void {
    this.blocks.push({ redacted: data });
  }

  reasoningItem(item: NonNullable<ThinkingBlock['reasoningItem']>): void {
    this.blocks.push({ reasoningItem: { ...item, summary: [...item.summary] } });
  }

  thinkingBlocks(): ThinkingBlock[] {
    return this.blocks.map((b) => ({ ...b }));
  }
}

function toCall(p: Pending, index: number): ToolCall {
  const raw = p.args.join('');
  const call: ToolCall = { id: p.id || `call_${index}`, name: p.name, input: {} };
  if (!p.name) call.error = 'the call names no tool';
  if (!raw.trim()) return call;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) call.input = parsed as Record<string, unknown>;
    else { call.rawInput = raw; call.error = 'the arguments are not a JSON object'; }
  } catch {
    call.rawInput = raw.slice(0, 2000);
    call.error = 'the arguments are not valid JSON';
  }
  return call;
}
