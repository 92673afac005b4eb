// The labelled routing set (models/router/requests.json) as router requests, and its split:
// a case is held out of training when a seeded hash of its id falls in the held-out share, so
// nobody picks which cases are easy to hold out. Used by the training script and the benchmark.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RouteRequest } from '../../src/core/routing/router';

export type Label = 'local' | 'reasoning' | 'either';

export interface LabelledCase {
  id: string;
  label: Label;
  q: string;
  ctx?: number;
  files?: number;
  trace?: boolean;
  diag?: boolean;
  lang?: string;
  turns?: number;
  last?: 'local' | 'reasoning';
  code?: number;
}

/** The seed of the split; changing it changes which cases are held out (and needs retraining). */
export const SPLIT_SEED = 14;
/** Share of the cases held out of training (percent). */
export const HELD_OUT_PERCENT = 30;

export function loadCases(root = path.resolve(__dirname, '..', '..', '..')): LabelledCase[] {
  const file = path.join(root, 'models', 'router', 'requests.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: LabelledCase[] }).cases;
}

/** FNV-1a, 32 bits. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const isHeldOut = (c: Pick<LabelledCase, 'id'>, seed = SPLIT_SEED) => hash32(`${seed}:${c.id}`) % 100 < HELD_OUT_PERCENT;

/** The chat request the case describes: pasted code becomes a fenced block of that many lines. */
export function toRequest(c: LabelledCase): RouteRequest {
  let text = c.q;
  if (c.code) {
    const lines = Array.from({ length: c.code }, (_, i) => `  const v${i} = step${i}(v${Math.max(0, i - 1)});`);
    text += `\n\n\`\`\`${c.lang ?? ''}\n${lines.join('\n')}\n\`\`\``;
  }
  return {
    kind: 'chat', text, attachedContextTokens: c.ctx ?? 0, fileCount: c.files ?? 0, hasStackTrace: c.trace ?? false, hasErrors: c.diag ?? false,
    ...(c.lang ? { language: c.lang } : {}),
    ...(c.turns ? { conversation: { turns: c.turns, lastTier: c.last } } : {}),
  };
}

/** Training target: 1 = reasoning. 'either' trains toward local (cheaper) with a small weight. */
export function target(label: Label): { y: 0 | 1; weight: number } {
  if (label === 'reasoning') return { y: 1, weight: 1 };
  if (label === 'local') return { y: 0, weight: 1 };
  return { y: 0, weight: 0.3 };
}

export const agrees = (label: Label, tier: 'local' | 'reasoning') => label === 'either' || label === tier;
