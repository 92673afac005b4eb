// The trained demo code model in a real VS Code (extension host): typing a common TypeScript
// construct gets a non-empty inline suggestion, and the request reached the model with the Qwen
// FIM markers as special tokens (issue 13).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TieredApi } from '../../src/extension';
import { repoRoot } from '../support/paths';

const MODEL = path.join(repoRoot, 'models', 'tiered-demo-coder.gguf');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Stats { served: number; requests: number }

describe('the demo code model drives inline completions (extension host)', function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync('/tmp/tdcoder-');
  const cfg = () => vscode.workspace.getConfiguration('tiered');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cfg().update('local.modelPath', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('local.threads', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('typing a common import in a .ts file gets a suggestion; the prompt carried the FIM markers as special tokens', async () => {
    const ext = vscode.extensions.getExtension<TieredApi>('tiered.tiered');
    assert.ok(ext);
    const api = ext.isActive ? ext.exports : await ext.activate();
    await cfg().update('local.modelPath', MODEL, vscode.ConfigurationTarget.Global);
    await cfg().update('local.threads', 1, vscode.ConfigurationTarget.Global);
    const file = path.join(dir, 'paths.ts');
    fs.writeFileSync(file, "import * as fs from 'node:fs';\n\nexport function read(name: string): string {\n  return fs.readFileSync(path.join(__dirname, name), 'utf8');\n}\n");
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    // Inline completions are wired up only once the editor has been idle after opening.
    await sleep(3000);
    const stats = () => api.completionStats() as Stats;
    const served0 = stats().served;
    const fims0 = api.recentFims().length;
    // A small model may answer one position with nothing: keep typing a common construct, pausing
    // past the debounce after each word, until a suggestion is served (or the text is typed).
    const typed = 'import * as path from \'node:path\';\nimport { join } from \'node:path\';\n\nexport function load(file: string): string {\n  return ';
    for (const word of typed.split(/(?<=[ \n])/)) {
      if (stats().served > served0) break;
      for (const ch of word) await vscode.commands.executeCommand('type', { text: ch });
      const until = Date.now() + 4_000;
      while (Date.now() < until && stats().served === served0) await sleep(250);
    }
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && stats().served === served0) {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await sleep(1000);
    }
    assert.ok(stats().served > served0, `no suggestion served (${JSON.stringify(stats())})`);
    const fims = api.recentFims().slice(fims0).filter((r) => r.promptTokens > 0);
    assert.ok(fims.length > 0, 'the model ran');
    const withText = fims.filter((r) => r.text.trim().length > 0);
    assert.ok(withText.length > 0, `every generation was empty: ${JSON.stringify(fims.map((r) => r.text))}`);
    // <|repo_name|>, <|file_sep|> before the file, <|fim_prefix|>, <|fim_suffix|>, <|fim_middle|>
    // (+ one <|file_sep|> per context chunk): each one special token, never text.
    for (const r of fims) assert.ok((r.specialTokens ?? 0) >= 5, `prompt had ${r.specialTokens} special tokens`);
    console.log(`      suggestion(s): ${JSON.stringify(withText.map((r) => r.text).slice(-3))}; special tokens per prompt: ${fims.map((r) => r.specialTokens).join(',')}`);
  });
});
