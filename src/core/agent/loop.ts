// The agent loop: the reasoning model (brain) reads the evidence, calls tools, reads their
// results, and ends with the result tool (or a plain answer). Limits are checked before every
// model turn (steps, tokens, dollars); Stop aborts the stream and the running tool; a fault keeps
// every step so far and says where it stopped. The stable prefix (system + evidence) and each
// turn's results carry cache marks, so the conversation reads the provider's prompt cache.
import { approxTokens } from '../cost/estimate';
import { UserFacingError, userMessage } from '../errors';
import type { ChatMessage, ChatResult, StreamEvent, ToolCall, ToolResultPart, ToolSpec, Usage } from '../providers/types';
import { executeTool, type ToolContext } from './execute';
import { redact } from './guard';
import { parseTextToolCalls, textToolInstructions, textToolResults } from './textTools';
import type { AgentLimits, AgentOutcome, AgentStep, AgentStatus } from './types';

export interface AgentTurn {
  messages: ChatMessage[];
  /** Undefined in text mode (the tools are in the system prompt). */
  tools: ToolSpec[] | undefined;
  signal: AbortSignal;
  onEvent?: (e: StreamEvent) => void;
}

/** One model turn (the Dispatcher in the extension: ledger, budget, egress; a provider in tests). */
export type AgentChat = (turn: AgentTurn) => Promise<{ result: ChatResult; usd: number | null }>;

export interface AgentRunOptions extends Omit<ToolContext, 'seen'> {
  /** System prompt, evidence (cache-marked), the question. */
  messages: ChatMessage[];
  chat: AgentChat;
  tools: ToolSpec[];
  /** The tool whose call is the final result. */
  resultTool: string;
  limits: AgentLimits;
  /** false: tools described in the prompt and parsed from the text (servers without tool use). */
  native?: boolean;
  /** Dollars a turn of this many input/output tokens would cost (null: unpriced). */
  priceOf?: (inputTokens: number, outputTokens: number) => number | null;
  /** Output tokens a turn is assumed to take, for the budget check before it (default 2,000). */
  turnOutputTokens?: number;
  onStep?: (step: AgentStep) => void;
  onEvent?: (e: StreamEvent) => void;
  now?: () => number;
}

const addUsage = (a: Usage, b: Usage): Usage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  ...(a.cacheReadTokens !== undefined || b.cacheReadTokens !== undefined ? { cacheReadTokens: (a.cacheReadTokens ?? 0) + (b.cacheReadTokens ?? 0) } : {}),
  ...(a.cacheWriteTokens !== undefined || b.cacheWriteTokens !== undefined ? { cacheWriteTokens: (a.cacheWriteTokens ?? 0) + (b.cacheWriteTokens ?? 0) } : {}),
});
const tokensOf = (u: Usage) => u.inputTokens + u.outputTokens + (u.cacheReadTokens ?? 0) + (u.cacheWriteTokens ?? 0);
const textOf = (messages: readonly ChatMessage[]) => messages.map((m) => m.content + (m.toolResults?.map((r) => r.content).join('') ?? '') + (m.toolCalls ? JSON.stringify(m.toolCalls) : '')).join('\n');

export async function runAgent(o: AgentRunOptions): Promise<AgentOutcome> {
  const now = o.now ?? (() => performance.now());
  let native = o.native !== false;
  const seen = new Map<string, string>();
  const ctx: ToolContext = { ws: o.ws, policy: o.policy, signal: o.signal, approve: o.approve, ...(o.reduce ? { reduce: o.reduce } : {}), ...(o.workers === false ? { workers: false } : {}), question: o.question, seen };
  let messages: ChatMessage[] = native ? [...o.messages] : withTextTools(o.messages, o.tools);
  const known = new Set(o.tools.map((t) => t.name));
  const steps: AgentStep[] = [];
  let usage: Usage = { inputTokens: 0, outputTokens: 0 };
  let usd: number | null = 0;
  let text = '';
  const outcome = (status: AgentStatus, message?: string, resultInput?: Record<string, unknown>): AgentOutcome => ({
    status, steps, text, usage, usd, seen, ...(message ? { message } : {}), ...(resultInput ? { resultInput } : {}),
  });
  const push = (step: Omit<AgentStep, 'index' | 'usdSoFar' | 'tokensSoFar'>) => {
    const full: AgentStep = { ...step, index: steps.length + 1, usdSoFar: usd, tokensSoFar: tokensOf(usage) };
    steps.push(full);
    o.onStep?.(full);
  };
  const where = () => `step ${steps.length + 1}`;

  for (let turn = 1; ; turn++) {
    const t0 = now();
    if (o.signal.aborted) return outcome('stopped', `Stopped by you before ${where()}.`);
    if (turn > o.limits.maxSteps) return outcome('step-limit', `Stopped at the step limit (${o.limits.maxSteps} model turns) without a result. Raise it (tiered.agent.maxSteps) or narrow the question.`);
    const projectedIn = approxTokens(textOf(messages));
    const projectedOut = o.turnOutputTokens ?? 2000;
    if (tokensOf(usage) + projectedIn + projectedOut > o.limits.maxTokens) {
      return outcome('budget', `Stopped before ${where()}: the next turn (~${(projectedIn + projectedOut).toLocaleString('en-US')} tokens) would pass the task's ${o.limits.maxTokens.toLocaleString('en-US')}-token budget. The limit is tiered.agent.maxTokens.`);
    }
    const nextUsd = o.priceOf?.(projectedIn, projectedOut);
    if (usd !== null && nextUsd !== undefined && nextUsd !== null && usd + nextUsd > o.limits.maxUsd) {
      return outcome('budget', `Stopped before ${where()}: the next turn (~$${nextUsd.toFixed(4)}) would pass the task's $${o.limits.maxUsd.toFixed(2)} budget ($${usd.toFixed(4)} spent). The limit is tiered.agent.maxUsd.`);
    }
    const prep = now() - t0;
    let result: ChatResult;
    let turnUsd: number | null;
    const m0 = now();
    try {
      ({ result, usd: turnUsd } = await o.chat({ messages, tools: native ? o.tools : undefined, signal: o.signal, ...(o.onEvent ? { onEvent: o.onEvent } : {}) }));
    } catch (e) {
      if (o.signal.aborted) return outcome('stopped', `Stopped by you during ${where()} (model turn).`);
      if (native && turn === 1 && refusesTools(e)) {
        // A server without tool use (it rejected the tools): the tools go in the prompt instead.
        native = false;
        messages = withTextTools(o.messages, o.tools);
        push({ kind: 'model', summary: 'the server does not take tools; describing them in the prompt instead', isError: true, ms: now() - m0, ownMs: 0 });
        turn--;
        continue;
      }
      return outcome('fault', `Stopped at ${where()} (model turn): ${userMessage(e)}`);
    }
    const modelMs = now() - m0;
    const t1 = now();
    usage = addUsage(usage, result.usage);
    usd = usd === null || turnUsd === null ? null : usd + turnUsd;
    text = result.text;
    const calls: ToolCall[] = native ? result.toolCalls ?? [] : parseTextToolCalls(result.text, known);
    const summary = `${result.text.length ? `${result.text.length} characters` : 'no text'}${calls.length ? `, ${calls.length} tool call${calls.length === 1 ? '' : 's'}: ${calls.map((c) => c.name).join(', ')}` : ''}`;
    push({ kind: 'model', summary, usage: result.usage, ms: modelMs + prep + (now() - t1), ownMs: prep + (now() - t1) });
    if (result.finishReason === 'aborted') return outcome('stopped', `Stopped by you during ${where()} (model turn); what arrived is kept.`);
    if (result.finishReason === 'error') return outcome('fault', `Stopped at step ${steps.length} (model turn): ${result.errorMessage ?? 'the answer was cut'}. The steps so far are kept.`);

    const final = calls.find((c) => c.name === o.resultTool && !c.error);
    if (final) return outcome('answered', undefined, final.input);
    if (!calls.length) return outcome('answered');

    messages.push({ role: 'assistant', content: result.text, ...(native ? { toolCalls: calls } : {}), ...(native && result.thinkingBlocks ? { thinkingBlocks: result.thinkingBlocks } : {}) });
    const results: ToolResultPart[] = [];
    for (const call of calls) {
      if (o.signal.aborted) return outcome('stopped', `Stopped by you during ${where()} (${call.name}).`);
      const s0 = now();
      const r = call.name === o.resultTool
        ? { content: `Your ${o.resultTool} call could not be read: ${call.error}. Call it again with valid JSON arguments.`, isError: true, summary: `malformed result: ${call.error}`, externalMs: 0 }
        : await executeTool(call, ctx);
      const ms = now() - s0;
      if (o.signal.aborted) {
        push({ kind: 'tool', tool: call.name, args: argsText(call, ctx), summary: 'stopped', isError: true, ms, ownMs: Math.max(0, ms - r.externalMs) });
        return outcome('stopped', `Stopped by you during step ${steps.length} (${call.name}).`);
      }
      results.push({ callId: call.id, name: call.name, content: r.content, ...(r.isError ? { isError: true } : {}) });
      push({ kind: 'tool', tool: call.name, args: argsText(call, ctx), summary: r.summary, resultChars: r.content.length, ...(r.isError ? { isError: true } : {}), ...(r.worker ? { worker: r.worker } : {}), ms, ownMs: Math.max(0, ms - r.externalMs) });
    }
    // The results end the new stable prefix: the next turn reads everything before from the cache.
    messages.push(native ? { role: 'user', content: '', toolResults: results, cache: true } : { role: 'user', content: textToolResults(results), cache: true });
  }
}

/** A 400 whose message names tools or functions: the server does not support tool use. */
function refusesTools(e: unknown): boolean {
  return e instanceof UserFacingError && e.code === 'bad-request' && /\b(tools?|functions?|tool_choice|function calling)\b/i.test(e.message);
}

function argsText(call: ToolCall, ctx: ToolContext): string {
  const raw = call.rawInput ?? JSON.stringify(call.input);
  return redact(raw.length > 300 ? `${raw.slice(0, 300)}…` : raw, ctx.policy).text;
}

function withTextTools(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): ChatMessage[] {
  const out = messages.map((m) => ({ ...m }));
  const sys = out.find((m) => m.role === 'system');
  if (sys) sys.content = `${sys.content}\n\n${textToolInstructions(tools)}`;
  else out.unshift({ role: 'system', content: textToolInstructions(tools) });
  return out;
}
