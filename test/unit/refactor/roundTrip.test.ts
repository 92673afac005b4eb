// The refactor core end to end on a real temp workspace: prompt -> (scripted) answer -> parse ->
// validate against what was sent -> apply.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { approxTokens } from '../../../src/core/cost/estimate';
import { buildRefactorPrompt } from '../../../src/core/refactor/prompt';
import { reviewAnswer } from '../../../src/core/refactor/review';
import { nodeWorkspaceFs } from '../../../src/core/edits/workspaceFs';
import { makeWorkspace, writePlans, type TempWorkspace } from '../edits/tempWorkspace';

const GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}`;\n}\n';
const APP = "import { greet } from './greet';\n\nconsole.info(greet('Ada'));\n";
const PAGE = "import { greet } from '../greet';\n\nexport const title = greet('Grace');\n";

describe('refactor round trip', () => {
  let w: TempWorkspace;
  beforeEach(() => {
    w = makeWorkspace({ 'src/greet.ts': GREET, 'src/app.ts': APP, 'src/ui/page.ts': PAGE, '.env': 'TOKEN=abcdefghijkl\n' });
  });
  afterEach(() => w.cleanup());

  function prompt() {
    const files = ['src/greet.ts', 'src/app.ts', 'src/ui/page.ts', '.env'].map((p, i) => ({ path: p, content: w.read(p), reason: (['selection', 'reference', 'reference', 'symbol'] as const)[i] }));
    return buildRefactorPrompt({ instruction: 'Add a greeting parameter to greet', files, budgetTokens: 50_000, countTokens: approxTokens, neverSend: ['**/.env'] });
  }

  const answer = (files: unknown[]) => `I added the parameter and updated both callers.\n\n\`\`\`json\n${JSON.stringify({ explanation: 'Add greeting', files })}\n\`\`\`\n`;

  it('applies the scripted signature change exactly, and refuses the edit to the secret file it never saw', async () => {
    const p = prompt();
    assert.doesNotMatch(p.messages.map((m) => m.content).join(), /TOKEN=/);
    const text = answer([
      { path: 'src/greet.ts', kind: 'modify', hunks: [{ search: 'export function greet(name: string): string {\n  return `Hello, ${name}`;', replace: 'export function greet(name: string, greeting = \'Hello\'): string {\n  return `${greeting}, ${name}`;' }], content: null },
      { path: 'src/app.ts', kind: 'modify', hunks: [{ search: "greet('Ada')", replace: "greet('Ada', 'Hi')" }], content: null },
      { path: 'src/ui/page.ts', kind: 'modify', hunks: [{ search: "greet('Grace')", replace: "greet('Grace', 'Welcome')" }], content: null },
      { path: '.env', kind: 'modify', hunks: [{ search: 'TOKEN=', replace: 'TOKEN=leaked' }], content: null },
    ]);
    const review = await reviewAnswer({ text, incomplete: false, finishReason: 'stop' }, nodeWorkspaceFs([w.root], { sentVersions: p.sentVersions }));
    assert.deepEqual(review.report?.refused.map((r) => [r.path, /not among the files sent/.test(r.reason)]), [['.env', true]]);
    assert.match(review.summary, /^3 files ready to preview, 1 refused \(\.env: /);
    assert.match(review.diffs.get('src/app.ts') ?? '', /^-console\.info\(greet\('Ada'\)\);\n\+console\.info\(greet\('Ada', 'Hi'\)\);$/m);
    writePlans(review.report?.valid ?? []);
    assert.equal(w.read('src/greet.ts'), "export function greet(name: string, greeting = 'Hello'): string {\n  return `${greeting}, ${name}`;\n}\n");
    assert.equal(w.read('src/app.ts'), APP.replace("greet('Ada')", "greet('Ada', 'Hi')"));
    assert.equal(w.read('src/ui/page.ts'), PAGE.replace("greet('Grace')", "greet('Grace', 'Welcome')"));
    assert.equal(w.read('.env'), 'TOKEN=abcdefghijkl\n');
  });

  it('refuses a file the user edited while the model was answering', async () => {
    const p = prompt();
    fs.writeFileSync(path.join(w.root, 'src/app.ts'), APP + '// edited meanwhile\n');
    const text = answer([{ path: 'src/app.ts', kind: 'modify', hunks: [{ search: "greet('Ada')", replace: "greet('Ada', 'Hi')" }], content: null }]);
    const review = await reviewAnswer({ text, incomplete: false, finishReason: 'stop' }, nodeWorkspaceFs([w.root], { sentVersions: p.sentVersions }));
    assert.equal(review.report?.valid.length, 0);
    assert.match(review.report?.refused[0].reason ?? '', /changed since it was sent to the model/);
  });

  it('keeps the text and says why when the answer cannot be parsed', async () => {
    const text = 'The change needs a new parameter.\n```json\n{"explanation": "x", "files": [ {"path": "src/app.ts", "kind": "modify", "hunks": [{"search": "gre';
    const review = await reviewAnswer({ text, incomplete: true, finishReason: 'length' }, nodeWorkspaceFs([w.root]));
    assert.equal(review.parse.ok, false);
    assert.equal(review.parse.text, text);
    assert.equal(review.report, undefined);
    assert.match(review.summary, /cut off before the first edit was complete/);
  });

  it('uses tool input when the provider returned a tool call', async () => {
    const review = await reviewAnswer({
      text: '', incomplete: false, finishReason: 'stop',
      toolInput: { explanation: 'x', files: [{ path: 'src/app.ts', kind: 'modify', hunks: [{ search: "greet('Ada')", replace: "greet('Bob')" }], content: null }] },
    }, nodeWorkspaceFs([w.root]));
    assert.equal(review.parse.ok && review.parse.format, 'tool');
    assert.equal(review.report?.valid.length, 1);
  });
});
