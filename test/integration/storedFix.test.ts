// Apply on a Deep Debug card shown again after a reload uses the fix kept with the chat history:
// it is validated again against the files as they are now, so a file changed since the model saw
// it refuses the fix (nothing previewed, nothing written), and a damaged kept fix applies nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contentHash } from '../../src/core/edits/hash';
import { MemoryLogger } from '../../src/core/log';
import type { StoredFix } from '../../src/core/chat/answerResults';
import { ReadOnlyDocs } from '../../src/vscode/edits';
import { applyStoredFix, storedFix } from '../../src/vscode/debug/storedFix';

const BUGGY = 'function lastIndex(items) {\n  return items.length;\n}\nmodule.exports = { lastIndex };\n';

describe('a kept Deep Debug fix applied after a reload (extension host)', function () {
  this.timeout(60_000);
  let dir: string;
  let docs: ReadOnlyDocs;
  const rel = 'kept/stats.js';
  const result = {
    rootCause: 'lastIndex returns items.length, one past the last element.', evidence: [], verify: [], references: [],
    fix: { summary: 'Return the last index.', edits: [{ path: rel, kind: 'modify' as const, hunks: [{ search: '  return items.length;', replace: '  return items.length - 1;' }] }] },
  };

  before(() => {
    dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'kept');
    fs.mkdirSync(dir, { recursive: true });
    docs = new ReadOnlyDocs('tiered-kept-test');
  });
  after(() => {
    docs.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the fix when its file changed since the model saw it, and writes nothing', async () => {
    const file = path.join(dir, 'stats.js');
    fs.writeFileSync(file, BUGGY);
    const kept = JSON.parse(JSON.stringify(storedFix(result, new Map([[rel, contentHash(BUGGY)]]), new Set()))) as StoredFix;
    // Someone edits the file after the run (the hunk still matches, but the model never saw this version).
    const changed = `// edited after the run\n${BUGGY}`;
    fs.writeFileSync(file, changed);
    const log = new MemoryLogger();
    const message = await applyStoredFix(kept, { docs, log });
    assert.match(message, /The fix was not applied: 1 edit refused: kept\/stats\.js — the file changed since it was sent to the model/);
    assert.match(message, /Run Deep Debug again/);
    assert.equal(fs.readFileSync(file, 'utf8'), changed, 'nothing written');
  });

  it('a fix for a file the model never saw, or a damaged kept fix, applies nothing', async () => {
    const file = path.join(dir, 'stats.js');
    fs.writeFileSync(file, BUGGY);
    const unseen = storedFix(result, new Map(), new Set());
    assert.match(await applyStoredFix(unseen, { docs, log: new MemoryLogger() }), /not applied: 1 edit refused: kept\/stats\.js — .*not among the files sent/);
    const damaged = { kind: 'debug', result: { rootCause: 'x', fix: { edits: 'nope' } }, sentVersions: {}, sentPartial: [] } as unknown as StoredFix;
    assert.match(await applyStoredFix(damaged, { docs, log: new MemoryLogger() }), /could not be read/);
    assert.equal(fs.readFileSync(file, 'utf8'), BUGGY);
  });
});
