// "Tiered: Deep Debug" in a real extension host, against a loopback Anthropic server started
// here: the buggy TypeScript fixture (test/fixtures/buggy, copied into the opened workspace), a
// Node trace on the clipboard, the request checked for evidence and privacy, the streamed root
// cause in the chat conversation, the fix applied as one edit that one undo reverts, a follow-up
// on the same cached prefix, and malformed, truncated and hostile answers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TieredApi } from '../../src/extension';
import type { DeepDebugReport } from '../../src/vscode/debug';
import { startFakeAnthropic, type FakeReply, type FakeServer, type RecordedRequest } from '../support/fakeAnthropic';
import { repoRoot } from '../support/paths';
import { activated, waitFor } from './host';

const API_KEY = 'sk-ant-api03-DeepDebugLoopbackKey0123456789abcdefXYZ';
const PRIVATE = ['rk_live_51Hx9zKJ2eZvKYlo2C8', 'hunter2hunter2', 'sk-ant-api03-Zq7vN2xW9bK4mR8tY1uE5oP3', API_KEY];
const FOR_LOOP = '  for (let i = 0; i <= items.length; i++) {';
const FIXED_LOOP = '  for (let i = 0; i < items.length; i++) {';

type Conversations = { shown: { title: string; turns: { role: string; text: string }[] } };

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** Everything the model was shown: system + every message. */
const promptOf = (r: RecordedRequest) => JSON.stringify([r.body.system, r.body.messages]);

function answer(payload: object, prose = 'The loop bound is inclusive, so the last iteration reads past the end of the array.'): string {
  return `${prose}\n\n\`\`\`json\n${JSON.stringify(payload, null, 2)}\n\`\`\``;
}

describe('Deep Debug (extension host)', function () {
  this.timeout(120_000);
  let api: TieredApi;
  let fake: FakeServer;
  let root: string;
  let outside: string;
  let cartUri: vscode.Uri;
  let cartText: string;
  let trace: string;
  let diagnostics: vscode.DiagnosticCollection;
  const replies: FakeReply[] = [];
  const savedKey = process.env.ANTHROPIC_API_KEY;
  const cfg = () => vscode.workspace.getConfiguration('tiered');
  const SETTINGS = ['tier', 'reasoning.provider', 'reasoning.baseUrl', 'budget.confirmAboveUsd', 'budget.dailyUsd'];

  // The scripted options (confirm, apply) are reachable only through the test hooks, never through the command.
  const run = async (options: object) => (await api.testHooks!.deepDebug!({ confirm: false, symbolTimeLimitMs: 3000, ...options })) as DeepDebugReport;

  before(async () => {
    api = await activated();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'buggy'), path.join(root, 'buggy'), { recursive: true });
    // A folder outside the workspace, reachable through a symlink inside it.
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-out-'));
    fs.writeFileSync(path.join(outside, 'evil.ts'), 'export const x = 1;\n');
    fs.symlinkSync(outside, path.join(root, 'buggy', 'link'));
    cartUri = vscode.Uri.file(path.join(root, 'buggy', 'src', 'cart.ts'));
    cartText = fs.readFileSync(cartUri.fsPath, 'utf8');
    const checkout = fs.readFileSync(path.join(root, 'buggy', 'src', 'checkout.ts'), 'utf8');
    const src = path.join(root, 'buggy', 'src');
    trace = [
      "TypeError: Cannot read properties of undefined (reading 'price')",
      `    at lineTotal (${src}/cart.ts:${lineOf(cartText, 'return item.price')}:15)`,
      `    at cartTotal (${src}/cart.ts:${lineOf(cartText, 'total += lineTotal')}:14)`,
      `    at checkout (${src}/checkout.ts:${lineOf(checkout, 'const total = cartTotal')}:17)`,
      `    at Object.<anonymous> (${src}/main.ts:3:13)`,
      '    at Module._compile (node:internal/modules/cjs/loader:1554:14)',
      '    at node:internal/main/run_main_module:36:49',
    ].join('\n');

    fake = await startFakeAnthropic(() => replies.shift() ?? { text: 'No more scripted answers.' }, { apiKey: API_KEY });
    process.env.ANTHROPIC_API_KEY = API_KEY;
    await cfg().update('reasoning.provider', 'anthropic', vscode.ConfigurationTarget.Global);
    await cfg().update('reasoning.baseUrl', fake.url, vscode.ConfigurationTarget.Global);
    await cfg().update('tier', 'reasoning', vscode.ConfigurationTarget.Global);
    await cfg().update('budget.confirmAboveUsd', 1000, vscode.ConfigurationTarget.Global);
    await cfg().update('budget.dailyUsd', 1000, vscode.ConfigurationTarget.Global);
    // A dotenv linter's error on .env quoting the secret: a related file's diagnostic that must stay here.
    diagnostics = vscode.languages.createDiagnosticCollection('dd-test');
    diagnostics.set(vscode.Uri.file(path.join(root, 'buggy', '.env')), [
      new vscode.Diagnostic(new vscode.Range(0, 0, 0, 10), 'Unquoted value STRIPE_SECRET_KEY=rk_live_51Hx9zKJ2eZvKYlo2C8envfixture', vscode.DiagnosticSeverity.Error),
    ]);
    await api.services;
  });

  after(async () => {
    diagnostics?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of SETTINGS) await cfg().update(key, undefined, vscode.ConfigurationTarget.Global);
    if (savedKey === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = savedKey;
    await fake?.close();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('sends the right evidence (nothing from neverSend files, no keys), streams the root cause into the panel, applies the fix as one undoable edit, and follows up on the same cached prefix', async () => {
    // The user was looking at a file that must never leave the machine; the trace is on the clipboard.
    const secrets = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, 'buggy', 'src', 'secrets', 'stripe.ts')));
    await vscode.window.showTextDocument(secrets);
    await vscode.env.clipboard.writeText(trace);
    const rootCause = 'cartTotal loops while i <= items.length, so the last iteration passes items[items.length] (undefined) to lineTotal.';
    replies.push({
      text: answer({
        rootCause,
        evidence: [
          { file: 'buggy/src/cart.ts', line: lineOf(cartText, FOR_LOOP), endLine: null, note: 'inclusive bound' },
          { file: 'buggy/src/cart.ts', line: lineOf(cartText, 'return item.price'), endLine: null, note: 'reads .price of undefined' },
        ],
        explanation: 'Make the loop bound exclusive.',
        files: [{ path: 'buggy/src/cart.ts', kind: 'modify', hunks: [{ search: FOR_LOOP, replace: FIXED_LOOP }], content: null }],
        verify: ['Run npm start in buggy/: it prints the charge without a TypeError.'],
        confidence: 'high',
      }),
      usage: { input: 3000, output: 400, cacheWrite: 2500 },
    });

    const report = (await api.testHooks!.deepDebug!({ confirm: false, apply: 'apply', symbolTimeLimitMs: 20_000 })) as DeepDebugReport;
    assert.equal(report?.status, 'answered', report?.message);
    assert.equal(report.evidence?.traceSource, 'clipboard');
    assert.equal(fake.requests.length, 1);
    const first = fake.requests[0];
    const sent = promptOf(first);
    // The right evidence: the error, the failing lines of the files the trace names, symbols.
    assert.match(sent, /Cannot read properties of undefined \(reading 'price'\)/);
    assert.ok(sent.includes('i <= items.length'), 'the failing loop is in the request');
    assert.ok(sent.includes('buggy/src/cart.ts') && sent.includes('buggy/src/checkout.ts'), 'the files the trace names are in the request');
    assert.match(sent, /Definitions and references/, 'definitions/references from the TypeScript language server');
    // Privacy: neverSend files (the open secrets file, the .env diagnostic) and key-like strings stay here.
    for (const secret of PRIVATE) assert.ok(!sent.includes(secret), `the request does not contain ${secret.slice(0, 12)}…`);
    assert.ok(!sent.includes('stripe.ts lines'), 'the secrets file selection is not sent');
    const withheld = report.evidence!.leftOut.filter((l) => l.reason === 'neverSend').map((l) => l.path);
    assert.ok(withheld.includes('buggy/src/secrets/stripe.ts') && withheld.includes('buggy/.env'), `withheld: ${withheld.join(', ')}`);
    assert.ok(report.evidence!.redactions >= 1, 'the pasted token in cart.ts was redacted');
    // The evidence list the user reads: one line per file (its failing lines, identifiers, problems together).
    const fileLines = report.evidence!.items.filter((l) => /^buggy\/\S+: /.test(l));
    const files = fileLines.map((l) => l.slice(0, l.indexOf(': ')));
    assert.deepEqual(files, [...new Set(files)], `one line per file:\n${report.evidence!.items.join('\n')}`);
    const cartLine = fileLines.find((l) => l.startsWith('buggy/src/cart.ts: '));
    assert.ok(cartLine && /failing line/.test(cartLine) && /identifiers? /.test(cartLine), `cart.ts's line has its failing lines and identifiers: ${cartLine}`);
    assert.ok(!report.evidence!.items.some((l) => / at buggy\/\S+:\d+$/.test(l)), 'no line per identifier ("sum at file:line")');
    // The evidence block is marked for the prompt cache.
    assert.ok(first.raw.includes('cache_control'), 'the evidence block carries cache_control');

    // The streamed root cause is in the panel's conversation.
    const conv = (api.chatConversations() as Conversations).shown;
    assert.match(conv.title, /^Deep Debug: TypeError/);
    assert.ok(conv.turns.some((t) => t.role === 'assistant' && t.text.includes(rootCause)), 'the answer is in the conversation');

    // Parsed, validated and applied as scripted.
    assert.ok(report.parsed?.ok, 'the answer parsed');
    if (!report.parsed.ok) return;
    assert.equal(report.parsed.result.rootCause, rootCause);
    assert.equal(report.parsed.result.evidence[0].path, 'buggy/src/cart.ts');
    assert.deepEqual(report.refused, []);
    assert.equal(report.fix?.applied, true, report.fix?.reason);
    assert.deepEqual(report.fix.touched, ['buggy/src/cart.ts']);
    const doc = await vscode.workspace.openTextDocument(cartUri);
    assert.equal(doc.getText(), cartText.replace(FOR_LOOP, FIXED_LOOP));

    // One undo reverts the whole fix.
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === cartText, 'one undo restores cart.ts');
    assert.equal(fs.readFileSync(cartUri.fsPath, 'utf8'), cartText, 'the file on disk was never written');

    // A follow-up typed in the panel: the same system prompt and messages, byte for byte, then the answer and the question.
    replies.push({ text: 'TypeScript does not check array bounds: items[i] has type Item even past the end.', usage: { input: 200, output: 30, cacheRead: 2500 } });
    await api.testHooks!.followUp!('Why did TypeScript not catch it?');
    await waitFor(() => fake.requests.length === 2, 'the follow-up request');
    const second = fake.requests[1];
    assert.deepEqual(second.body.system, first.body.system);
    assert.deepEqual(second.body.messages.slice(0, first.body.messages.length), first.body.messages, 'the first request is the prefix of the second');
    assert.equal(second.body.messages[first.body.messages.length].role, 'assistant');
    assert.match(JSON.stringify(second.body.messages.at(-1)), /Why did TypeScript not catch it\?/);
    await waitFor(() => (api.chatConversations() as Conversations).shown.turns.some((t) => t.text.includes('does not check array bounds')), 'the follow-up answer in the panel');
  });

  it('follows the failing line into the helper it calls (another file, never named by the trace): its whole body is sent, and the fix to it is applied, not refused', async () => {
    const helper = path.join(root, 'helper');
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'helper-bug'), helper, { recursive: true });
    const statsPath = path.join(helper, 'src', 'stats.js');
    fs.writeFileSync(statsPath, fs.readFileSync(statsPath, 'utf8').replace('  return items.length - 1;', '  return items.length;'));
    const helperTrace = [
      "TypeError: Cannot read properties of undefined (reading 'name')",
      `    at latestName (${helper}/src/report.js:4:38)`,
      `    at report (${helper}/src/report.js:9:27)`,
      `    at Object.<anonymous> (${helper}/src/main.js:3:13)`,
    ].join('\n');
    replies.push({
      text: answer({
        rootCause: 'lastIndex returns items.length, one past the last element.',
        evidence: [{ file: 'helper/src/stats.js', line: 3, endLine: null, note: 'off by one' }],
        explanation: 'Return the last index.',
        files: [{ path: 'helper/src/stats.js', kind: 'modify', hunks: [{ search: '  return items.length;', replace: '  return items.length - 1;' }], content: null }],
        verify: ['node helper/src/main.js'],
        confidence: 'high',
      }, 'The helper is off by one.'),
    });
    const before = fake.requests.length;
    const report = await run({ trace: helperTrace, apply: 'apply', agent: false, symbolTimeLimitMs: 20_000 });
    assert.equal(report.status, 'answered', report.message);
    const sent = promptOf(fake.requests[before]);
    assert.match(sent, /Definition: lastIndex \(called at helper\/src\/report\.js:4\): helper\/src\/stats\.js lines 2-4/, 'the helper body, not the import line');
    assert.ok(sent.includes('return items.length;'), 'the helper body is in the request');
    assert.deepEqual(report.refused, [], JSON.stringify(report.refused));
    assert.equal(report.fix?.applied, true, report.fix?.reason);
    assert.match((await vscode.workspace.openTextDocument(vscode.Uri.file(statsPath))).getText(), /return items\.length - 1;/);
  });

  it('refuses hostile edits (outside the workspace, .git/, .., symlinks, absolute, unsent or stale files) with reasons and touches nothing', async () => {
    replies.push({
      text: answer({
        rootCause: 'Something else entirely.',
        evidence: [{ file: 'buggy/src/cart.ts', line: 1, endLine: null, note: 'x' }],
        explanation: 'Hostile.',
        files: [
          { path: '../outside.ts', kind: 'create', hunks: null, content: 'pwned' },
          { path: '.git/config', kind: 'create', hunks: null, content: '[core]\n\tfsmonitor = evil' },
          { path: 'buggy/link/evil.ts', kind: 'modify', hunks: [{ search: 'export const x = 1;', replace: 'pwned' }], content: null },
          { path: path.join(outside, 'evil.ts'), kind: 'modify', hunks: [{ search: 'export const x = 1;', replace: 'pwned' }], content: null },
          { path: 'buggy/src/secrets/stripe.ts', kind: 'delete', hunks: null, content: null },
          { path: 'buggy/src/cart.ts', kind: 'modify', hunks: [{ search: 'for (let j = 0; j < n; j++) {', replace: 'pwned' }], content: null },
        ],
        verify: [],
        confidence: 'low',
      }, 'Here is a fix.'),
    });
    const report = await run({ trace, apply: 'apply' });
    assert.equal(report.status, 'answered', report.message);
    assert.ok(report.parsed?.ok, 'the answer parsed');
    assert.equal(report.fix, undefined, 'nothing was applied');
    const reasons = Object.fromEntries((report.refused ?? []).map((r) => [r.path, r.reason]));
    assert.equal(report.refused?.length, 6, JSON.stringify(report.refused));
    assert.match(reasons['../outside.ts'] ?? '', /'\.\.' is not allowed/);
    assert.match(reasons['.git/config'] ?? '', /\.git/);
    assert.match(reasons['buggy/link/evil.ts'] ?? '', /outside|link/i);
    assert.ok(Object.entries(reasons).some(([p, r]) => p.includes('evil.ts') && /absolute/.test(r)), 'the absolute path is refused');
    assert.match(reasons['buggy/src/secrets/stripe.ts'] ?? '', /not among the files sent/);
    assert.match(reasons['buggy/src/cart.ts'] ?? '', /matches 0 places/);
    assert.equal(fs.readFileSync(path.join(outside, 'evil.ts'), 'utf8'), 'export const x = 1;\n');
    assert.ok(!fs.existsSync(path.join(root, '..', 'outside.ts')));
    assert.ok(!fs.existsSync(path.join(root, '.git')));
    assert.ok(fs.existsSync(path.join(root, 'buggy', 'src', 'secrets', 'stripe.ts')));
    assert.equal((await vscode.workspace.openTextDocument(cartUri)).getText(), cartText);
  });

  it('a malformed answer stays in the panel and says the fix could not be parsed', async () => {
    const text = 'I looked at it. Probably the loop, or maybe the data. Hard to say.';
    replies.push({ text });
    const report = await run({ trace, apply: 'apply' });
    assert.equal(report.status, 'answered', report.message);
    assert.equal(report.parsed?.ok, false);
    assert.match(report.message ?? '', /could not be parsed/);
    assert.ok((api.chatConversations() as Conversations).shown.turns.some((t) => t.role === 'assistant' && t.text.includes(text)));
    assert.equal((await vscode.workspace.openTextDocument(cartUri)).getText(), cartText);
  });

  it('a truncated answer (the stream ends inside the JSON) is reported as cut off and applies nothing', async () => {
    const full = answer({ rootCause: 'The loop bound is inclusive.', evidence: [], explanation: 'x', files: [{ path: 'buggy/src/cart.ts', kind: 'modify', hunks: [{ search: FOR_LOOP, replace: FIXED_LOOP }], content: null }], verify: [], confidence: 'high' });
    replies.push({ text: full, chunk: 20, cut: { after: Math.floor(full.length / 20 / 2), how: 'end' } });
    const report = await run({ trace, apply: 'apply' });
    assert.ok(report.status === 'answered' || report.status === 'failed', report.message);
    assert.notEqual(report.parsed?.ok, true, 'a cut answer gives no fix');
    if (report.parsed && !report.parsed.ok) assert.match(report.parsed.reason, /cut off|could not be parsed/);
    assert.equal(report.fix, undefined);
    assert.equal((await vscode.workspace.openTextDocument(cartUri)).getText(), cartText);
  });
});
