// How a person types a piece of text: keystroke units and the pauses between them.
// Units: one character, or Enter together with the next line's indentation (the editor
// auto-indents, nobody types those spaces). Gaps: log-normal around a median of ~120 ms
// (sigma 0.45, clamped 35..700 ms), with occasional thinking pauses of 400-1500 ms (more often
// after Enter).

export interface Keystroke { text: string; gapMs: number }

function gaussian(rand: () => number): number {
  const u = Math.max(1e-12, rand());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export const TYPING = { medianMs: 120, sigma: 0.45, minMs: 35, maxMs: 700, pauseChance: 0.05, pauseAfterEnterChance: 0.25, pauseMinMs: 400, pauseMaxMs: 1500 };

export function gapAfter(unit: string, rand: () => number): number {
  const t = TYPING;
  const chance = unit.startsWith('\n') ? t.pauseAfterEnterChance : t.pauseChance;
  if (rand() < chance) return Math.round(t.pauseMinMs + rand() * (t.pauseMaxMs - t.pauseMinMs));
  const g = Math.exp(Math.log(t.medianMs) + t.sigma * gaussian(rand));
  return Math.round(Math.min(t.maxMs, Math.max(t.minMs, g)));
}

/** The keystrokes that type `text`; gapMs is the pause before the NEXT keystroke. */
export function keystrokes(text: string, rand: () => number): Keystroke[] {
  const units: string[] = [];
  for (let i = 0; i < text.length;) {
    if (text[i] === '\n') {
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      units.push(text.slice(i, j));
      i = j;
    } else {
      units.push(text[i]);
      i++;
    }
  }
  return units.map((u) => ({ text: u, gapMs: gapAfter(u, rand) }));
}
