import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, SETTING_KEYS, TIERS, normalizeSettings } from '../../src/core/config';
import { repoRoot } from '../support/paths';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const props: Record<string, { default: unknown; enum?: unknown[]; enumDescriptions?: string[]; markdownDescription?: string; type: string }> =
  pkg.contributes.configuration.properties;

describe('settings contract', () => {
  it('package.json declares exactly the settings of the public contract', () => {
    assert.deepEqual(Object.keys(props).sort(), SETTING_KEYS.map((k) => `tiered.${k}`).sort());
  });

  it('package.json defaults equal the defaults in code', () => {
    for (const key of SETTING_KEYS) assert.deepEqual(props[`tiered.${key}`].default, DEFAULT_SETTINGS[key], key);
  });

  it('every setting has a type and a markdownDescription; choices have enumDescriptions', () => {
    for (const [key, p] of Object.entries(props)) {
      assert.ok(p.type, `${key} type`);
      assert.ok(p.markdownDescription && p.markdownDescription.length > 20, `${key} markdownDescription`);
      if (p.enum) assert.equal(p.enumDescriptions?.length, p.enum.length, `${key} enumDescriptions`);
    }
    assert.deepEqual(props['tiered.tier'].enum, [...TIERS]);
  });

  it('normalizes user values, falling back to defaults with a message naming the setting', () => {
    const raw: Record<string, unknown> = { tier: 'reasoning', 'local.threads': -3, 'budget.dailyUsd': '12', 'reasoning.model': '  o4-mini ', 'privacy.neverSend': ['a', 3] };
    const { settings, problems } = normalizeSettings((k) => raw[k]);
    assert.equal(settings.tier, 'reasoning');
    assert.equal(settings['reasoning.model'], 'o4-mini');
    assert.equal(settings['local.threads'], DEFAULT_SETTINGS['local.threads']);
    assert.equal(settings['budget.dailyUsd'], DEFAULT_SETTINGS['budget.dailyUsd']);
    assert.deepEqual(settings['privacy.neverSend'], DEFAULT_SETTINGS['privacy.neverSend']);
    assert.deepEqual(problems.map((p) => p.key).sort(), ['budget.dailyUsd', 'local.threads', 'privacy.neverSend']);
    assert.match(problems[0].message, /^tiered\./);
  });

  it('rejects an unknown tier', () => {
    const { settings, problems } = normalizeSettings((k) => (k === 'tier' ? 'cloud' : undefined));
    assert.equal(settings.tier, 'auto');
    assert.equal(problems.length, 1);
  });
});

describe('package.json manifest', () => {
  it('activates on startup finished, never on *', () => {
    assert.deepEqual(pkg.activationEvents, ['onStartupFinished']);
  });

  it('contributes every command of the contract under the Tiered category', () => {
    const ids = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(ids, ['tiered.chooseLocalModel', 'tiered.chooseTier', 'tiered.deepDebug', 'tiered.openChat', 'tiered.refactor',
      'tiered.resetRouting', 'tiered.setApiKey', 'tiered.showEgress', 'tiered.showUsage', 'tiered.toggleCompletions']);
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Tiered');
  });

  it('contributes the tiered container to the secondary side bar (on the right, leaving the Explorer) with the tiered.chat webview view', () => {
    assert.ok(pkg.contributes.viewsContainers.secondarySidebar.some((c: { id: string }) => c.id === 'tiered'));
    assert.ok(!pkg.contributes.viewsContainers.activitybar?.some((c: { id: string }) => c.id === 'tiered'), 'not in the primary side bar too');
    // viewsContainers.secondarySidebar exists from VS Code 1.106 on.
    const m = /^\^?(\d+)\.(\d+)/.exec(pkg.engines.vscode);
    assert.ok(m && Number(m[1]) === 1 && Number(m[2]) >= 106, pkg.engines.vscode);
    assert.deepEqual(pkg.contributes.views.tiered.map((v: { id: string; type: string }) => [v.id, v.type]), [['tiered.chat', 'webview']]);
  });

  it('targets VS Code no newer than 1.139 and bundles to dist/', () => {
    const m = /^\^?(\d+)\.(\d+)/.exec(pkg.engines.vscode);
    assert.ok(m && (Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) <= 139)), pkg.engines.vscode);
    assert.match(pkg.main, /^\.\/dist\//);
  });
});
