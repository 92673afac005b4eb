// FIM through an OpenAI-compatible completion server (llama.cpp server, vLLM, Ollama) instead of
// the in-process model: POST {endpoint}/completions with stream: true, read the SSE chunks.
import { UserFacingError } from '../../errors';
import type { Logger } from '../../log';
import { redactSecrets } from '../../redact';
import type { FimRequest, FimResult } from '../types';

export interface EndpointFimOptions {
  /** Base URL, e.g. http://127.0.0.1:8080/v1 (tiered.local.endpoint). */
  endpoint: string;
  /** Sent as `model`; servers that serve one model ignore it. */
  model?: string;
  logger: Logger;
  headers?: Record<string, string>;
  /** The egress record's tapped fetch; default the global one. */
  fetch?: typeof fetch;
}

interface CompletionChunk {
  choices?: { text?: string; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } };
  /** llama.cpp server extension. */
  timings?: { prompt_n?: number; predicted_n?: number };
}

const SETTING = "Check the setting 'tiered.local.endpoint'.";

export class EndpointFimEngine {
  constructor(private readonly options: EndpointFimOptions) {}

  get url(): string {
    return `${this.options.endpoint.replace(/\/+$/, '')}/completions`;
  }

  async fim(req: FimRequest, onText?: (text: string) => void): Promise<FimResult> {
    const started = performance.now();
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    if (req.signal?.aborted) controller.abort();
    const timer = req.timeBudgetMs && req.timeBudgetMs > 0 ? setTimeout(() => { timedOut = true; controller.abort(); }, req.timeBudgetMs) : undefined;
    const stops = (req.stop ?? []).filter((s) => s.length > 0);
    let text = '';
    let finish: FimResult['finishReason'] | undefined;
    let usage: CompletionChunk['usage'];
    let timings: CompletionChunk['timings'];
    let chunks = 0;
    try {
      const response = await (this.options.fetch ?? fetch)(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...this.options.headers },
        body: JSON.stringify({
          model: this.options.model ?? '', prompt: req.prompt, max_tokens: req.maxTokens, temperature: 0, stream: true,
          stream_options: { include_usage: true }, ...(stops.length ? { stop: stops.slice(0, 4) } : {}),
        }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const detail = redactSecrets((await response.text().catch(() => '')).slice(0, 200));
        throw new UserFacingError(`The completion server at ${this.options.endpoint} answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}. ${SETTING}`);
      }
      for await (const data of sseData(response.body)) {
        if (data === '[DONE]') break;
        const chunk = JSON.parse(data) as CompletionChunk;
        usage = chunk.usage ?? usage;
        timings = chunk.timings ?? timings;
        const choice = chunk.choices?.[0];
        if (choice?.text) {
          chunks++;
          const cut = cutAtStop(text + choice.text, stops);
          const added = cut.text.slice(text.length);
          text = cut.text;
          if (added) onText?.(added);
          if (cut.stopped) { finish = 'stop'; controller.abort(); break; }
        }
        if (choice?.finish_reason) finish = choice.finish_reason === 'length' ? 'length' : 'stop';
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        if (error instanceof UserFacingError) throw error;
        this.options.logger.error(`Completion server ${this.url} failed`, error);
        throw new UserFacingError(`Cannot reach the completion server at ${this.options.endpoint} (${(error as Error).message}). ${SETTING}`, [], 'endpoint', { cause: error });
      }
    } finally {
      if (timer) clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
    const finishReason = finish ?? (req.signal?.aborted ? 'aborted' : timedOut ? 'time' : 'stop');
    const promptTokens = usage?.prompt_tokens ?? timings?.prompt_n ?? 0;
    return {
      text,
      finishReason,
      promptTokens,
      evaluatedTokens: timings?.prompt_n ?? Math.max(0, promptTokens - (usage?.prompt_tokens_details?.cached_tokens ?? 0)),
      generatedTokens: usage?.completion_tokens ?? timings?.predicted_n ?? chunks,
      modelMs: performance.now() - started,
    };
  }
}

/** Text up to the first stop string, and whether one was found. */
export function cutAtStop(text: string, stops: readonly string[]): { text: string; stopped: boolean } {
  let at = -1;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at < 0 ? { text, stopped: false } : { text: text.slice(0, at), stopped: true };
}

/** The `data:` payloads of a server-sent-events stream. */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (data) yield data;
    }
  }
}
