// The scenario a new user met: an uncommitted off-by-one in a helper (src/stats.js) makes its
// caller in another file (src/report.js) throw; the real Node trace names only the caller. Deep
// Debug must follow the call on the failing line into the helper's whole body, take the helper's
// uncommitted diff, and accept the model's fix to the helper (not refuse it as "not sent").
import * as assert from 'node:assert/strict';
import { definitionBody, followDefinitions, isImportLine } from '../../../src/core/debug/definitions';
import { analyzeTrace } from '../../../src/core/debug/collect';
import { parseDebugAnswer, toEditSet } from '../../../src/core/debug/parseResult';
import { prepareDeepDebug } from '../../../src/core/debug/request';
import { sentVersions } from '../../../src/core/debug/sentVersions';
import { textDefinitionResolver } from '../../../src/core/debug/textResolver';
import { createWorkspaceIndex } from '../../../src/core/debug/workspaceMap';
import { applyPlan } from '../../../src/core/edits/apply';
import { validateEdits } from '../../../src/core/edits/validate';
import { nodeWorkspaceFs } from '../../../src/core/edits/workspaceFs';
import { uncommittedDiffs } from '../../../src/core/git/cli';
import { MemoryLogger } from '../../../src/core/log';
import { AnthropicProvider } from '../../../src/core/providers/anthropic';
import { startFakeAnthropic, type FakeServer } from '../../support/fakeAnthropic';
import { BUGGY_HELPER, CORRECT_HELPER, createHelperBug, type HelperBugWorkspace } from '../../support/helperBug';
import * as fs from 'node:fs';
import * as path from 'node:path';

const API_KEY = 'sk-ant-api03-HelperBugLoopbackKey0123456789abcdef';

const FIX = `lastIndex returns items.length, one past the last element.

\`\`\`json
${JSON.stringify({
  rootCause: 'lastIndex in src/stats.js returns items.length instead of items.length - 1, so latestName reads entries[entries.length], which is undefined.',
  evidence: [{ file: 'src/stats.js', line: 3, endLine: null, note: 'off by one' }, { file: 'src/report.js', line: 4, endLine: null, note: 'throws here' }],
  explanation: 'Return the index of the last element.',
  files: [{ path: 'src/stats.js', kind: 'modify', hunks: [{ search: BUGGY_HELPER, replace: CORRECT_HELPER }], content: null }],
  verify: ['node src/main.js prints the latest name.'],
  confidence: 'high',
}, null, 2)}
\`\`\``;

describe('Deep Debug follows the failing line into the helper it calls', () => {
  let ws: HelperBugWorkspace;
  let fake: FakeServer;
  before(async () => {
    ws = createHelperBug();
    fake = await startFakeAnthropic([{ text: FIX }], { apiKey: API_KEY });
  });
  after(async () => {
    await fake?.close();
    ws?.dispose();
  });

  it('finds whole bodies: braces (strings and comments skipped), Python by indentation, one-line statements', () => {
    const js = ['function f(a) {', '  const s = "}";', '  // }', '  if (a) {', '    return 1;', '  }', '  return 2;', '}', 'const g = 1;'];
    assert.deepEqual(definitionBody(js, 1), { start: 1, end: 8 });
    assert.deepEqual(definitionBody(js, 9), { start: 9, end: 9 });
    const py = ['def f(x):', '    y = x + 1', '', '    return y', 'z = f(1)'];
    assert.deepEqual(definitionBody(py, 1), { start: 1, end: 4 });
    const arrow = ['export const h = (a: number) =>', '  a + 1;', 'next();'];
    assert.deepEqual(definitionBody(arrow, 1), { start: 1, end: 2 });
    assert.ok(isImportLine("const { lastIndex } = require('./stats');"));
    assert.ok(isImportLine("import { x } from './y';"));
    assert.ok(isImportLine('from .stats import last_index'));
    assert.ok(!isImportLine('const total = cartTotal(items);'));
  });

  it('the helper body and its uncommitted diff reach the model; the fix to the helper is accepted, applies, and the program runs', async () => {
    const failed = ws.run();
    assert.notEqual(failed.status, 0, 'the fixture fails before the fix');
    const trace = failed.stderr;
    assert.ok(!trace.includes('stats.js'), 'the trace names only the caller');
    const index = createWorkspaceIndex(ws.root, ws.files);
    const analysis = analyzeTrace(trace, index);
    assert.equal(analysis.locations[0].path, 'src/report.js');

    // What the adapter does (there with VS Code's definition providers; here by text).
    const read = async (p: string) => { try { return fs.readFileSync(path.join(ws.root, p), 'utf8'); } catch { return undefined; } };
    const followed = await followDefinitions(analysis.locations, textDefinitionResolver({ files: ws.files, readText: read }));
    const helper = followed.definitions.find((d) => d.name === 'lastIndex');
    assert.ok(helper, JSON.stringify(followed.definitions));
    assert.equal(helper.path, 'src/stats.js');
    assert.deepEqual([helper.startLine, helper.endLine], [2, 4], 'the whole body, not the import line');
    const texts = new Map<string, string>();
    for (const p of analysis.involved) texts.set(p, (await read(p))!);
    for (const [p, t] of followed.texts) texts.set(p, t);
    const diffPaths = [...new Set([...analysis.involved, ...followed.definitions.map((d) => d.path)])];
    const diff = await uncommittedDiffs(diffPaths, { cwd: ws.root });
    assert.deepEqual(diff.map((d) => d.path), ['src/stats.js']);

    const prepared = prepareDeepDebug({
      traceText: trace, files: analysis.involved.map((p) => ({ path: p, text: texts.get(p)! })), diff, definitions: followed.definitions,
    }, { index, tier: 'reasoning' });
    const evidence = prepared.messages.find((m) => m.cache)!.content;
    assert.match(evidence, /### Definition: lastIndex \(called at src\/report\.js:4\): src\/stats\.js lines 2-4/);
    assert.match(evidence, /\n3 \| {3}return items\.length;\n/, 'the body with its line numbers');
    assert.match(evidence, /-  return items\.length - 1;\n\+  return items\.length;/, 'the helper\'s uncommitted change');

    const provider = new AnthropicProvider({ apiKey: async () => API_KEY, baseUrl: fake.url, defaultModel: 'claude-sonnet-4-6', logger: new MemoryLogger() });
    const result = await provider.chat({ messages: prepared.messages, purpose: 'deep-debug' });
    assert.ok(fake.requests[0].raw.includes('return items.length;'));
    const parsed = parseDebugAnswer(result, index);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const report = await validateEdits(toEditSet(parsed.result), nodeWorkspaceFs([ws.root], { sentVersions: sentVersions(prepared.evidence.kept, texts) }));
    assert.deepEqual(report.refused, [], 'the fix to the helper is not refused');
    assert.deepEqual(report.valid.map((p) => p.path), ['src/stats.js']);
    for (const plan of report.valid) ws.write(plan.path, applyPlan(ws.read(plan.path), plan)!);
    const fixed = ws.run();
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.match(fixed.stdout, /Latest: GRACE/);
  });
});
