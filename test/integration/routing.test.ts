// The learned router in a real extension host: the bundled build carries the shipped classifier
// (it fits this build's features), chat in auto is routed by it, its state lives in the
// extension's global storage (never the workspace), and the saving line is there for the
// status bar tooltip and Show Usage.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activated } from './host';

describe('learned routing (extension host)', () => {
  it('ships the cold-start classifier, routes with it, keeps its state outside the workspace, and resets', async () => {
    const api = await activated();
    const services = await api.services;
    assert.ok(services.routing, 'the shipped routing classifier fits the bundled build');
    const learner = services.routing.learner;
    const a = learner.assess({ text: 'Rename `userId` to `accountId` in all of these files', fileCount: 6, attachedContextTokens: 18_000 });
    assert.equal(a.tier, 'local');
    const b = learner.assess({ text: 'could an attacker abuse the redirect parameter after login?' });
    assert.equal(b.tier, 'reasoning');
    assert.match(services.routingLine() ?? '', /^Routing: (no chat routed automatically yet|saved ~\$[\d.]+ vs always-reasoning .*) · \d+ overrides?/);

    learner.learn(b.x, b.bucket, 'reasoning-missed');
    assert.equal(learner.overrides, 1);
    await services.routing.flush();
    const dir = services.routing.dir;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      assert.ok(!path.resolve(dir).startsWith(path.resolve(folder.uri.fsPath)), `routing state ${dir} is outside the workspace`);
    }
    await services.routing.reset();
    assert.equal(learner.overrides, 0);
    assert.ok((await vscode.commands.getCommands(true)).includes('tiered.resetRouting'));
  });
});
