// "Tiered: Refactor Across Files" in a real extension host, against a loopback Anthropic server
// scripted per scenario, on the multi-file fixture test/fixtures/workspace/src/shop/. The command
// runs through the test hook ({ instruction, files, confirm: false, preview: false }): no
// prompts, no refactor preview, everything else real (gathering with VS Code's providers, the
// Dispatcher, the chat panel, validation, one WorkspaceEdit, undo).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TieredApi } from '../../src/extension';
import type { RefactorOutcome } from '../../src/vscode/refactor';
import { startFakeAnthropic, type FakeServer } from '../support/fakeAnthropic';

const EXTENSION_ID = 'tiered.tiered';
const KEY = 'sk-ant-refactor-test-0123456789';
const SHOP = ['money.ts', 'cart.ts', 'checkout.ts', 'receipt.ts', 'tax.ts'].map((f) => `src/shop/${f}`);
const SETTINGS: Record<string, unknown> = {
  'reasoning.provider': 'anthropic', tier: 'auto', 'budget.confirmAboveUsd': 100, 'budget.dailyUsd': 100,
  'privacy.neverSend': ['**/.env', '**/secrets/**', 'src/shop/tax.ts'],
};

function root(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the test workspace is open');
  return f.uri;
}
const uri = (rel: string) => vscode.Uri.joinPath(root(), ...rel.split('/'));
const text = async (rel: string) => (await vscode.workspace.openTextDocument(uri(rel))).getText();

type Edit = { path: string; kind: 'modify' | 'create' | 'delete'; hunks?: { search: string; replace: string }[] | null; content?: string | null };
/** An answer in the form the prompt asks for: a sentence, then one ```json block. */
function answer(files: Edit[], explanation = 'Change the shop code.'): string {
  return `I will make the change.\n\n\`\`\`json\n${JSON.stringify({ explanation, files: files.map((f) => ({ hunks: null, content: null, ...f })) })}\n\`\`\`\n`;
}

/** The scripted form (no prompts, no preview): only the test hooks take it, never the command. */
async function refactor(args: Record<string, unknown>): Promise<RefactorOutcome> {
  const api = vscode.extensions.getExtension<TieredApi>(EXTENSION_ID)!.exports;
  return (await api.testHooks!.refactor!({ confirm: false, preview: false, ...args })) as RefactorOutcome;
}

describe('refactor across files (extension host)', function () {
  this.timeout(120_000);
  let fake: FakeServer;
  const original = new Map<string, string>();
  let outsideDir = '';

  /** Puts every shop file back as it was (editor and disk) and removes what a test created. */
  async function restore(): Promise<void> {
    for (const [rel, t] of original) {
      const doc = await vscode.workspace.openTextDocument(uri(rel));
      if (doc.getText() !== t) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), t);
        assert.ok(await vscode.workspace.applyEdit(edit));
      }
      if (doc.isDirty) await doc.save();
    }
  }

  async function assertUntouched(): Promise<void> {
    for (const [rel, t] of original) assert.equal(await text(rel), t, `${rel} is unchanged`);
  }

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    if (!ext.isActive) await ext.activate();
    fake = await startFakeAnthropic({ text: 'unused' }, { apiKey: KEY });
    process.env.ANTHROPIC_API_KEY = KEY;
    const cfg = vscode.workspace.getConfiguration('tiered');
    for (const [k, v] of Object.entries({ ...SETTINGS, 'reasoning.baseUrl': fake.url })) await cfg.update(k, v, vscode.ConfigurationTarget.Global);
    for (const rel of [...SHOP, 'src/greet.ts']) original.set(rel, await text(rel));
    outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-outside-'));
  });

  afterEach(async () => {
    await restore(); // first: closing a dirty editor would ask to save
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    const cfg = vscode.workspace.getConfiguration('tiered');
    for (const k of [...Object.keys(SETTINGS), 'reasoning.baseUrl']) await cfg.update(k, undefined, vscode.ConfigurationTarget.Global);
    delete process.env.ANTHROPIC_API_KEY;
    await fake?.close();
    fs.rmSync(outsideDir, { recursive: true, force: true });
  });

  const signature = (t: string) => t.replace('export function formatPrice(cents: number): string {\n  return `$${(cents / 100).toFixed(2)}`;',
    "export function formatPrice(cents: number, currency: string): string {\n  return `${(cents / 100).toFixed(2)} ${currency}`;");
  const SIGNATURE_EDITS: Edit[] = [
    { path: 'src/shop/money.ts', kind: 'modify', hunks: [{ search: 'export function formatPrice(cents: number): string {\n  return `$${(cents / 100).toFixed(2)}`;', replace: "export function formatPrice(cents: number, currency: string): string {\n  return `${(cents / 100).toFixed(2)} ${currency}`;" }] },
    { path: 'src/shop/cart.ts', kind: 'modify', hunks: [{ search: 'formatPrice(l.cents * l.qty)', replace: "formatPrice(l.cents * l.qty, 'USD')" }] },
    { path: 'src/shop/checkout.ts', kind: 'modify', hunks: [{ search: 'formatPrice(cartTotal(lines))', replace: "formatPrice(cartTotal(lines), 'USD')" }] },
    { path: 'src/shop/receipt.ts', kind: 'modify', hunks: [{ search: 'formatPrice(cents)', replace: "formatPrice(cents, 'USD')" }] },
  ];

  it('gathers the call sites, keeps neverSend files out of the request, applies a signature change exactly, and one undo reverts every file', async () => {
    fake.setScript({ text: answer(SIGNATURE_EDITS, 'formatPrice takes a currency; every caller passes USD.'), chunk: 80 });
    const before = fake.requests.length;
    const out = await refactor({ instruction: 'Add a `currency: string` parameter to formatPrice and pass it at every call site', files: ['src/shop/money.ts'] });
    assert.equal(out.status, 'applied', out.message);

    // What was sent: the scope, its importers (found by VS Code's providers / imports), never tax.ts.
    assert.equal(fake.requests.length, before + 1, 'one request to the model');
    const raw = fake.requests.at(-1)!.raw;
    for (const rel of ['src/shop/money.ts', 'src/shop/cart.ts', 'src/shop/checkout.ts', 'src/shop/receipt.ts']) {
      assert.ok(out.sent.includes(rel), `${rel} was gathered (sent: ${out.sent.join(', ')})`);
      assert.ok(raw.includes(`### ${rel} (`), `${rel} is in the request`);
    }
    assert.ok(!raw.includes('TAX-RULES-PRIVATE-MARKER'), 'the neverSend file\'s text is not in the request');
    assert.ok(!raw.includes('src/shop/tax.ts'), 'the neverSend file is not even named in the request');
    assert.ok(!out.sent.includes('src/shop/tax.ts'));
    assert.deepEqual(out.omitted.filter((o) => o.path === 'src/shop/tax.ts'), [{ path: 'src/shop/tax.ts', why: 'never-send' }]);

    // Applied exactly.
    assert.deepEqual([...out.applied].sort(), SIGNATURE_EDITS.map((e) => e.path).sort());
    assert.deepEqual(out.refused, []);
    assert.equal(await text('src/shop/money.ts'), signature(original.get('src/shop/money.ts')!));
    assert.equal(await text('src/shop/cart.ts'), original.get('src/shop/cart.ts')!.replace('formatPrice(l.cents * l.qty)', "formatPrice(l.cents * l.qty, 'USD')"));
    assert.equal(await text('src/shop/checkout.ts'), original.get('src/shop/checkout.ts')!.replace('formatPrice(cartTotal(lines))', "formatPrice(cartTotal(lines), 'USD')"));
    assert.equal(await text('src/shop/receipt.ts'), original.get('src/shop/receipt.ts')!.replace('formatPrice(cents)', "formatPrice(cents, 'USD')"));
    assert.equal(await text('src/shop/tax.ts'), original.get('src/shop/tax.ts'), 'a file that was not sent is not edited');

    // One undo, from one of the touched files' editor, reverts all four.
    await vscode.window.showTextDocument(uri('src/shop/cart.ts'));
    await vscode.commands.executeCommand('undo');
    await assertUntouched();
  });

  it('as an agent: reads a file it was not sent through a tool, then edits it with the rest in one undoable change', async () => {
    fake.setScript([
      { text: 'The greeting is in another file; reading it.', toolCalls: [{ name: 'read_file', input: { path: 'src/greet.ts' } }] },
      { text: 'Both updated.', toolCalls: [{ name: 'propose_edits', input: { explanation: 'Receipts greet the customer.', files: [
        { path: 'src/shop/receipt.ts', kind: 'modify', hunks: [{ search: 'name.padEnd(20)', replace: 'name.padEnd(24)' }], content: null },
        { path: 'src/greet.ts', kind: 'modify', hunks: [{ search: 'return `Hello, ${name}!`;', replace: 'return `Welcome, ${name}!`;' }], content: null },
      ] } }] },
    ]);
    const before = fake.requests.length;
    const out = await refactor({ instruction: 'Widen the receipt name column and make the greeting say Welcome', files: ['src/shop/receipt.ts'] });
    assert.equal(out.status, 'applied', out.message);
    assert.ok(!out.sent.includes('src/greet.ts'), 'greet.ts was not gathered up front');
    assert.deepEqual(out.agent?.steps.map((s) => s.tool ?? 'model'), ['model', 'read_file', 'model']);
    assert.deepEqual(out.agent?.read, ['src/greet.ts']);
    const requests = fake.requests.slice(before);
    assert.equal(requests.length, 2);
    assert.ok(!requests[0].raw.includes('Hello, ${name}!'), 'the first request lacks greet.ts');
    const tools = (requests[0].body.tools as { name: string }[]).map((t) => t.name);
    assert.ok(tools.includes('propose_edits') && tools.includes('read_file') && !tools.includes('run_command'), tools.join());
    assert.ok(requests[1].raw.includes('2 |   return `Hello, ${name}!`;'), 'greet.ts reached the model through read_file');
    assert.deepEqual([...out.applied].sort(), ['src/greet.ts', 'src/shop/receipt.ts']);
    assert.equal(await text('src/greet.ts'), original.get('src/greet.ts')!.replace('Hello', 'Welcome'));
    assert.equal(await text('src/shop/receipt.ts'), original.get('src/shop/receipt.ts')!.replace('padEnd(20)', 'padEnd(24)'));
    await vscode.window.showTextDocument(uri('src/greet.ts'));
    await vscode.commands.executeCommand('undo');
    await assertUntouched();
  });

  it('refuses a hostile edit set file by file, with reasons, and touches nothing', async () => {
    const link = path.join(root().fsPath, 'src', 'shop-link');
    fs.symlinkSync(outsideDir, link, 'dir');
    try {
      fake.setScript({ text: answer([
        { path: '../outside.ts', kind: 'create', content: 'export const pwned = 1;\n' },
        { path: `${root().fsPath}/src/abs.ts`, kind: 'create', content: 'x\n' },
        { path: '.git/config', kind: 'create', content: '[core]\n' },
        { path: 'src/shop-link/escape.ts', kind: 'create', content: 'export const escaped = 1;\n' },
        { path: 'src/shop/money.ts', kind: 'modify', hunks: [{ search: 'export function formatCurrency(', replace: 'export function fmt(' }] },
        { path: 'src/shop/cart.ts', kind: 'modify', hunks: [{ search: 'lines: Line[]', replace: 'items: Line[]' }] },
        { path: 'src/shop/receipt.ts', kind: 'create', content: 'export {};\n' },
        { path: 'src/shop/checkout.ts', kind: 'modify', hunks: [{ search: 'return `Total: ', replace: 'return `Sum: ' }, { search: 'return `Total: ${formatPrice', replace: 'return `X: ${formatPrice' }] },
      ]) });
      const out = await refactor({ instruction: 'Rename things in the shop', files: ['src/shop/money.ts'] });
      assert.equal(out.status, 'nothing-to-apply', out.message);
      assert.deepEqual(out.applied, []);
      const reasonOf = (p: RegExp) => out.refused.find((r) => p.test(r.path))?.reason ?? '(not refused)';
      assert.match(reasonOf(/^\.\.\/outside\.ts$/), /'\.\.' is not allowed/);
      assert.match(reasonOf(/abs\.ts$/), /absolute paths are not allowed/);
      assert.match(reasonOf(/^\.git\/config$/), /\.git/);
      assert.match(reasonOf(/^src\/shop-link\/escape\.ts$/), /outside the workspace folder through a symbolic link/);
      assert.match(reasonOf(/^src\/shop\/money\.ts$/), /matches 0 places/);
      assert.match(reasonOf(/^src\/shop\/cart\.ts$/), /matches 2 places/);
      assert.match(reasonOf(/^src\/shop\/receipt\.ts$/), /already exists/);
      assert.match(reasonOf(/^src\/shop\/checkout\.ts$/), /overlap|conflict/);
      assert.equal(out.refused.length, 8);
      await assertUntouched();
      assert.deepEqual(fs.readdirSync(outsideDir), [], 'nothing written through the symlink');
      assert.ok(!fs.existsSync(path.join(path.dirname(root().fsPath), 'outside.ts')));
      assert.ok(!fs.existsSync(path.join(root().fsPath, '.git', 'config')));
    } finally {
      fs.unlinkSync(link);
    }
  });

  it('applies the valid edits of a mixed set and reports the refused ones', async () => {
    fake.setScript({ text: answer([
      { path: 'src/shop/receipt.ts', kind: 'modify', hunks: [{ search: 'name.padEnd(20)', replace: 'name.padEnd(24)' }] },
      { path: '.git/hooks/pre-commit', kind: 'create', content: '#!/bin/sh\ncurl evil\n' },
    ]) });
    const out = await refactor({ instruction: 'Widen the receipt name column', files: ['src/shop/receipt.ts'] });
    assert.equal(out.status, 'applied', out.message);
    assert.deepEqual(out.applied, ['src/shop/receipt.ts']);
    assert.deepEqual(out.refused.map((r) => r.path), ['.git/hooks/pre-commit']);
    assert.equal(await text('src/shop/receipt.ts'), original.get('src/shop/receipt.ts')!.replace('padEnd(20)', 'padEnd(24)'));
  });

  it('refuses edits to a file changed in the editor after it was sent, and keeps the user\'s change', async () => {
    const userLine = '// the user typed this while the model was thinking\n';
    let typed: Promise<boolean> | undefined;
    fake.setScript(() => {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri('src/shop/receipt.ts'), new vscode.Position(0, 0), userLine);
      typed = Promise.resolve(vscode.workspace.applyEdit(edit));
      return { text: answer([{ path: 'src/shop/receipt.ts', kind: 'modify', hunks: [{ search: 'formatPrice(cents)', replace: "formatPrice(cents, 'USD')" }] }]), chunk: 40, delayMs: 40 };
    });
    const out = await refactor({ instruction: 'Pass USD to formatPrice in receipt.ts', files: ['src/shop/receipt.ts'] });
    assert.ok(typed && (await typed), 'the editor change was applied while the answer streamed');
    assert.equal(out.status, 'nothing-to-apply', out.message);
    assert.equal(out.refused.length, 1);
    assert.match(out.refused[0].reason, /changed since it was sent/);
    assert.equal(await text('src/shop/receipt.ts'), userLine + original.get('src/shop/receipt.ts'));
  });

  it('refuses malformed structured output with a reason and touches nothing', async () => {
    fake.setScript({ text: 'Here you go:\n```json\n{"explanation": "x", "files": [{"path": "src/shop/money.ts", "kind": \n```\n' });
    const broken = await refactor({ instruction: 'Rename sum to total', files: ['src/shop/money.ts'] });
    assert.equal(broken.status, 'failed', broken.message);
    assert.match(broken.message, /No edits applied: ./);
    await assertUntouched();

    fake.setScript({ text: answer([{ path: 'src/shop/money.ts', kind: 'modify', hunks: [{ search: 42, replace: ['x'] } as unknown as { search: string; replace: string }] }]) });
    const wrongTypes = await refactor({ instruction: 'Rename sum to total', files: ['src/shop/money.ts'] });
    assert.notEqual(wrongTypes.status, 'applied', wrongTypes.message);
    assert.deepEqual(wrongTypes.applied, []);
    await assertUntouched();
  });

  it('pinned to the local tier: a smaller scope said plainly, and nothing goes to the cloud', async () => {
    const cfg = vscode.workspace.getConfiguration('tiered');
    await cfg.update('tier', 'local', vscode.ConfigurationTarget.Global);
    try {
      const before = fake.requests.length;
      const out = await refactor({ instruction: 'Add a `currency` parameter to formatPrice', files: ['src/shop/money.ts'] });
      assert.equal(out.tier, 'local');
      assert.ok(out.notices.some((n) => /Running on the local model: a smaller scope/.test(n)), out.notices.join(' | '));
      assert.equal(fake.requests.length, before, 'the cloud model was not asked');
      assert.notEqual(out.status, 'applied');
      await assertUntouched();
    } finally {
      await cfg.update('tier', 'auto', vscode.ConfigurationTarget.Global);
    }
  });
});
