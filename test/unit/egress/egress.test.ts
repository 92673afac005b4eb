// The egress record, end to end in plain Node: a refactor prompt over real files (one of them
// neverSend, one with a key) dispatched to a loopback Anthropic server through the real SDK with
// the tapped fetch; the record on disk holds exactly what went over the wire, and never a byte of
// the neverSend file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGuard } from '../../../src/core/cost/budget';
import { approxTokens } from '../../../src/core/cost/estimate';
import { RollingLatency } from '../../../src/core/cost/latency';
import { Ledger } from '../../../src/core/cost/ledger';
import { PriceBook } from '../../../src/core/cost/prices';
import { refactorEgressContext } from '../../../src/core/egress/context';
import { describeDay, describeEntry } from '../../../src/core/egress/describe';
import { EgressRecorder } from '../../../src/core/egress/recorder';
import { EgressStore, localDay } from '../../../src/core/egress/store';
import { MemoryLogger } from '../../../src/core/log';
import { AnthropicProvider } from '../../../src/core/providers/anthropic';
import { buildRefactorPrompt } from '../../../src/core/refactor/prompt';
import { Dispatcher } from '../../../src/core/tiers/dispatcher';
import { startFakeAnthropic, type FakeServer } from '../../support/fakeAnthropic';

const KEY = 'sk-ant-api03-egress-test-key-0123456789abcdef';
const ENV_MARKER = 'DATABASE_PASSWORD=never-send-marker-7f3a9c';
const SECRET_MARKER = 'sk-ant-api03-inline-secret-in-code-abcdefghijklmnop';

describe('egress record', function () {
  this.timeout(20_000);
  let fake: FakeServer;
  let dir: string;
  let ledger: Ledger;
  let store: EgressStore;
  let recorder: EgressRecorder;

  beforeEach(async () => {
    fake = await startFakeAnthropic({ text: 'No change needed.', usage: { input: 500, output: 20 } }, { apiKey: KEY });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tegress-'));
    const prices = new PriceBook();
    ledger = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => prices, savingsModel: () => 'claude-sonnet-4-6' });
    store = new EgressStore(dir);
    recorder = new EgressRecorder(store, new MemoryLogger());
  });
  afterEach(async () => { await ledger.dispose(); await fake.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  function dispatcher(pinned: 'auto' | 'local' = 'auto') {
    const prices = new PriceBook();
    const reasoning = new AnthropicProvider({ apiKey: async () => KEY, baseUrl: fake.url, defaultModel: 'claude-sonnet-4-6', logger: new MemoryLogger(), fetch: recorder.fetchFor('reasoning') });
    return new Dispatcher({
      local: () => undefined, reasoning: () => reasoning, hasReasoningKey: async () => true, prices: () => prices, ledger,
      budget: new BudgetGuard(() => ({ dailyUsd: 5, monthlyUsd: 0, confirmAboveUsd: 100 }), ledger), latency: new RollingLatency(), pinned: () => pinned,
      confirm: async () => true, egress: recorder,
    });
  }

  /** Every byte the record keeps on disk. */
  const recordBytes = () => {
    const d = path.join(dir, 'egress');
    return fs.existsSync(d) ? fs.readdirSync(d).map((f) => fs.readFileSync(path.join(d, f), 'utf8')).join('\n') : '';
  };

  it('records a refactor request: host, why, files, withheld, bytes and the exact body, and no neverSend byte', async () => {
    const files = [
      { path: 'src/cart.ts', content: `export const total = 1;\nconst key = '${SECRET_MARKER}';\n`, reason: 'selection' as const },
      { path: '.env', content: `${ENV_MARKER}\n`, reason: 'related' as const },
      { path: 'src/tax.ts', content: 'export const rate = 0.2;\n', reason: 'reference' as const },
    ];
    const prompt = buildRefactorPrompt({ instruction: 'rename total', files, budgetTokens: 20_000, countTokens: approxTokens, neverSend: ['**/.env'] });
    const out = await dispatcher().dispatch({
      purpose: 'refactor', messages: prompt.messages, route: { kind: 'refactor', fileCount: prompt.included.length },
      egress: refactorEgressContext(prompt.included, prompt.omitted, prompt.sentPartial),
    });
    assert.equal(out.kind, 'answered');
    assert.equal(fake.requests.length, 1);
    await store.flush();
    const days = await store.days();
    assert.deepEqual(days, [localDay(new Date().toISOString())]);
    const [e] = await store.entries(days[0]);
    assert.equal(e.host, new URL(fake.url).host);
    assert.equal(e.workflow, 'refactor');
    assert.match(e.reason ?? '', /Reasoning/);
    assert.equal(e.provider, 'anthropic');
    assert.deepEqual(e.files.map((f) => f.path).sort(), ['src/cart.ts', 'src/tax.ts']);
    assert.deepEqual(e.withheld, ['.env']);
    assert.equal(e.redactions, 1, 'cart.ts had a key redacted');
    assert.equal(e.body, fake.requests[0].raw, 'the exact body that reached the server');
    assert.equal(e.bytes, Buffer.byteLength(fake.requests[0].raw));
    assert.ok(e.usd !== null && e.usd > 0, `cost ${e.usd}`);
    assert.equal(e.outcome, 'ok');
    // Nothing from the neverSend file, nor the redacted key, in the record (nor the API key, which travels in a header).
    const disk = recordBytes();
    for (const secret of [ENV_MARKER, 'never-send-marker', SECRET_MARKER, KEY]) assert.ok(!disk.includes(secret), `the record holds no ${secret.slice(0, 16)}…`);
    assert.match(describeEntry(e), /Withheld \(neverSend\):\*\* \.env/);
    assert.match(describeDay(days[0], [e]), /src\/cart\.ts \(whole file\)/);
  });

  it('records a failed request (with its outcome), and nothing at all when pinned local', async () => {
    fake.setScript({ status: 401, errorType: 'authentication_error', errorMessage: 'invalid x-api-key' });
    const d = dispatcher();
    await assert.rejects(d.dispatch({ purpose: 'chat', messages: [{ role: 'user', content: 'why?' }], route: { kind: 'chat', explicitTier: 'reasoning' } }));
    await store.flush();
    const entries = await store.entries((await store.days())[0]);
    assert.ok(entries.length >= 1);
    assert.equal(entries.length, fake.requests.length, 'one entry per attempt that went over the wire');
    assert.equal(entries.at(-1)!.outcome, 'error');

    await store.clear();
    assert.deepEqual(await store.days(), []);
    const before = fake.requests.length;
    await assert.rejects(dispatcher('local').dispatch({ purpose: 'chat', messages: [{ role: 'user', content: 'why?' }], route: { kind: 'chat', explicitTier: 'reasoning' } }), /local/i);
    assert.equal(fake.requests.length, before);
    assert.deepEqual(await store.days(), []);
  });

  it('records a request made outside any workflow (unattributed), and skips a loopback local endpoint', async () => {
    const tapped = recorder.fetchFor('reasoning');
    await (await tapped(`${fake.url}/v1/messages`, { method: 'POST', body: '{"x":1}', headers: { 'x-api-key': KEY } })).text().catch(() => '');
    const endpoint = recorder.fetchFor('local-endpoint');
    await (await endpoint(`${fake.url}/v1/completions`, { method: 'POST', body: '{"prompt":"local"}' })).text().catch(() => '');
    await store.flush();
    const entries = await store.entries((await store.days())[0]);
    assert.deepEqual(entries.map((e) => [e.workflow, e.body]), [['unattributed', '{"x":1}']]);
  });

  it('records a remote local endpoint and a model download as they are sent (even when they fail)', async () => {
    for (const [client, url] of [['local-endpoint', 'http://192.0.2.1:8080/v1/completions'], ['model-download', 'http://192.0.2.1/model.gguf']] as const) {
      await recorder.fetchFor(client)(url, { method: 'POST', body: '{"prompt":"x"}', signal: AbortSignal.timeout(50) }).catch(() => undefined);
    }
    await store.flush();
    const entries = await store.entries((await store.days())[0]);
    assert.deepEqual(entries.map((e) => [e.workflow, e.host]), [['completion', '192.0.2.1:8080'], ['model-download', '192.0.2.1']]);
  });
});
