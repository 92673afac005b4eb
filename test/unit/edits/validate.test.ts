import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPlan } from '../../../src/core/edits/apply';
import { contentHash } from '../../../src/core/edits/hash';
import { validateEdits } from '../../../src/core/edits/validate';
import type { EditSet, FileEdit } from '../../../src/core/edits/types';
import { nodeWorkspaceFs } from '../../../src/core/edits/workspaceFs';
import { makeWorkspace, writePlans, type TempWorkspace } from './tempWorkspace';

const PRICE = `export function formatPrice(cents: number): string {
  return (cents / 100).toFixed(2);
}
`;
const CART = `import { formatPrice } from './price';

export function cartLine(name: string, cents: number): string {
  return \`\${name}: \${formatPrice(cents)}\`;
}
`;
const INVOICE = `import { formatPrice } from '../price';

export function total(items: number[]): string {
  const sum = items.reduce((a, b) => a + b, 0);
  return 'Total ' + formatPrice(sum);
}
`;

function set(...files: FileEdit[]): EditSet {
  return { explanation: 'test', files };
}

describe('validateEdits on a real workspace', () => {
  let w: TempWorkspace;
  beforeEach(() => {
    w = makeWorkspace({ 'src/price.ts': PRICE, 'src/cart.ts': CART, 'src/billing/invoice.ts': INVOICE, 'README.md': '# demo\n' });
  });
  afterEach(() => w.cleanup());

  it('validates and applies a signature change across several files exactly', async () => {
    const edits = set(
      { path: 'src/price.ts', kind: 'modify', hunks: [{ search: 'export function formatPrice(cents: number): string {\n  return (cents / 100).toFixed(2);', replace: "export function formatPrice(cents: number, currency: string): string {\n  return `${(cents / 100).toFixed(2)} ${currency}`;" }] },
      { path: 'src/cart.ts', kind: 'modify', hunks: [
        { search: 'export function cartLine(name: string, cents: number): string {', replace: 'export function cartLine(name: string, cents: number, currency: string): string {' },
        { search: '${formatPrice(cents)}', replace: '${formatPrice(cents, currency)}' },
      ] },
      { path: './src\\billing/invoice.ts', kind: 'modify', hunks: [{ search: "formatPrice(sum)", replace: "formatPrice(sum, 'EUR')" }] },
      { path: 'src/currency.ts', kind: 'create', content: "export type Currency = 'EUR' | 'USD';\n" },
    );
    const sent = { 'src/price.ts': contentHash(PRICE), 'src/cart.ts': contentHash(CART), 'src/billing/invoice.ts': contentHash(INVOICE) };
    const report = await validateEdits(edits, nodeWorkspaceFs([w.root], { sentVersions: sent }));
    assert.deepEqual(report.refused, []);
    assert.deepEqual(report.valid.map((p) => [p.path, p.kind]), [['src/price.ts', 'modify'], ['src/cart.ts', 'modify'], ['src/billing/invoice.ts', 'modify'], ['src/currency.ts', 'create']]);
    const cart = report.valid[1];
    assert.equal(cart.kind, 'modify');
    if (cart.kind === 'modify') assert.deepEqual(cart.replacements.map((r) => r.hunk), [0, 1]);
    writePlans(report.valid);
    assert.equal(w.read('src/price.ts'), "export function formatPrice(cents: number, currency: string): string {\n  return `${(cents / 100).toFixed(2)} ${currency}`;\n}\n");
    assert.equal(w.read('src/cart.ts'), CART.replace('cents: number): string', 'cents: number, currency: string): string').replace('formatPrice(cents)', 'formatPrice(cents, currency)'));
    assert.equal(w.read('src/billing/invoice.ts'), INVOICE.replace('formatPrice(sum)', "formatPrice(sum, 'EUR')"));
    assert.equal(w.read('src/currency.ts'), "export type Currency = 'EUR' | 'USD';\n");
    assert.equal(w.read('README.md'), '# demo\n');
  });

  it('deletes a file that exists and was sent', async () => {
    const report = await validateEdits(set({ path: 'README.md', kind: 'delete' }), nodeWorkspaceFs([w.root]));
    assert.equal(report.valid.length, 1);
    writePlans(report.valid);
    assert.equal(fs.existsSync(path.join(w.root, 'README.md')), false);
  });

  it('counts unsaved editor contents as the current text', async () => {
    const unsaved = PRICE.replace('cents / 100', 'cents / 100.0');
    const ws = nodeWorkspaceFs([w.root], { overlays: new Map([[path.join(w.root, 'src/price.ts'), unsaved]]) });
    const onDisk = await validateEdits(set({ path: 'src/price.ts', kind: 'modify', hunks: [{ search: '(cents / 100)', replace: '(cents / 1000)' }] }), ws);
    assert.match(onDisk.refused[0].reason, /matches 0 places/);
    const inEditor = await validateEdits(set({ path: 'src/price.ts', kind: 'modify', hunks: [{ search: '(cents / 100.0)', replace: '(cents / 1000)' }] }), ws);
    assert.equal(inEditor.valid.length, 1);
    assert.equal(applyPlan(unsaved, inEditor.valid[0]), PRICE.replace('cents / 100', 'cents / 1000'));
  });

  it('matches LF hunks in a CRLF file and keeps CRLF', async () => {
    w.write('win.ts', 'const a = 1;\r\nconst b = 2;\r\n');
    const report = await validateEdits(set({ path: 'win.ts', kind: 'modify', hunks: [{ search: 'const a = 1;\nconst b = 2;\n', replace: 'const a = 1;\nconst b = 3;\n' }] }), nodeWorkspaceFs([w.root]));
    assert.equal(report.valid.length, 1);
    writePlans(report.valid);
    assert.equal(w.read('win.ts'), 'const a = 1;\r\nconst b = 3;\r\n');
  });

  it('reads files as VS Code shows them (no byte-order mark), so offsets fit the document', async () => {
    w.write('bom.ts', '\uFEFFconst x = 1;\n');
    const report = await validateEdits(set({ path: 'bom.ts', kind: 'modify', hunks: [{ search: 'x = 1', replace: 'x = 2' }] }), nodeWorkspaceFs([w.root]));
    const plan = report.valid[0];
    assert.equal(plan.kind === 'modify' && plan.replacements[0].start, 'const '.length);
  });

  it('matches a search ending in a newline against a last line without one', async () => {
    w.write('eof.ts', 'line one\nlast line');
    const report = await validateEdits(set({ path: 'eof.ts', kind: 'modify', hunks: [{ search: 'last line\n', replace: 'final line\n' }] }), nodeWorkspaceFs([w.root]));
    writePlans(report.valid);
    assert.equal(w.read('eof.ts'), 'line one\nfinal line');
  });

  it('merges two edit entries for the same file, reached through different spellings', async () => {
    const report = await validateEdits(set(
      { path: 'src/cart.ts', kind: 'modify', hunks: [{ search: 'name: string,', replace: 'label: string,' }] },
      { path: 'src//./cart.ts', kind: 'modify', hunks: [{ search: '${name}', replace: '${label}' }] },
    ), nodeWorkspaceFs([w.root]));
    assert.deepEqual(report.refused, []);
    writePlans(report.valid);
    assert.match(w.read('src/cart.ts'), /label: string, cents[\s\S]*\$\{label\}/);
  });

  it('resolves paths in a multi-root workspace by folder name', async () => {
    const second = path.join(w.base, 'api');
    fs.mkdirSync(second);
    fs.writeFileSync(path.join(second, 'index.ts'), 'export const v = 1;\n');
    const report = await validateEdits(set({ path: 'api/index.ts', kind: 'modify', hunks: [{ search: 'v = 1', replace: 'v = 2' }] }), nodeWorkspaceFs([w.root, second]));
    assert.equal(report.valid[0]?.absPath, path.join(second, 'index.ts'));
  });
});
