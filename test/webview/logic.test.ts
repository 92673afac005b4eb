// The webview's pure decisions, in plain Node: which links survive, what a code fence says about
// its file, how the badge reads, and the protocol's exhaustive dispatch.
import * as assert from 'node:assert/strict';
import { dispatch, type Handlers, type WebviewToHost } from '../../src/shared/protocol';
import { parseFence } from '../../src/webview/fence';
import { formatCost, formatMs, formatStats, formatTokens, incompleteLabel } from '../../src/webview/format';
import { classifyHref, parseFileRef, splitFileRefs } from '../../src/webview/links';

describe('webview links', () => {
  it('keeps http(s) links, normalized', () => {
    assert.deepEqual(classifyHref('https://example.com/a?b=1'), { kind: 'external', url: 'https://example.com/a?b=1' });
    assert.deepEqual(classifyHref('HTTP://Example.com'), { kind: 'external', url: 'http://example.com/' });
  });

  it('drops every other scheme, however disguised', () => {
    for (const href of [
      'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\u0000script:alert(1)',
      '\u200bjavascript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'file:///etc/passwd', 'command:workbench.action.quit',
      'mailto:a@b.c', '//evil.example/x', '\\\\evil\\share', 'https://user:pw@example.com/', 'javascript:alert(1)//a.ts:1', '',
    ]) {
      assert.deepEqual(classifyHref(href), { kind: 'none' }, JSON.stringify(href));
    }
  });

  it('turns workspace paths into file links with line and column', () => {
    assert.deepEqual(classifyHref('src/app.ts:12'), { kind: 'file', path: 'src/app.ts', line: 12 });
    assert.deepEqual(classifyHref('src/app.ts#L5'), { kind: 'file', path: 'src/app.ts', line: 5 });
    assert.deepEqual(classifyHref('./lib/a.py:3:7'), { kind: 'file', path: './lib/a.py', line: 3, column: 7 });
    assert.deepEqual(classifyHref('app.ts:9'), { kind: 'file', path: 'app.ts', line: 9 });
    assert.deepEqual(classifyHref('src/my%20file.ts'), { kind: 'file', path: 'src/my file.ts' });
    assert.deepEqual(classifyHref('C:\\work\\a.ts:4'), { kind: 'file', path: 'C:\\work\\a.ts', line: 4 });
    assert.equal(parseFileRef('not a path'), undefined);
    assert.equal(parseFileRef('..'), undefined);
  });

  it('finds path:line references in prose but not inside URLs', () => {
    assert.deepEqual(splitFileRefs('see src/a.ts:3 and b.go:4:2.'), [
      { text: 'see ' }, { ref: 'src/a.ts:3', path: 'src/a.ts', line: 3 }, { text: ' and ' },
      { ref: 'b.go:4:2', path: 'b.go', line: 4, column: 2 }, { text: '.' },
    ]);
    assert.deepEqual(splitFileRefs('at http://host/x.js:10 only'), [{ text: 'at http://host/x.js:10 only' }]);
    assert.deepEqual(splitFileRefs('version 1.2 and e.g. this'), [{ text: 'version 1.2 and e.g. this' }]);
  });
});

describe('webview code fences', () => {
  it('reads the language and the target file from the info string', () => {
    assert.deepEqual(parseFence('ts src/app.ts', ''), { language: 'ts', pathHint: 'src/app.ts' });
    assert.deepEqual(parseFence('python:tools/run.py', ''), { language: 'python', pathHint: 'tools/run.py' });
    assert.deepEqual(parseFence('tsx title="web/App.tsx"', ''), { language: 'tsx', pathHint: 'web/App.tsx' });
    assert.deepEqual(parseFence('js', 'x()'), { language: 'js' });
    assert.deepEqual(parseFence('', 'x'), { language: '' });
  });

  it('reads the file from a first-line comment', () => {
    assert.deepEqual(parseFence('ts', '// src/util.ts\nexport {}'), { language: 'ts', pathHint: 'src/util.ts' });
    assert.deepEqual(parseFence('py', '# file: app/main.py\nprint()'), { language: 'py', pathHint: 'app/main.py' });
    assert.deepEqual(parseFence('ts', '// compute the sum\nx'), { language: 'ts' });
  });

  it('ignores hostile info strings', () => {
    assert.deepEqual(parseFence('"><img src=x onerror=alert(1)>', 'x'), { language: '' });
  });
});

describe('webview badge formatting', () => {
  it('formats latency', () => {
    assert.equal(formatMs(320), '320 ms');
    assert.equal(formatMs(4200), '4.2 s');
    assert.equal(formatMs(42_000), '42 s');
    assert.equal(formatMs(125_000), '2 min 5 s');
    assert.equal(formatMs(undefined), undefined);
    assert.equal(formatMs(Number.NaN), undefined);
  });

  it('formats cost: dollars, unknown, local and free', () => {
    assert.equal(formatCost({ kind: 'usd', usd: 0.0123 }), '$0.0123');
    assert.equal(formatCost({ kind: 'usd', usd: 0.42 }), '$0.420');
    assert.equal(formatCost({ kind: 'usd', usd: 3.5 }), '$3.50');
    assert.equal(formatCost({ kind: 'usd', usd: 0.00001 }), '< $0.0001');
    assert.equal(formatCost({ kind: 'unknown' }), 'cost unknown');
    assert.equal(formatCost({ kind: 'localFree' }), 'local, free');
  });

  it('formats tokens and the whole stats line', () => {
    assert.equal(formatTokens({ inputTokens: 1200, outputTokens: 300, reasoningTokens: 120, cacheReadTokens: 1000 }), '1,200 in, 1,000 cached · 300 out (120 thinking)');
    assert.equal(formatStats({ ttftMs: 45, totalMs: 610, usage: { inputTokens: 40, outputTokens: 12 }, cost: { kind: 'localFree' }, finishReason: 'stop', incomplete: false }),
      'first token 45 ms · total 610 ms · 40 in · 12 out · local, free');
  });

  it('says why an answer is incomplete', () => {
    const base = { cost: { kind: 'unknown' } as const, incomplete: true };
    assert.equal(incompleteLabel({ ...base, finishReason: 'aborted' }), 'Stopped: the answer is incomplete');
    assert.equal(incompleteLabel({ ...base, finishReason: 'error', error: 'No API key' }), 'Error: No API key');
    assert.equal(incompleteLabel({ ...base, finishReason: 'length' }), 'Cut at the length limit: the answer is incomplete');
    assert.equal(incompleteLabel({ ...base, finishReason: 'stop', incomplete: false }), undefined);
  });
});

describe('protocol dispatch', () => {
  it('calls the one handler of a known message and refuses anything else', () => {
    const calls: string[] = [];
    const real: Handlers<Pick<WebviewToHost, 'stop' | 'newChat'>> = { stop: (p) => calls.push(`stop ${p.id}`), newChat: () => calls.push('newChat') };
    assert.equal(dispatch(real, { type: 'stop', payload: { id: 'a1' } }), true);
    assert.equal(dispatch(real, { type: 'newChat', payload: {} }), true);
    assert.equal(dispatch(real, { type: 'toString', payload: {} }), false);
    assert.equal(dispatch(real, { type: 'stop' }), false);
    assert.equal(dispatch(real, 'stop'), false);
    assert.equal(dispatch(real, null), false);
    assert.deepEqual(calls, ['stop a1', 'newChat']);
  });
});
