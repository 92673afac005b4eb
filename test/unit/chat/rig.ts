// The chat controller on the real Dispatcher, Ledger (temp folder), BudgetGuard and PriceBook,
// with the real Anthropic provider talking to the loopback fake server, and a small in-test
// local ChatProvider (streams words, honours the abort signal, records what it was asked).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGuard } from '../../../src/core/cost/budget';
import { RollingLatency } from '../../../src/core/cost/latency';
import { Ledger } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import { UserFacingError } from '../../../src/core/errors';
import { MemoryLogger } from '../../../src/core/log';
import { AnthropicProvider } from '../../../src/core/providers/anthropic';
import type { ChatProvider, ChatRequest, ChatResult, StreamEvent } from '../../../src/core/providers/types';
import { Dispatcher } from '../../../src/core/tiers/dispatcher';
import { ChatController, type ChatInfo } from '../../../src/core/chat/controller';
import { ConversationStore } from '../../../src/core/chat/store';
import type { ContextItem, ContextSource, EditorActions, Memento } from '../../../src/core/chat/types';
import type { Tier } from '../../../src/core/config';
import type { HostMessage } from '../../../src/shared/protocol';
import { startFakeAnthropic, type FakeScript, type FakeServer } from '../../support/fakeAnthropic';

export const KEY = 'sk-ant-api03-TESTKEYchatchat0123456789abcdef';

/** A memento in memory that, like VS Code's, keeps a JSON copy (no shared references). */
export class MemoryMemento implements Memento {
  readonly data = new Map<string, string>();
  writes = 0;
  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.data.set(key, JSON.stringify(value));
  }
}

/** A local model stand-in: answers `reply` word by word, `delayMs` apart, stops on abort. */
export class WordsProvider implements ChatProvider {
  readonly id = 'local' as const;
  readonly tier = 'local' as const;
  readonly requests: ChatRequest[] = [];
  constructor(public reply = 'Local answer from the small model.', public delayMs = 0) {}
  defaultModel() { return 'tiny-local'; }
  async chat(request: ChatRequest, onEvent?: (e: StreamEvent) => void): Promise<ChatResult> {
    this.requests.push(request);
    const started = Date.now();
    let text = '';
    let ttft: number | undefined;
    for (const word of this.reply.split(/(?<= )/)) {
      if (request.signal?.aborted) break;
      if (this.delayMs) await new Promise<void>((r) => { const t = setTimeout(r, this.delayMs); request.signal?.addEventListener('abort', () => { clearTimeout(t); r(); }, { once: true }); });
      if (request.signal?.aborted) break;
      ttft ??= Date.now() - started;
      text += word;
      onEvent?.({ type: 'text', text: word });
    }
    const aborted = request.signal?.aborted ?? false;
    return {
      text, thinking: '', usage: { inputTokens: 10, outputTokens: text.split(' ').length }, finishReason: aborted ? 'aborted' : 'stop',
      incomplete: aborted, model: 'tiny-local', provider: 'local', timeToFirstTokenMs: ttft, totalMs: Date.now() - started,
    };
  }
}

/** The editor side, recorded. */
export class RecordingEditor implements EditorActions {
  readonly calls: { action: string; args: unknown[] }[] = [];
  async copy(code: string) { this.calls.push({ action: 'copy', args: [code] }); }
  async insert(code: string, language: string) { this.calls.push({ action: 'insert', args: [code, language] }); }
  async apply(code: string, language: string, pathHint?: string) { this.calls.push({ action: 'apply', args: [code, language, pathHint] }); }
  async openLink(p: string, line?: number, column?: number) { this.calls.push({ action: 'openLink', args: [p, line, column] }); }
  async openExternal(url: string) { this.calls.push({ action: 'openExternal', args: [url] }); }
}

/** Context items by kind, as an editor would supply them. */
export class FixedContext implements ContextSource {
  constructor(public items: Partial<Record<ContextItem['kind'], ContextItem>> = {}) {}
  async get(kind: ContextItem['kind']): Promise<ContextItem> {
    const item = this.items[kind];
    if (!item) throw new UserFacingError('Open a file in the editor first.');
    return item;
  }
}

export interface Rig {
  fake: FakeServer;
  local: WordsProvider;
  ledger: Ledger;
  dispatcher: Dispatcher;
  memento: MemoryMemento;
  context: FixedContext;
  editor: RecordingEditor;
  posted: HostMessage[];
  confirms: string[];
  settings: { tier: Tier; confirmAboveUsd: number; accept: boolean; neverSend: string[]; localRemote: boolean };
  /** The reasoning key: present or not, and whether the user gives one when asked ("Set API Key"). */
  key: { present: boolean; givenWhenAsked: boolean; asked: number };
  controller: ChatController;
  log: MemoryLogger;
  /** A new controller on the same memento (a reloaded window). */
  reopen(): ChatController;
  of<K extends HostMessage['type']>(type: K): Extract<HostMessage, { type: K }>['payload'][];
  close(): Promise<void>;
}

export async function makeRig(script: FakeScript = {}): Promise<Rig> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-chat-'));
  const fake = await startFakeAnthropic(script, { apiKey: KEY });
  const log = new MemoryLogger();
  const local = new WordsProvider();
  const reasoning = new AnthropicProvider({ apiKey: async () => KEY, baseUrl: fake.url, defaultModel: 'claude-sonnet-4-6', logger: log });
  const prices = new PriceBook();
  const ledger = await Ledger.open({ dir, logger: log, prices: () => prices, savingsModel: () => 'claude-sonnet-4-6' });
  const settings = { tier: 'auto' as Tier, confirmAboveUsd: 10, accept: true, neverSend: ['**/.env', '**/secrets/**'], localRemote: false };
  const budget = new BudgetGuard(() => ({ dailyUsd: 100, monthlyUsd: 0, confirmAboveUsd: settings.confirmAboveUsd }), ledger);
  const confirms: string[] = [];
  const key = { present: true, givenWhenAsked: false, asked: 0 };
  const dispatcher = new Dispatcher({
    local: () => local, reasoning: () => reasoning, hasReasoningKey: async () => key.present, prices: () => prices,
    ledger, budget, latency: new RollingLatency(50), pinned: () => settings.tier,
    confirm: async (m) => { confirms.push(m); return settings.accept; },
  });
  const memento = new MemoryMemento();
  const context = new FixedContext();
  const editor = new RecordingEditor();
  const posted: HostMessage[] = [];
  const info = (): ChatInfo => ({ localModel: { label: 'tiny-local', demo: true }, reasoningModel: 'claude-sonnet-4-6', completionsEnabled: true, neverSend: settings.neverSend });
  const build = () => new ChatController({
    post: (m) => posted.push(m), dispatcher: async () => dispatcher, store: new ConversationStore(memento), context, editor, info, log,
    localLeavesMachine: () => settings.localRemote,
    reasoningKey: {
      has: async () => key.present,
      request: async () => { key.asked++; if (key.givenWhenAsked) key.present = true; return key.present; },
    },
  });
  const rig: Rig = {
    fake, local, ledger, dispatcher, memento, context, editor, posted, confirms, settings, log, key,
    controller: build(),
    reopen: () => build(),
    of: (type) => posted.filter((m) => m.type === type).map((m) => m.payload) as never,
    close: async () => {
      await fake.close();
      await ledger.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Waits until `check` holds, re-checking after every posted message (no timers). */
export function until(rig: Rig, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const push = rig.posted.push.bind(rig.posted);
    rig.posted.push = (...items: HostMessage[]) => {
      const n = push(...items);
      if (check()) { rig.posted.push = push; resolve(); }
      return n;
    };
  });
}
