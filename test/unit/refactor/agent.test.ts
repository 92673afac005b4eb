// Refactor Across Files as an agent, on a real temp workspace with the plain-filesystem tools and
// the loopback providers: the model searches, reads a caller that was not gathered, and proposes
// edits through propose_edits; a file read through a tool may be edited (hunks only, pinned to
// the text read), a file never shown may not; a neverSend file stays out; a server without tool
// use still gets the job done with the JSON edit block.
import * as assert from 'node:assert/strict';
import { approxTokens } from '../../../src/core/cost/estimate';
import { runAgent, type AgentRunOptions } from '../../../src/core/agent/loop';
import { fsWorkspace } from '../../../src/core/agent/fsWorkspace';
import { DEFAULT_AGENT_LIMITS } from '../../../src/core/agent/types';
import { neverSendMatcher } from '../../../src/core/debug/privacy';
import { nodeWorkspaceFs } from '../../../src/core/edits/workspaceFs';
import { MemoryLogger } from '../../../src/core/log';
import { PROPOSE_EDITS, REFACTOR_AGENT_NOTE, refactorAgentMessages, refactorAgentTools, refactorSentFiles } from '../../../src/core/refactor/agent';
import { buildRefactorPrompt, type RefactorPrompt } from '../../../src/core/refactor/prompt';
import { reviewAnswer } from '../../../src/core/refactor/review';
import type { ChatProvider } from '../../../src/core/providers/types';
import type { FakeServer } from '../../support/sse';
import { anthropicHarness, openaiHarness } from '../providers/harness';
import { makeWorkspace, writePlans, type TempWorkspace } from '../edits/tempWorkspace';

const MONEY = 'export function formatPrice(cents: number): string {\n  return `$${(cents / 100).toFixed(2)}`;\n}\n';
const CART = "import { formatPrice } from './money';\n\nexport const line = (cents: number) => formatPrice(cents);\n";
const RECEIPT = "import { formatPrice } from './money';\n\nexport function receipt(cents: number): string {\n  return `Total: ${formatPrice(cents)}`;\n}\n";
const OTHER = 'export const unrelated = 1;\n';
const SECRET = 'PAYMENT_KEY=sk_live_refactorSECRETmarker0000\n';

const SIGNATURE = { search: 'export function formatPrice(cents: number): string {\n  return `$${(cents / 100).toFixed(2)}`;', replace: 'export function formatPrice(cents: number, currency: string): string {\n  return `${(cents / 100).toFixed(2)} ${currency}`;' };
const EDITS = {
  explanation: 'formatPrice takes a currency; every caller passes USD.',
  files: [
    { path: 'src/money.ts', kind: 'modify', hunks: [SIGNATURE], content: null },
    { path: 'src/cart.ts', kind: 'modify', hunks: [{ search: 'formatPrice(cents);', replace: "formatPrice(cents, 'USD');" }], content: null },
    { path: 'src/receipt.ts', kind: 'modify', hunks: [{ search: '${formatPrice(cents)}', replace: "${formatPrice(cents, 'USD')}" }], content: null },
    { path: 'src/other.ts', kind: 'modify', hunks: [{ search: 'unrelated = 1', replace: 'unrelated = 2' }], content: null },
  ],
};

describe('refactor as an agent (loopback providers, plain-filesystem tools)', function () {
  this.timeout(30_000);
  let w: TempWorkspace;
  let fake: FakeServer | undefined;
  let prompt: RefactorPrompt;
  beforeEach(() => {
    w = makeWorkspace({ 'src/money.ts': MONEY, 'src/cart.ts': CART, 'src/receipt.ts': RECEIPT, 'src/other.ts': OTHER, '.env': SECRET });
    // Gathered: the definition and one caller; receipt.ts is left for the tools.
    prompt = buildRefactorPrompt({
      instruction: 'Add a currency parameter to formatPrice and pass USD at every call site',
      files: [{ path: 'src/money.ts', content: MONEY, reason: 'selection' }, { path: 'src/cart.ts', content: CART, reason: 'reference' }],
      budgetTokens: 50_000, countTokens: approxTokens, neverSend: ['**/.env'],
    });
  });
  afterEach(async () => { await fake?.close(); fake = undefined; w.cleanup(); });

  const run = (provider: ChatProvider, extra: Partial<AgentRunOptions> = {}) => runAgent({
    messages: refactorAgentMessages(prompt.messages),
    chat: async (turn) => ({ result: await provider.chat({ messages: turn.messages, purpose: 'refactor', signal: turn.signal, ...(turn.tools ? { tools: turn.tools } : {}) }), usd: 0.001 }),
    tools: refactorAgentTools(),
    resultTool: PROPOSE_EDITS,
    limits: DEFAULT_AGENT_LIMITS,
    ws: fsWorkspace(w.root),
    policy: { isNeverSend: neverSendMatcher(['**/.env']), knownSecrets: [], maxResultChars: 12_000 },
    signal: new AbortController().signal,
    approve: async () => { throw new Error('no command may be asked for'); },
    question: 'Add a currency parameter to formatPrice',
    ...extra,
  });

  it('searches, reads the caller it was not given, and edits it; a file it never saw is refused', async () => {
    fake = await anthropicHarness.start([
      { text: 'Finding every caller.', toolCalls: [{ name: 'search_text', input: { query: 'formatPrice(' } }] },
      { text: '', toolCalls: [{ name: 'read_file', input: { path: 'src/receipt.ts' } }, { name: 'read_file', input: { path: '.env' } }] },
      { text: 'Done.', toolCalls: [{ name: PROPOSE_EDITS, input: EDITS }] },
    ]);
    const out = await run(anthropicHarness.provider(fake.url, new MemoryLogger()));
    assert.equal(out.status, 'answered', out.message);
    assert.deepEqual(out.steps.map((s) => s.tool ?? s.kind), ['model', 'search_text', 'model', 'read_file', 'read_file', 'model']);

    const first = fake.requests[0].body;
    assert.ok(JSON.stringify(first.system).includes(JSON.stringify(REFACTOR_AGENT_NOTE).slice(1, -1)), 'the agent note is in the system prompt');
    assert.deepEqual(first.tools.map((t: { name: string }) => t.name), ['read_file', 'list_files', 'search_text', 'find_symbol', 'diagnostics', 'git', PROPOSE_EDITS], 'read-only tools, no run_command');
    assert.ok(!fake.requests[0].raw.includes('Total: ${formatPrice'), 'receipt.ts was not sent up front');
    assert.match(fake.requests[1].raw, /src\/receipt\.ts:4:/);
    assert.ok(fake.requests[2].raw.includes('4 |   return `Total: ${formatPrice(cents)}`;'), 'the caller reached the model through read_file');
    for (const r of fake.requests) assert.ok(!r.raw.includes('refactorSECRETmarker'), 'the neverSend file never left');

    const review = await reviewAnswer({ text: out.text, incomplete: false, finishReason: 'stop', toolInput: out.resultInput }, nodeWorkspaceFs([w.root], refactorSentFiles(prompt.sentVersions, prompt.sentPartial, out.seen)));
    assert.ok(review.parse.ok, JSON.stringify(review.parse));
    assert.deepEqual(review.report!.valid.map((p) => p.path).sort(), ['src/cart.ts', 'src/money.ts', 'src/receipt.ts']);
    assert.deepEqual(review.report!.refused.map((r) => r.path), ['src/other.ts']);
    assert.match(review.report!.refused[0].reason, /not among the files sent/);
    writePlans(review.report!.valid);
    assert.equal(w.read('src/receipt.ts'), RECEIPT.replace('${formatPrice(cents)}', "${formatPrice(cents, 'USD')}"));
    assert.equal(w.read('src/cart.ts'), CART.replace('formatPrice(cents);', "formatPrice(cents, 'USD');"));
    assert.equal(w.read('src/other.ts'), OTHER);
  });

  it('a file read through a tool is pinned to the text read (changed since: refused) and may not be rewritten whole', async () => {
    fake = await openaiHarness.start([
      { text: '', toolCalls: [{ name: 'read_file', input: { path: 'src/receipt.ts' } }] },
      { text: '', toolCalls: [{ name: PROPOSE_EDITS, input: { explanation: 'x', files: [{ path: 'src/receipt.ts', kind: 'modify', hunks: null, content: 'export {};\n' }] } }] },
    ]);
    const out = await run(openaiHarness.provider(fake.url, new MemoryLogger()));
    assert.equal(out.status, 'answered', out.message);
    const sent = refactorSentFiles(prompt.sentVersions, prompt.sentPartial, out.seen);
    assert.ok(sent.sentPartial.includes('src/receipt.ts'));
    const rewrite = await reviewAnswer({ text: out.text, incomplete: false, finishReason: 'stop', toolInput: out.resultInput }, nodeWorkspaceFs([w.root], sent));
    assert.deepEqual(rewrite.report!.valid, []);
    assert.match(rewrite.report!.refused[0].reason, /may not replace the whole file/);
    w.write('src/receipt.ts', `// edited by the user meanwhile\n${RECEIPT}`);
    const stale = await reviewAnswer({ text: '', incomplete: false, finishReason: 'stop', toolInput: { explanation: 'x', files: [EDITS.files[2]] } }, nodeWorkspaceFs([w.root], sent));
    assert.deepEqual(stale.report!.valid, []);
    assert.match(stale.report!.refused[0].reason, /changed since it was sent/);
  });

  it('a server without tool use: the tools go in the prompt, and the JSON edit block answers as before', async () => {
    let n = 0;
    const replies = [
      { text: '```json\n{"tool": "read_file", "arguments": {"path": "src/receipt.ts"}}\n```' },
      { text: `All callers updated.\n\n\`\`\`json\n${JSON.stringify({ ...EDITS, files: EDITS.files.slice(0, 3) })}\n\`\`\`` },
    ];
    fake = await openaiHarness.start((req) => (req.body.tools ? { status: 400, errorMessage: 'This model does not support tools.' } : replies[n++] ?? { text: 'none' }), { flavor: 'compatible' });
    const out = await run(openaiHarness.provider(fake.url, new MemoryLogger(), { dialect: 'compatible', maxRetries: 0 }));
    assert.equal(out.status, 'answered', out.message);
    assert.match(out.steps[0].summary, /does not take tools/);
    assert.equal(out.resultInput, undefined);
    const review = await reviewAnswer({ text: out.text, incomplete: false, finishReason: 'stop' }, nodeWorkspaceFs([w.root], refactorSentFiles(prompt.sentVersions, prompt.sentPartial, out.seen)));
    assert.deepEqual(review.report!.valid.map((p) => p.path).sort(), ['src/cart.ts', 'src/money.ts', 'src/receipt.ts']);
  });
});
