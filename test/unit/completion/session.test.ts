// A simulated typing session against the scheduler: a user types a file character by character
// with irregular pauses and the odd backspace, VS Code cancels the previous request at every
// keystroke, and an oracle engine suggests what the user is about to type (or something wrong).
// Whatever the interleaving, no suggestion may answer a document that has moved on.

import * as assert from 'node:assert/strict';
import type { FimTemplate } from '../../../src/core/providers/local/fimTemplates';
import { CompletionScheduler } from '../../../src/core/completion/scheduler';
import type { Suggestion } from '../../../src/core/completion/types';
import { FakeClock, ScriptedEngine } from './fakes';

const TARGET = `import { readFile } from 'node:fs/promises';

export async function loadConfig(path: string) {
  const text = await readFile(path, 'utf8');
  const config = JSON.parse(text);
  if (!config.name) {
    throw new Error('config needs a name');
  }
  return config;
}
`;

/** Prompt = prefix window, SEP, suffix window: the oracle reads the cursor position from it. */
const SEP = '\u0001';
const plain: FimTemplate = {
  family: 'qwen', label: 'plain', fileSeparators: false, stop: [],
  render: (p) => ({ prompt: `${p.prefix}${SEP}${p.suffix}`, stableChars: 0, prefixAt: 0 }),
};

function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function session(seed: number) {
  const rand = random(seed);
  const clock = new FakeClock();
  const engine = new ScriptedEngine(clock, (request) => {
    const typed = request.prompt.slice(0, request.prompt.indexOf(SEP));
    const right = TARGET.startsWith(typed) && rand() < 0.75;
    const text = right ? TARGET.slice(typed.length, typed.length + 25) : 'wrong();';
    return { text, delayMs: 20 + Math.floor(rand() * 300), stream: rand() < 0.5 };
  });
  const scheduler = new CompletionScheduler({ engine, template: plain, clock });
  const doc = { text: '', version: 0 };
  let stale = 0;
  let shown = 0;
  let previous: AbortController | undefined;
  const keystroke = () => {
    previous?.abort();
    const controller = new AbortController();
    previous = controller;
    const request = { filePath: 'src/config.ts', languageId: 'typescript', prefix: doc.text, suffix: '', documentVersion: doc.version, trigger: 'automatic' as const };
    void scheduler.request(request, controller.signal).then((s: Suggestion | undefined) => {
      if (!s) return;
      shown++;
      if (s.request.documentVersion !== doc.version || s.request.prefix !== doc.text) stale++;
    });
  };
  let typedCount = 0;
  while (typedCount < TARGET.length) {
    if (rand() < 0.05 && doc.text.length > 0) {
      doc.text = doc.text.slice(0, -1); // backspace, then the character again
      typedCount = doc.text.length;
    } else {
      doc.text = TARGET.slice(0, ++typedCount);
    }
    doc.version++;
    keystroke();
    const pause = rand() < 0.15 ? 300 + rand() * 1200 : 30 + rand() * 150;
    await clock.advance(Math.round(pause));
  }
  await clock.advance(5000);
  return { stale, shown, stats: scheduler.stats, calls: engine.calls.length, keystrokes: doc.version };
}

describe('a simulated typing session', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`never shows a stale suggestion (seed ${seed})`, async () => {
      const r = await session(seed);
      assert.equal(r.stale, 0);
      assert.ok(r.shown > 10, `shown ${r.shown}`);
      assert.ok(r.calls < r.keystrokes / 2, `${r.calls} engine calls for ${r.keystrokes} keystrokes`);
      assert.ok(r.stats.cacheHits + r.stats.reused > 0, 'typing through suggestions is served without the model');
      assert.equal(r.stats.requests, r.stats.served + r.stats.cancelled + r.stats.empty + r.stats.staleDropped + r.stats.errors);
    });
  }
});
