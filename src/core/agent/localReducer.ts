// The local worker: the local model (or the team endpoint) picks which parts of an oversized
// tool result bear on the question. It never writes the text itself: it answers with region
// numbers, and the reduced form is made of the real lines of those regions, so a small model
// cannot put invented code in front of the reasoning model. Falls back (undefined) when the
// model is missing, fails, or answers nothing usable.
import type { ChatProvider } from '../providers/types';
import { questionWords, type Reducer } from './reduce';

const MAX_REGIONS = 40;

/** Candidate regions: runs of lines around declarations and lines naming the question's words. */
export function candidateRegions(text: string, question: string, kind: 'file' | 'search'): { start: number; lines: string[] }[] {
  const lines = text.split('\n');
  if (kind === 'search') return lines.map((l, i) => ({ start: i, lines: [l] })).slice(0, 400);
  const words = questionWords(question).map((w) => w.toLowerCase());
  const marks = lines.map((l, i) => (words.some((w) => l.toLowerCase().includes(w)) || /\|\s*(?:export\s+)?(?:async\s+)?(?:function|class|def)\b/.test(l) ? i : -1)).filter((i) => i >= 0);
  const regions: { start: number; lines: string[] }[] = [];
  for (const i of marks) {
    const start = Math.max(0, i - 2);
    const end = Math.min(lines.length, i + 6);
    const prev = regions[regions.length - 1];
    if (prev && start <= prev.start + prev.lines.length) {
      prev.lines = lines.slice(prev.start, Math.max(end, prev.start + prev.lines.length));
    } else {
      regions.push({ start, lines: lines.slice(start, end) });
    }
  }
  return regions;
}

export function localReducer(provider: () => ChatProvider | undefined, maxPromptChars = 6000): Reducer {
  return async (input, signal) => {
    const p = provider();
    if (!p) return undefined;
    const regions = candidateRegions(input.text, input.question, input.kind);
    if (regions.length < 2) return undefined;
    const shown: string[] = [];
    let size = 0;
    for (const [i, r] of regions.slice(0, MAX_REGIONS * 3).entries()) {
      const block = `[${i + 1}]\n${r.lines.join('\n')}`;
      if (size + block.length > maxPromptChars) break;
      shown.push(block);
      size += block.length;
    }
    const prompt = `Question: ${input.question.slice(0, 600)}\n\nRegions of ${input.path ?? 'the search results'}:\n${shown.join('\n')}\n\nWhich regions bear on the question? Reply with their numbers only, comma-separated, most relevant first.`;
    const result = await p.chat({ messages: [{ role: 'system', content: 'You select relevant code regions. Reply with numbers only.' }, { role: 'user', content: prompt }], purpose: 'chat', maxOutputTokens: 40, temperature: 0, ...(signal ? { signal } : {}) });
    const picked = [...new Set((result.text.match(/\d+/g) ?? []).map(Number).filter((n) => n >= 1 && n <= shown.length))].slice(0, MAX_REGIONS);
    if (!picked.length) return undefined;
    const kept = picked.sort((a, b) => a - b).map((n) => regions[n - 1]);
    let text = '';
    for (const r of kept) {
      const add = `${text ? '  ⋮\n' : ''}${r.lines.join('\n')}\n`;
      if (text.length + add.length > input.maxChars) break;
      text += add;
    }
    const total = input.text.split('\n').length;
    const keptLines = kept.reduce((n, r) => n + r.lines.length, 0);
    return { text: text.trimEnd(), note: `the local model (${result.model || p.defaultModel()}) kept ${kept.length} of ${shown.length} candidate regions (${keptLines} of ${total.toLocaleString('en-US')} ${input.kind === 'file' ? 'lines' : 'hits'})` };
  };
}
