// Hostile and broken edit sets: each refused with the right reason, while a good edit beside it
// still validates, and applying the valid plans touches nothing but the good file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentHash } from '../../../src/core/edits/hash';
import { validateEdits } from '../../../src/core/edits/validate';
import type { FileEdit } from '../../../src/core/edits/types';
import { nodeWorkspaceFs } from '../../../src/core/edits/workspaceFs';
import { makeWorkspace, writePlans, type TempWorkspace } from './tempWorkspace';

const GOOD: FileEdit = { path: 'src/ok.ts', kind: 'modify', hunks: [{ search: 'ok = 1', replace: 'ok = 2' }] };
const OK_TEXT = 'export const ok = 1;\n';
const DUP = 'function f() {\n  return 1;\n}\nfunction g() {\n  return 1;\n}\n';

interface Case { name: string; edit: FileEdit | FileEdit[]; reason: RegExp; setup?: (w: TempWorkspace) => void }

const cases: Case[] = [
  { name: 'a parent escape ../outside.ts', edit: { path: '../outside/target.ts', kind: 'modify', hunks: [{ search: 'secret = 1', replace: 'secret = 2' }] }, reason: /'\.\.' is not allowed/ },
  { name: 'an absolute path /etc/passwd', edit: { path: '/etc/passwd', kind: 'modify', hunks: [{ search: 'root', replace: 'toor' }] }, reason: /absolute paths are not allowed/ },
  { name: 'a Windows drive path C:\\x', edit: { path: 'C:\\x', kind: 'create', content: 'x' }, reason: /drive letter/ },
  { name: 'a drive-relative path C:x', edit: { path: 'C:x', kind: 'create', content: 'x' }, reason: /drive letter/ },
  { name: 'a UNC path', edit: { path: '\\\\server\\share\\x.ts', kind: 'create', content: 'x' }, reason: /absolute paths/ },
  { name: 'sub/../../x', edit: { path: 'sub/../../x', kind: 'create', content: 'x' }, reason: /'\.\.' is not allowed/ },
  { name: 'backslash escapes sub\\..\\..\\x', edit: { path: 'sub\\..\\..\\x', kind: 'create', content: 'x' }, reason: /'\.\.' is not allowed/ },
  { name: 'a home path ~/x', edit: { path: '~/.bashrc', kind: 'create', content: 'x' }, reason: /home folder/ },
  { name: 'a file:// URL', edit: { path: 'file:///etc/passwd', kind: 'modify', hunks: [{ search: 'a', replace: 'b' }] }, reason: /URLs are not allowed|absolute|not allowed/ },
  { name: '.git/config', edit: { path: '.git/config', kind: 'modify', hunks: [{ search: '[core]', replace: '[core]\n\thooksPath = /tmp' }] }, reason: /\.git\/ are never edited/ },
  { name: '.GIT/hooks/pre-commit', edit: { path: '.GIT/hooks/pre-commit', kind: 'create', content: '#!/bin/sh\nrm -rf ~\n' }, reason: /\.git\/ are never edited/ },
  { name: 'a nested sub/.git/config', edit: { path: 'sub/.git/config', kind: 'create', content: 'x' }, reason: /\.git\/ are never edited/ },
  { name: 'a Windows alias .git./config', edit: { path: '.git./config', kind: 'create', content: 'x' }, reason: /\.git\/ are never edited/ },
  { name: 'an 8.3 alias GIT~1/config', edit: { path: 'GIT~1/config', kind: 'create', content: 'x' }, reason: /\.git\/ are never edited/ },
  { name: 'a NUL byte', edit: { path: 'src/ok.ts\u0000.png', kind: 'create', content: 'x' }, reason: /NUL or control characters/ },
  { name: 'a newline in the path', edit: { path: 'src/a\nb.ts', kind: 'create', content: 'x' }, reason: /control characters/ },
  { name: 'a bidi override in the path', edit: { path: 'src/\u202egnp.ts', kind: 'create', content: 'x' }, reason: /control characters/ },
  { name: 'an NTFS stream', edit: { path: 'src/ok.ts:evil', kind: 'create', content: 'x' }, reason: /not allowed in file names/ },
  { name: 'an empty path', edit: { path: '', kind: 'create', content: 'x' }, reason: /empty/ },
  { name: 'the workspace folder itself', edit: { path: './', kind: 'delete' }, reason: /workspace folder itself/ },
  { name: 'an unknown kind', edit: { path: 'src/x.ts', kind: 'chmod' as never }, reason: /unknown kind/ },
  {
    name: 'a symlinked file pointing to /tmp', reason: /outside the workspace folder through a symbolic link/,
    setup: (w) => fs.symlinkSync(path.join(w.outside, 'target.ts'), path.join(w.root, 'link.ts')),
    edit: { path: 'link.ts', kind: 'modify', hunks: [{ search: 'secret = 1', replace: 'secret = 2' }] },
  },
  {
    name: 'a symlinked folder (create through it)', reason: /outside the workspace folder through a symbolic link/,
    setup: (w) => fs.symlinkSync(w.outside, path.join(w.root, 'vendor')),
    edit: { path: 'vendor/new/evil.ts', kind: 'create', content: 'x' },
  },
  {
    name: 'a symlinked parent folder (modify through it)', reason: /outside the workspace folder through a symbolic link/,
    setup: (w) => fs.symlinkSync(w.outside, path.join(w.root, 'lib')),
    edit: { path: 'lib/target.ts', kind: 'modify', hunks: [{ search: 'secret = 1', replace: 'secret = 2' }] },
  },
  {
    name: 'a dangling symlink (create would write through it)', reason: /symbolic link whose target does not exist/,
    setup: (w) => fs.symlinkSync(path.join(w.outside, 'later.ts'), path.join(w.root, 'later.ts')),
    edit: { path: 'later.ts', kind: 'create', content: 'x' },
  },
  {
    name: 'a symlink into .git', reason: /into a \.git folder/,
    setup: (w) => { w.write('.git/config', '[core]\n'); fs.symlinkSync(path.join(w.root, '.git'), path.join(w.root, 'gitdir')); },
    edit: { path: 'gitdir/config', kind: 'modify', hunks: [{ search: '[core]', replace: '[evil]' }] },
  },
  { name: 'a hunk matching zero places', edit: { path: 'src/dup.ts', kind: 'modify', hunks: [{ search: 'return 2;', replace: 'return 3;' }] }, reason: /the search text matches 0 places/ },
  { name: 'a hunk matching two places', edit: { path: 'src/dup.ts', kind: 'modify', hunks: [{ search: '  return 1;\n', replace: '  return 2;\n' }] }, reason: /hunk: the search text matches 2 places \(lines 2, 5\); it needs more context/ },
  {
    name: 'the second of two hunks matching twice', reason: /hunk 2 of 2: the search text matches 2 places/,
    edit: { path: 'src/dup.ts', kind: 'modify', hunks: [{ search: 'function f() {', replace: 'function f2() {' }, { search: 'return 1;', replace: 'return 0;' }] },
  },
  {
    name: 'overlapping hunks', reason: /hunks 1 and 2 overlap \(both change line 2\); they conflict/,
    edit: { path: 'src/dup.ts', kind: 'modify', hunks: [{ search: 'function f() {\n  return 1;', replace: 'function f() {\n  return 7;' }, { search: '  return 1;\n}\nfunction g', replace: '  return 8;\n}\nfunction g' }] },
  },
  { name: 'an empty search text', edit: { path: 'src/dup.ts', kind: 'modify', hunks: [{ search: '', replace: 'x' }] }, reason: /empty search text/ },
  { name: 'a whitespace-only difference (hinted, not fuzzed)', edit: { path: 'src/dup.ts', kind: 'modify', hunks: [{ search: 'function g() {\n    return 1;\n}', replace: 'function g() {\n    return 2;\n}' }] }, reason: /matches 0 places in the current file \(a match exists when whitespace is ignored, at line 4/ },
  { name: 'create of an existing file', edit: { path: 'src/dup.ts', kind: 'create', content: 'x' }, reason: /already exists/ },
  { name: 'modify of a missing file', edit: { path: 'src/nope.ts', kind: 'modify', hunks: [{ search: 'a', replace: 'b' }] }, reason: /does not exist/ },
  { name: 'delete of a missing file', edit: { path: 'src/nope.ts', kind: 'delete' }, reason: /does not exist/ },
  { name: 'modify of a folder', edit: { path: 'src', kind: 'modify', hunks: [{ search: 'a', replace: 'b' }] }, reason: /is a folder/ },
  { name: 'create under a file', edit: { path: 'src/dup.ts/inner.ts', kind: 'create', content: 'x' }, reason: /parent of the new file is a file/ },
  {
    name: 'a binary file', reason: /looks binary/,
    setup: (w) => w.write('img.bin', 'PNG\u0000\u0001data'),
    edit: { path: 'img.bin', kind: 'modify', hunks: [{ search: 'data', replace: 'evil' }] },
  },
  {
    name: 'a modify and a delete of the same file', reason: /2 conflicting edits for this file \(modify, delete\)/,
    edit: [{ path: 'src/dup.ts', kind: 'modify', hunks: [{ search: 'f()', replace: 'h()' }] }, { path: 'src/DUP.ts'.toLowerCase(), kind: 'delete' }],
  },
];

describe('validateEdits refuses hostile and broken edits, and only those', () => {
  let w: TempWorkspace;
  beforeEach(() => {
    w = makeWorkspace({ 'src/ok.ts': OK_TEXT, 'src/dup.ts': DUP });
  });
  afterEach(() => w.cleanup());

  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      c.setup?.(w);
      const hostile = Array.isArray(c.edit) ? c.edit : [c.edit];
      const before = w.snapshot();
      const report = await validateEdits({ explanation: '', files: [...hostile, GOOD] }, nodeWorkspaceFs([w.root]));
      assert.equal(report.refused.length, 1, JSON.stringify(report.refused));
      assert.match(report.refused[0].reason, c.reason);
      assert.deepEqual(report.valid.map((p) => p.path), ['src/ok.ts']);
      writePlans(report.valid);
      const after = w.snapshot();
      assert.equal(after.get('ws/src/ok.ts'), 'export const ok = 2;\n');
      after.delete('ws/src/ok.ts');
      before.delete('ws/src/ok.ts');
      assert.deepEqual(after, before, 'nothing but the good file changed');
    });
  }

  it('refuses a file changed since it was sent to the model, and one never sent', async () => {
    const sent = { 'src/dup.ts': contentHash(DUP), 'src/ok.ts': contentHash(OK_TEXT) };
    w.write('src/dup.ts', DUP.replace('f()', 'renamed()'));
    w.write('src/other.ts', 'export const other = 1;\n');
    const report = await validateEdits({
      explanation: '',
      files: [
        { path: 'src/dup.ts', kind: 'modify', hunks: [{ search: 'function g', replace: 'function h' }] },
        { path: 'src/other.ts', kind: 'delete' },
        GOOD,
      ],
    }, nodeWorkspaceFs([w.root], { sentVersions: new Map(Object.entries(sent)) }));
    assert.deepEqual(report.refused.map((r) => r.path), ['src/dup.ts', 'src/other.ts']);
    assert.match(report.refused[0].reason, /changed since it was sent to the model/);
    assert.match(report.refused[1].reason, /not among the files sent to the model/);
    assert.deepEqual(report.valid.map((p) => p.path), ['src/ok.ts']);
  });

  it('allows an in-workspace symlink and plans the real file', async () => {
    fs.symlinkSync(path.join(w.root, 'src/ok.ts'), path.join(w.root, 'alias.ts'));
    const report = await validateEdits({ explanation: '', files: [{ path: 'alias.ts', kind: 'modify', hunks: [{ search: 'ok = 1', replace: 'ok = 3' }] }] }, nodeWorkspaceFs([w.root]));
    assert.deepEqual(report.refused, []);
    assert.equal(report.valid[0].realPath, path.join(w.root, 'src/ok.ts'));
  });

  it('shows a hostile path with its control characters escaped', async () => {
    const report = await validateEdits({ explanation: '', files: [{ path: 'a\u001b[31mred', kind: 'create', content: '' }] }, nodeWorkspaceFs([w.root]));
    assert.equal(report.refused[0].path, 'a\\u001b[31mred');
  });
});
