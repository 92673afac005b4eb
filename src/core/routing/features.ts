// The features the learned router reads from a chat request: numbers only, never the text. They
// are what a careful engineer looks at before choosing a model: what kind of work the request
// asks for (a mechanical edit, a lookup, boilerplate, or a question whose answer needs thought:
// flaky behaviour, security, money, data migrations, time), how big it is (tokens of attached
// context, files, lines of code, length of the question), what comes with it (stack trace,
// diagnostics), the language, and where the conversation is. The vector is what gets stored
// with a routing signal, so it must not carry content: each entry is a flag, a count or a log.
import { STACK_RE, SIMPLE_RE, WORDS, codeStats, multiStep } from './difficulty';

export interface FeatureInput {
  text: string;
  attachedContextTokens?: number;
  fileCount?: number;
  hasStackTrace?: boolean;
  hasErrors?: boolean;
  /** Language id of the attached code or the active editor ('typescript', 'python'...). */
  language?: string;
  conversation?: { turns: number; lastTier?: 'local' | 'reasoning' };
}

/** Kinds of work, each a group of phrases; `label` is what the reason line says. */
const INTENTS: { name: string; label: string; re: RegExp }[] = [
  {
    name: 'mechanical', label: 'mechanical edit',
    re: /\b(rename\w*|add(ing)? (a |an |the )?(type (hints?|annotations?)|types|docstrings?|jsdoc|comments?|logging|log lines?|headers?|license headers?|semicolons?|trailing commas?|`?readonly`?|`?async`?|an? import|imports?|a field|a column|a prop(erty)?|a parameter|an argument)|convert\w*|replace\w*|swap\w*|mov(e|ing) (the |this |these |all )|extract\w*|inline\w*|update (the |all )?(imports?|calls?|call sites|references|usages|version|paths?)|bump\w*|reformat\w*|format(ting)?|sort (the )?imports|reorder\w*|wrap\w* (each|every|all|the)|change (every|all|each)|delete (every|all|the unused)|remove (every|all|the unused|unused)|uppercase|lowercase|camel ?case|snake ?case|kebab ?case|prefix|suffix)\b/i,
  },
  { name: 'everywhere', label: 'same change in many places', re: /\b(everywhere|across (all|every|the (whole )?(repo|codebase|project))|in (all|every|each) (of (the|these) )?(files?|modules?|components?|handlers?|tests?|places?)|all (the |these )?(files|call sites|usages|occurrences|references)|each (file|module|component|handler|endpoint))\b/i },
  { name: 'noBehaviourChange', label: 'no behaviour change', re: /\b(without changing (the )?(behaviou?r|logic)|no (logic|behaviou?r(al)?) change|keep (the )?(behaviou?r|logic) (the same|unchanged)|purely (mechanical|cosmetic)|just (the )?(names?|types?|formatting)|nothing else)\b/i },
  { name: 'lookup', label: 'lookup', re: /\b(what (does|is|are)|what's the (syntax|difference|flag|option|command)|how do (i|you)|how to|syntax for|example of|give me an example|is there a (builtin|built-in|function|method|way)|which (flag|option|method|function|command)|explain (this|what|the) (line|regex|syntax|error message|flag)|meaning of|shortcut for)\b/i },
  { name: 'boilerplate', label: 'boilerplate', re: /\b(write (a|an|me a) (small |simple |quick |basic )?(function|helper|test|unit test|script|regex|query|class|component|dockerfile|makefile|config|type|interface|enum|getter|setter)|generate\w*|scaffold\w*|boilerplate|stub\w*|skeleton|template|fill in|add (a |an )?(unit )?tests? for|translate (this|it) (to|into)|port (this|it) to)\b/i },
  { name: 'intermittent', label: 'intermittent behaviour', re: /\b(flak\w+|intermittent\w*|sometimes|occasionally|randomly|at random|non-?determinis\w*|only (fails|happens|breaks) (in|on|under|when)|only in (ci|prod\w*|production|release|staging)|works locally|can'?t reproduce|heisenbug|every (few|other|now and then)|once in a while)\b/i },
  { name: 'adversarial', label: 'security-sensitive', re: /\b(attack\w*|malicious|abus\w+|redirect\w*|sanitiz\w*|escap(e|ing) (user|input|html)|xss|csrf|ssrf|sql injection|auth(entication|orization|z|n)?|permissions?|privilege\w*|tokens? (leak|expir|valid)|jwt|session fixation|secrets?|trust\w*|untrusted|spoof\w*|timing attack|path traversal|deserializ\w*|cors)\b/i },
  { name: 'numeric', label: 'numeric precision', re: /\b(round\w*|floating[- ]point|float precision|precision|cents?|currency|money|decimal\w*|overflow\w*|underflow|off[- ]by[- ]one|integer division|truncat\w*|epsilon|nan\b|rounding)\b/i },
  { name: 'dataChange', label: 'data and schema change', re: /\b(migrat\w+ (plan|strategy|path)|zero[- ]downtime|backfill\w*|schema change|rollback plan|roll back|dual[- ]writ\w*|consisten\w*|transaction\w*|isolation level|idempoten\w*|exactly[- ]once|at[- ]least[- ]once|eventual\w*|replica\w*|shard\w*|partition\w*|lock(s|ing)? (the )?table)\b/i },
  { name: 'timeOrder', label: 'time and ordering', re: /\b(time ?zones?|dst|daylight saving|clock skew|leap (year|second)|ordering|out of order|happens[- ]before|stale|cache invalidation|ttl|retry storm|backpressure|timeouts?)\b/i },
  { name: 'planning', label: 'planning or judgement', re: /\b(plan\b|strategy|approach|should (i|we)|which (is|would be) better|is it (safe|ok|okay|worth)|how would you|what would you|recommend\w*|evaluate|review (this|my) (design|approach|plan)|compare|weigh|risks?|what could go wrong|edge cases?|what am i missing)\b/i },
  { name: 'causal', label: 'asks for a cause', re: /\b(why|how come|what could cause|what causes|what('s| is) causing|cause of|explain why|figure out|track down|investigate|diagnos\w*|where does .{1,40} come from)\b/i },
];

/** Languages with their own feature (others count as 'other'; no language as none). */
const LANGS: { name: string; re: RegExp }[] = [
  { name: 'webScript', re: /^(typescript|javascript|typescriptreact|javascriptreact|ts|js|tsx|jsx|vue|svelte)$/i },
  { name: 'python', re: /^(python|py)$/i },
  { name: 'systems', re: /^(c|cpp|c\+\+|rust|go|zig)$/i },
  { name: 'jvmDotnet', re: /^(java|kotlin|scala|csharp|c#|fsharp)$/i },
  { name: 'data', re: /^(sql|json|yaml|toml|xml|csv|graphql|prisma)$/i },
  { name: 'shellConfig', re: /^(shellscript|bash|sh|powershell|dockerfile|makefile|ini|properties)$/i },
];

/** Names of the vector's entries, in order (the weights file lists them too, to catch drift). */
export const FEATURE_NAMES: readonly string[] = [
  'bias',
  ...WORDS.map((w) => `word:${w.label}`),
  ...INTENTS.map((i) => `intent:${i.name}`),
  'stackTrace', 'diagnostics', 'files', 'files>=3', 'contextTokens', 'codeLines', 'codeBlocks', 'questionLength',
  'simpleLookup', 'multiStep', 'imperative', 'turns', 'lastTier:reasoning', 'lastTier:local',
  ...LANGS.map((l) => `lang:${l.name}`), 'lang:other',
  'mechanical*files', 'reasoningCue*short', 'everywhere*files',
];

export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Human labels for the entries a reason line may name ("mechanical edit", "stack trace"). */
export const FEATURE_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(WORDS.map((w) => [`word:${w.label}`, w.label])),
  ...Object.fromEntries(INTENTS.map((i) => [`intent:${i.name}`, i.label])),
  stackTrace: 'stack trace', diagnostics: 'diagnostics attached', files: 'several files', 'files>=3': 'several files',
  contextTokens: 'attached context', codeLines: 'code in the question', codeBlocks: 'code blocks', questionLength: 'question length',
  simpleLookup: 'simple lookup', multiStep: 'multi-step task', turns: 'long conversation', 'lastTier:reasoning': 'conversation on the reasoning model',
  'lastTier:local': 'conversation on the local model', 'mechanical*files': 'mechanical edit over several files',
  'reasoningCue*short': 'short question about something subtle', 'everywhere*files': 'same change across files', imperative: 'a direct instruction',
};

const IMPERATIVE_RE = /^\s*(please\s+)?(add|rename|convert|replace|move|extract|write|generate|create|make|change|update|remove|delete|sort|format|bump|fix|implement|refactor|split|merge|wrap|use|turn|port|translate)\b/i;
const REASONING_CUES = new Set(['intermittent', 'adversarial', 'numeric', 'dataChange', 'timeOrder', 'planning', 'causal']);
const log1 = (x: number) => Math.log1p(Math.max(0, x));

/** The feature vector of a request (length FEATURE_COUNT, entry 0 is the bias 1). */
export function extractFeatures(r: FeatureInput): Float64Array {
  const text = r.text ?? '';
  const prose = text.replace(/```[\s\S]*?(```|$)/g, ' ');
  const x = new Float64Array(FEATURE_COUNT);
  let i = 0;
  x[i++] = 1;
  for (const w of WORDS) x[i++] = w.re.test(prose) ? 1 : 0;
  let mechanical = 0, everywhere = 0, cue = 0;
  for (const intent of INTENTS) {
    const hit = intent.re.test(prose) ? 1 : 0;
    if (intent.name === 'mechanical') mechanical = hit;
    if (intent.name === 'everywhere') everywhere = hit;
    if (hit && REASONING_CUES.has(intent.name)) cue = 1;
    x[i++] = hit;
  }
  const files = r.fileCount ?? 0;
  const code = codeStats(text);
  const len = prose.trim().length;
  x[i++] = r.hasStackTrace || STACK_RE.test(text) ? 1 : 0;
  x[i++] = r.hasErrors ? 1 : 0;
  x[i++] = log1(files);
  x[i++] = files >= 3 ? 1 : 0;
  x[i++] = log1(r.attachedContextTokens ?? 0) / 5;
  x[i++] = log1(code.lines) / 3;
  x[i++] = Math.min(code.blocks, 4) / 2;
  x[i++] = log1(len) / 4;
  x[i++] = SIMPLE_RE.test(prose) && len <= 200 ? 1 : 0;
  x[i++] = multiStep(prose) ? 1 : 0;
  x[i++] = IMPERATIVE_RE.test(prose) ? 1 : 0;
  const conv = r.conversation;
  x[i++] = log1(conv?.turns ?? 0);
  x[i++] = conv && conv.turns > 0 && conv.lastTier === 'reasoning' ? 1 : 0;
  x[i++] = conv && conv.turns > 0 && conv.lastTier === 'local' ? 1 : 0;
  const lang = (r.language ?? '').trim();
  let known = false;
  for (const l of LANGS) {
    const hit = lang !== '' && l.re.test(lang);
    known ||= hit;
    x[i++] = hit ? 1 : 0;
  }
  x[i++] = lang !== '' && !known ? 1 : 0;
  x[i++] = mechanical * log1(files);
  x[i++] = cue * (len <= 300 ? 1 : 0);
  x[i++] = everywhere * log1(files);
  return x;
}
