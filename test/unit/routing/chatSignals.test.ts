// The whole chain a user drives: the chat panel's messages -> the controller -> the real
// Dispatcher routing with the learned part -> answers (a local stand-in, the real Anthropic SDK
// against the loopback server) -> escalate / retry / copy -> signals on disk next to the ledger.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGuard } from '../../../src/core/cost/budget';
import { RollingLatency } from '../../../src/core/cost/latency';
import { Ledger } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import { MemoryLogger } from '../../../src/core/log';
import { AnthropicProvider } from '../../../src/core/providers/anthropic';
import { Dispatcher } from '../../../src/core/tiers/dispatcher';
import { ChatController } from '../../../src/core/chat/controller';
import { ConversationStore } from '../../../src/core/chat/store';
import { RoutingStore, SIGNALS_FILE } from '../../../src/core/routing/routingStore';
import { RoutingSignals } from '../../../src/core/routing/signals';
import { shippedWeights } from '../../../src/core/routing/shipped';
import type { AnswerHeader, HostMessage } from '../../../src/shared/protocol';
import { startFakeAnthropic, type FakeServer } from '../../support/fakeAnthropic';
import { FixedContext, KEY, MemoryMemento, RecordingEditor, WordsProvider } from '../chat/rig';

describe('routing signals from the chat panel (real controller, dispatcher, ledger folder)', () => {
  let dir: string;
  let fake: FakeServer;
  let ledger: Ledger;
  let controller: ChatController;
  let store: RoutingStore;
  let posted: HostMessage[];
  let local: WordsProvider;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-chatsig-'));
    fake = await startFakeAnthropic({ text: 'Cloud answer.' }, { apiKey: KEY });
    const log = new MemoryLogger();
    const prices = new PriceBook();
    ledger = await Ledger.open({ dir, logger: log, prices: () => prices, savingsModel: () => 'claude-sonnet-4-6' });
    store = await RoutingStore.open(dir, shippedWeights()!, log);
    const signals = new RoutingSignals(() => store.learner, store);
    local = new WordsProvider('Here:\n```ts\nexport const chunk = (a: number[], n: number) => a;\n```\n');
    const reasoning = new AnthropicProvider({ apiKey: async () => KEY, baseUrl: fake.url, defaultModel: 'claude-sonnet-4-6', logger: log });
    const dispatcher = new Dispatcher({
      local: () => local, reasoning: () => reasoning, hasReasoningKey: async () => true, prices: () => prices, ledger,
      budget: new BudgetGuard(() => ({ dailyUsd: 100, monthlyUsd: 0, confirmAboveUsd: 10 }), ledger), latency: new RollingLatency(50),
      pinned: () => 'auto', learned: () => store.learner, confirm: async () => true,
    });
    posted = [];
    controller = new ChatController({
      post: (m) => posted.push(m), dispatcher: async () => dispatcher, store: new ConversationStore(new MemoryMemento()), context: new FixedContext(),
      editor: new RecordingEditor(), info: () => ({ localModel: { label: 'tiny', demo: true }, reasoningModel: 'claude-sonnet-4-6', completionsEnabled: true, neverSend: [] }),
      log, routing: () => signals,
    });
  });
  afterEach(async () => {
    controller.dispose();
    await controller.idle();
    await fake.close();
    await store.flush();
    await ledger.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const starts = (): AnswerHeader[] => posted.filter((m) => m.type === 'answerStart').map((m) => m.payload as AnswerHeader);
  const signalLines = () => (fs.existsSync(path.join(dir, SIGNALS_FILE)) ? fs.readFileSync(path.join(dir, SIGNALS_FILE), 'utf8') : '');

  it('a routed local answer then Escalate is recorded as a miss for local, with features only', async () => {
    controller.receive({ type: 'send', payload: { id: 'q1', text: 'write a function that chunks an array of Wombat ids', tier: 'auto', chipIds: [] } });
    await controller.idle();
    const first = starts()[0];
    assert.equal(first.tier, 'local');
    assert.match(first.reason, /^Local: the learned router rates this routine/);
    assert.equal(store.savings.local, 1);
    controller.receive({ type: 'escalate', payload: { answerId: first.id } });
    await controller.idle();
    assert.equal(starts()[1].tier, 'reasoning');
    await store.flush();
    assert.equal(store.learner.overrides, 1);
    const lines = signalLines().trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; via: string });
    assert.deepEqual(lines.map((l) => `${l.outcome} ${l.via}`), ['local-missed escalate']);
    assert.doesNotMatch(signalLines(), /Wombat|chunks/);
  });

  it('copying code from a routed answer is a success; asking the same again within a minute is a miss', async () => {
    controller.receive({ type: 'send', payload: { id: 'q1', text: 'write a function that chunks an array', tier: 'auto', chipIds: [] } });
    await controller.idle();
    controller.receive({ type: 'copyCode', payload: { code: 'export const chunk = (a: number[], n: number) => a;\n' } });
    controller.receive({ type: 'send', payload: { id: 'q2', text: 'Write a function that chunks an array', tier: 'auto', chipIds: [] } });
    await controller.idle();
    await store.flush();
    const lines = signalLines().trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; via: string });
    assert.deepEqual(lines.map((l) => `${l.outcome} ${l.via}`), ['local-kept copy', 'local-missed re-ask']);
  });
});
