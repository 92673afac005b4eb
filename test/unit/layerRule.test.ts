import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot as root } from '../support/paths';

describe('layer rule (lint)', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: root });

  async function errors(code: string, file: string) {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId);
  }

  it('is an error for src/core to import vscode', async () => {
    assert.ok((await errors("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/core/bad.ts')).includes('no-restricted-imports'));
  });

  it('is an error for src/core to import the adapters', async () => {
    assert.ok((await errors("import { StatusBar } from '../vscode/statusBar';\nexport const x = StatusBar;\n", 'src/core/bad.ts')).includes('no-restricted-imports'));
  });

  it('allows src/vscode to import vscode', async () => {
    assert.deepEqual(await errors("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/vscode/good.ts'), []);
  });
});
