// The programmatic form of "Tiered: Refactor Across Files", for tests, the chat panel and other
// extensions: vscode.commands.executeCommand('tiered.refactor', { instruction, files?, confirm?, preview? }).
// Anything else (no argument, or the URI VS Code passes from an explorer context menu) means
// "ask the user".

export interface RefactorArgs {
  /** What to change. Without it the command asks with an input box. */
  instruction?: string;
  /** Workspace-relative paths to scope the refactor to (instead of the selection / current file). */
  files?: string[];
  /** false: send without listing the files first (the cost threshold and budget still ask). Default true. */
  confirm?: boolean;
  /** false: apply without VS Code's refactor preview. Default true. */
  preview?: boolean;
  /** Token budget for the files sent (default: from the tier). */
  budgetTokens?: number;
  /**
   * The agent (reasoning tier, one workspace folder): false sends once and parses one answer; an
   * object lowers the limits of tiered.agent.* (never raises them).
   */
  agent?: false | { maxSteps?: number; maxUsd?: number; maxTokens?: number };
}

/** Reads an argument of unknown shape; fields of the wrong type are dropped, never trusted. */
export function parseRefactorArgs(arg: unknown): RefactorArgs {
  if (!arg || typeof arg !== 'object' || Array.isArray(arg)) return {};
  const a = arg as Record<string, unknown>;
  const out: RefactorArgs = {};
  if (typeof a.instruction === 'string' && a.instruction.trim() !== '') out.instruction = a.instruction.trim();
  if (Array.isArray(a.files)) {
    const files = a.files.filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim());
    if (files.length) out.files = [...new Set(files)];
  }
  if (typeof a.confirm === 'boolean') out.confirm = a.confirm;
  if (typeof a.preview === 'boolean') out.preview = a.preview;
  if (typeof a.budgetTokens === 'number' && Number.isFinite(a.budgetTokens) && a.budgetTokens > 0) out.budgetTokens = Math.floor(a.budgetTokens);
  if (a.agent === false) out.agent = false;
  else if (a.agent && typeof a.agent === 'object' && !Array.isArray(a.agent)) {
    const g = a.agent as Record<string, unknown>;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
    out.agent = Object.fromEntries((['maxSteps', 'maxUsd', 'maxTokens'] as const).flatMap((k) => (n(g[k]) === undefined ? [] : [[k, n(g[k])]])));
  }
  return out;
}

/** A short title for the chat panel: "Refactor: rename total to sum" (cut at a word). */
export function refactorTitle(instruction: string, max = 60): string {
  const one = instruction.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return `Refactor: ${one}`;
  const cut = one.slice(0, max);
  const at = cut.lastIndexOf(' ');
  return `Refactor: ${(at > max / 2 ? cut.slice(0, at) : cut).trimEnd()}…`;
}

/** The instruction for a follow-up that fixes the problems a refactor left. */
export function fixDiagnosticsInstruction(previous: string, problems: readonly { path: string; line: number; message: string }[], max = 30): string {
  const lines = problems.slice(0, max).map((p) => `- ${p.path}:${p.line}: ${p.message}`);
  const more = problems.length > max ? `\n- … and ${problems.length - max} more` : '';
  return `The previous change ("${previous.replace(/\s+/g, ' ').trim()}") left these problems. Fix them with the smallest edits:\n${lines.join('\n')}${more}`;
}
