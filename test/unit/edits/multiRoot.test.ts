// Multi-root workspaces: a path starts with the folder's name as VS Code shows it, and a neverSend
// glob anchored at a folder's root withholds that file in every folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pickRoot } from '../../../src/core/edits/resolve';
import { validateEdits } from '../../../src/core/edits/validate';
import { nodeWorkspaceFs } from '../../../src/core/edits/workspaceFs';
import { anchorGlobsAtRoots, neverSendMatcher } from '../../../src/core/refactor/neverSend';
import { makeWorkspace, type TempWorkspace } from './tempWorkspace';

describe('multi-root workspaces', () => {
  let w: TempWorkspace;
  beforeEach(() => { w = makeWorkspace({ 'a.ts': 'export const a = 1;\n' }); });
  afterEach(() => w.cleanup());

  it('resolves "frontend/…" to the folder VS Code names frontend, whatever its base name', async () => {
    const web = path.join(w.base, 'web-app-2');
    fs.mkdirSync(path.join(web, 'src'), { recursive: true });
    fs.writeFileSync(path.join(web, 'src', 'x.ts'), 'export const x = 1;\n');
    assert.equal(pickRoot([w.root, web], ['frontend', 'src', 'x.ts'], ['backend', 'frontend'])?.root, web);
    const report = await validateEdits({ explanation: '', files: [{ path: 'frontend/src/x.ts', kind: 'modify', hunks: [{ search: 'x = 1', replace: 'x = 2' }] }] },
      nodeWorkspaceFs([w.root, web], { rootNames: ['backend', 'frontend'] }));
    assert.deepEqual(report.refused, []);
    assert.equal(report.valid[0].absPath, path.join(web, 'src', 'x.ts'));
  });

  it('a glob anchored at a root matches that path in every folder, and nothing new in a single-root workspace', () => {
    const globs = ['src/secret.ts', 'config/**', '**/.env', 'id_rsa'];
    const multi = neverSendMatcher(anchorGlobsAtRoots(globs, ['api', 'web']));
    assert.equal(multi('api/src/secret.ts'), true);
    assert.equal(multi('web/config/prod.json'), true);
    assert.equal(multi('web/src/public.ts'), false);
    assert.deepEqual(anchorGlobsAtRoots(globs, ['only']), globs);
    // Without the anchoring, the same globs miss those paths (the defect).
    assert.equal(neverSendMatcher(globs)('api/src/secret.ts'), false);
  });
});
