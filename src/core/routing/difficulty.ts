// How hard a chat request looks, from features a person would use: what it asks (why, root
// cause, design, race, deadlock, prove, multi-step), what is attached (stack trace, errors,
// files, context size), how long it is, how much code it holds, and whether the conversation
// is already on the reasoning model. Pure and cheap (a few regexes over the text).

export interface DifficultyInput {
  text: string;
  attachedContextTokens?: number;
  fileCount?: number;
  hasStackTrace?: boolean;
  hasErrors?: boolean;
  conversation?: { turns: number; lastTier?: 'local' | 'reasoning' };
}

export interface Signal {
  /** Shown to the user in the reason: "stack trace", "3 files attached". */
  label: string;
  weight: number;
}

export interface Difficulty {
  score: number;
  /** Signals pointing to the reasoning model, strongest first. */
  hard: Signal[];
  /** What makes it look easy ("short question", "no code attached"), for the local reason. */
  easy: string[];
}

/** Score at or above which chat in auto goes to the reasoning model. */
export const REASONING_THRESHOLD = 3;

export const WORDS: { re: RegExp; label: string; weight: number }[] = [
  { re: /\broot[- ]cause/i, label: 'root-cause question', weight: 3 },
  { re: /\b(race conditions?|races?|deadlocks?|concurren\w*|thread[- ]safe\w*|data races?)\b/i, label: 'concurrency question', weight: 3 },
  { re: /\b(prove|proof|correctness|invariants?)\b/i, label: 'asks for a proof', weight: 3 },
  { re: /\b(architect\w*|design)\b/i, label: 'design question', weight: 2 },
  { re: /\brefactor\w*/i, label: 'refactoring', weight: 2 },
  { re: /\b(memory leaks?|performance|optimi[sz]\w*|complexity)\b/i, label: 'performance question', weight: 2 },
  { re: /\b(security|vulnerab\w*|injection|exploit\w*)\b/i, label: 'security question', weight: 2 },
  { re: /\b(trade-?offs?|pros and cons)\b/i, label: 'trade-offs', weight: 2 },
  { re: /\bwhy\b/i, label: 'asks why', weight: 1 },
  { re: /\b(bug|crash\w*|fail\w*|broken|doesn'?t work|segfault|hangs?)\b/i, label: 'bug report', weight: 1 },
];

export const STACK_RE = /(^\s+at .+[:(].*\d+[:)]?)|Traceback \(most recent call last\)|^\s*File ".+", line \d+|Exception in thread|panicked at|^\s*#\d+\s+0x[0-9a-f]+/m;
export const SIMPLE_RE = /^\s*(what\s+(does|is|are|do)\b|what's\b|whats\b|how\s+do\s+i\b|how\s+to\b|is\s+there\s+a\b|can\s+i\b|syntax\b|give\s+me\s+an\s+example|example\s+of\b|which\s+\w+\s+(is|does)\b|where\s+is\b)/i;

export function multiStep(text: string): boolean {
  if (/\bstep[- ]by[- ]step\b/i.test(text)) return true;
  if (/\bfirst\b[\s\S]{3,}\bthen\b[\s\S]{3,}\b(then|finally|after that)\b/i.test(text)) return true;
  return (text.match(/^\s*\d+[.)]\s+\S/gm) ?? []).length >= 3;
}

/** Code inside ``` fences: number of blocks and lines. */
export function codeStats(text: string): { blocks: number; lines: number } {
  const fences = text.match(/```[^\n]*\n[\s\S]*?(```|$)/g) ?? [];
  let lines = 0;
  for (const f of fences) lines += Math.max(0, f.split('\n').length - 2);
  return { blocks: fences.length, lines };
}

const kTokens = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

export function chatDifficulty(r: DifficultyInput): Difficulty {
  const text = r.text ?? '';
  const prose = text.replace(/```[\s\S]*?(```|$)/g, ' ');
  const hard: Signal[] = [];
  const add = (label: string, weight: number) => hard.push({ label, weight });

  if (r.hasStackTrace || STACK_RE.test(text)) add('stack trace', 3);
  if (r.hasErrors) add('errors attached', 1);
  const files = r.fileCount ?? 0;
  if (files >= 3) add(`${files} files attached`, 3);
  else if (files === 2) add('2 files attached', 2);
  const ctx = r.attachedContextTokens ?? 0;
  if (ctx >= 24_000) add(`large context (${kTokens(ctx)} tokens)`, 3);
  else if (ctx >= 8_000) add(`sizeable context (${kTokens(ctx)} tokens)`, 2);
  if (r.conversation && r.conversation.turns > 0 && r.conversation.lastTier === 'reasoning') add('conversation already on the reasoning model', 3);
  for (const w of WORDS) if (w.re.test(prose)) add(w.label, w.weight);
  if (multiStep(prose)) add('multi-step task', 3);
  const code = codeStats(text);
  if (code.lines > 60) add(`long code (${code.lines} lines)`, 2);
  else if (code.lines > 20) add(`${code.lines} lines of code`, 1);
  if (code.blocks >= 3) add(`${code.blocks} code blocks`, 1);
  if (prose.trim().length > 1500) add('long question', 2);
  else if (prose.trim().length > 600) add('detailed question', 1);

  const easy: string[] = [];
  let score = hard.reduce((s, x) => s + x.weight, 0);
  // Brevity only makes a request easy when nothing heavy comes with it (no strong signal).
  const escalated = r.conversation?.lastTier === 'reasoning' && r.conversation.turns > 0;
  const light = code.lines <= 20 && files <= 1 && ctx < 8_000 && !escalated && !hard.some((h) => h.weight >= 3);
  const short = prose.trim().length <= 200;
  if (SIMPLE_RE.test(prose) && short) { easy.push('simple lookup'); if (light) score -= 2; }
  else if (short) { easy.push('short question'); if (light) score -= 1; }
  if (!code.blocks && !files && ctx < 500 && !hard.some((h) => h.label === 'stack trace')) easy.push('no code attached');
  else if (light) easy.push('small snippet');

  hard.sort((a, b) => b.weight - a.weight);
  return { score, hard, easy };
}

/** "stack trace and 3 files attached"; "a, b and c". */
export function joinLabels(labels: string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
