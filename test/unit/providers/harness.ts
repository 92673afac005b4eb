// Shared pieces of the provider tests: both providers behind one shape, with their loopback
// servers, a recording sleep (retries without waiting), and an unhandled-rejection guard.
import { AnthropicProvider, type AnthropicProviderOptions } from '../../../src/core/providers/anthropic';
import { OpenAIProvider, type OpenAIProviderOptions } from '../../../src/core/providers/openai';
import type { ChatProvider, ChatRequest, ChatResult, StreamEvent } from '../../../src/core/providers/types';
import { MemoryLogger } from '../../../src/core/log';
import { startFakeAnthropic } from '../../support/fakeAnthropic';
import { startFakeOpenAI, type FakeOpenAIOptions } from '../../support/fakeOpenAI';
import type { FakeScript, FakeServer } from '../../support/sse';

export const ANTHROPIC_KEY = 'sk-ant-api03-TESTKEYtestkey0123456789abcdef';
export const OPENAI_KEY = 'sk-proj-TESTKEYtestkey0123456789abcdef';

export type ProviderExtras = Partial<AnthropicProviderOptions & OpenAIProviderOptions>;

export interface Harness {
  name: 'anthropic' | 'openai';
  label: string;
  key: string;
  envVar: string;
  start(script?: FakeScript, options?: FakeOpenAIOptions): Promise<FakeServer>;
  provider(baseUrl: string, logger: MemoryLogger, extras?: ProviderExtras): ChatProvider;
  /** A model name each fake accepts with reasoning on. */
  model: string;
}

export const anthropicHarness: Harness = {
  name: 'anthropic',
  label: 'Anthropic',
  key: ANTHROPIC_KEY,
  envVar: 'ANTHROPIC_API_KEY',
  model: 'claude-sonnet-4-6',
  start: (script = {}, options = {}) => startFakeAnthropic(script, { apiKey: ANTHROPIC_KEY, ...options }),
  provider: (baseUrl, logger, extras = {}) => new AnthropicProvider({
    apiKey: async () => ANTHROPIC_KEY, baseUrl, defaultModel: 'claude-sonnet-4-6', logger, ...extras,
  }),
};

export const openaiHarness: Harness = {
  name: 'openai',
  label: 'OpenAI',
  key: OPENAI_KEY,
  envVar: 'OPENAI_API_KEY',
  model: 'o4-mini',
  start: (script = {}, options = {}) => startFakeOpenAI(script, { apiKey: OPENAI_KEY, ...options }),
  provider: (baseUrl, logger, extras = {}) => new OpenAIProvider({
    apiKey: async () => OPENAI_KEY, baseUrl, defaultModel: 'o4-mini', logger, dialect: 'openai', ...extras,
  }),
};

export const HARNESSES = [anthropicHarness, openaiHarness];

/** A sleep that records what it was asked to wait and returns at once. */
export function recordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number) => { waits.push(ms); };
  return { waits, sleep };
}

/** Collects unhandled rejections while a suite runs. */
export function unhandledGuard() {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => { seen.push(reason); };
  return {
    seen,
    install: () => process.on('unhandledRejection', onRejection),
    uninstall: () => process.off('unhandledRejection', onRejection),
  };
}

export function ask(text: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { messages: [{ role: 'user', content: text }], purpose: 'chat', ...extra };
}

/** Runs one chat, keeping every event. */
export async function chatWithEvents(provider: ChatProvider, request: ChatRequest): Promise<{ result: ChatResult; events: StreamEvent[] }> {
  const events: StreamEvent[] = [];
  const result = await provider.chat(request, (e) => events.push(e));
  return { result, events };
}

/** Resolves with the rejection of `promise` (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { actions?: { title: string; command: string; args?: unknown[] }[]; code?: string }> {
  try {
    const value = await promise;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (error) {
    return error as Error;
  }
}

/** A loopback URL nothing listens on (a port just released). */
export async function closedPortUrl(): Promise<string> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}
