// One tool call, executed: arguments checked, the workspace asked, the result filtered (paths,
// neverSend, redaction), reduced by a worker or capped, and summarised for the panel. Errors are
// results the model reads (it can try again); nothing here throws for bad input.
import { splitUnifiedDiff } from '../debug/diffSplit';
import type { ToolCall } from '../providers/types';
import { capText, numberLines, redact, workspacePath, type ToolPolicy } from './guard';
import { unsafeCommand } from './process';
import { outline, type Reducer } from './reduce';
import type { AgentWorkspace } from './types';

export interface ToolContext {
  ws: AgentWorkspace;
  policy: ToolPolicy;
  signal: AbortSignal;
  /** Asks the user to run this exact command; resolves true to run it, or why commands cannot run here (Restricted Mode). */
  approve: (command: string) => Promise<boolean | { refused: string }>;
  /** The local worker for oversized results (the outline when absent or when it gives up). */
  reduce?: Reducer;
  /** false: oversized results are only cut at the size cap, never reduced (the benchmark's baseline). */
  workers?: boolean;
  /** What the task is about (for reductions). */
  question: string;
  /** Files whose text went to the model, with the text read (for the fix's sent versions). */
  seen: Map<string, string>;
}

export interface ToolOutcome {
  content: string;
  isError?: boolean;
  summary: string;
  worker?: string;
  /** Milliseconds spent outside Tiered's own code (a command's process, the local model). */
  externalMs: number;
}

const MAX_HITS = 200;
const MAX_FILES = 500;

const fail = (summary: string, content = summary): ToolOutcome => ({ content, isError: true, summary, externalMs: 0 });
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

async function sized(ctx: ToolContext, kind: 'file' | 'search', text: string, path: string | undefined, handle: string): Promise<{ text: string; worker?: string; externalMs: number }> {
  const max = ctx.policy.maxResultChars;
  if (text.length <= max) return { text, externalMs: 0 };
  if (ctx.workers === false) return { text: capText(text, max).text, externalMs: 0 };
  const started = Date.now();
  const input = { kind, ...(path ? { path } : {}), text, question: ctx.question, maxChars: Math.floor(max * 0.6) };
  const byWorker = ctx.reduce ? await ctx.reduce(input, ctx.signal).catch(() => undefined) : undefined;
  const externalMs = byWorker ? Date.now() - started : 0;
  const reduced = byWorker ?? outline(input);
  const body = capText(reduced.text, max - 300).text;
  return { text: `[Reduced: ${reduced.note}. ${handle}]\n${body}`, worker: reduced.note, externalMs };
}

async function readFile(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  const checked = workspacePath(call.input.path, ctx.policy);
  if (!checked.ok) return fail(`refused: ${checked.reason}`);
  const text = await ctx.ws.readText(checked.path);
  if (text === undefined) return fail(`no such file: ${checked.path}`, `There is no file ${checked.path} in the workspace. Use list_files or search_text to find it.`);
  const all = text.split('\n');
  const start = Math.max(1, int(call.input.startLine) ?? 1);
  const end = Math.min(all.length, Math.max(start, int(call.input.endLine) ?? all.length));
  const numbered = numberLines(all.slice(start - 1, end), start);
  const red = redact(numbered, ctx.policy);
  ctx.seen.set(checked.path, text);
  const ranged = call.input.startLine !== undefined || call.input.endLine !== undefined;
  const out = call.input.full === true || ranged
    ? { ...capText(red.text, ctx.policy.maxResultChars), externalMs: 0, worker: undefined }
    : await sized(ctx, 'file', red.text, checked.path, `Call read_file with startLine/endLine (or full: true) for the exact lines of ${checked.path}`);
  return { content: out.text, summary: `${end - start + 1} lines of ${checked.path}${ranged ? ` (${start}-${end})` : ''}${red.count ? `, ${red.count} secret(s) redacted` : ''}`, ...(out.worker ? { worker: out.worker } : {}), externalMs: out.externalMs };
}

async function searchText(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  const q = call.input.query;
  if (typeof q !== 'string' || !q) return fail('search_text needs a query');
  const regex = call.input.regex === true;
  if (regex) { try { new RegExp(q); } catch { return fail(`not a valid regular expression: ${q}`); } }
  const glob = typeof call.input.glob === 'string' ? call.input.glob : undefined;
  const hits = await ctx.ws.searchText({ pattern: q, regex, ...(glob ? { glob } : {}), max: MAX_HITS + 1 }, ctx.signal);
  const allowed = hits.filter((h) => workspacePath(h.path, ctx.policy).ok);
  const withheld = hits.length - allowed.length;
  if (!allowed.length) return { content: `No matches for ${JSON.stringify(q)}${withheld ? ` (${withheld} in files never sent)` : ''}.`, summary: `0 hits${withheld ? `, ${withheld} withheld (neverSend)` : ''}`, externalMs: 0 };
  const list = allowed.slice(0, MAX_HITS).map((h) => `${h.path}:${h.line}: ${h.text.trim().slice(0, 300)}`).join('\n');
  const red = redact(list, ctx.policy);
  const more = hits.length > MAX_HITS ? `\n(more than ${MAX_HITS} hits; narrow the query or the glob)` : '';
  const out = await sized(ctx, 'search', red.text + more, undefined, 'Narrow the query or the glob for the exact hits');
  return { content: out.text, summary: `${Math.min(allowed.length, MAX_HITS)}${hits.length > MAX_HITS ? '+' : ''} hits${withheld ? `, ${withheld} withheld (neverSend)` : ''}`, ...(out.worker ? { worker: out.worker } : {}), externalMs: out.externalMs };
}

async function findSymbol(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  const name = typeof call.input.name === 'string' ? call.input.name : '';
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return fail('find_symbol needs an identifier as name');
  const ok = (p: string) => workspacePath(p, ctx.policy).ok;
  if (call.input.kind === 'workspace') {
    const found = (await ctx.ws.workspaceSymbols(name, ctx.signal)).filter((s) => ok(s.path)).slice(0, 50);
    return { content: found.length ? found.map((s) => `${s.kind} ${s.name} ${s.path}:${s.line}`).join('\n') : `No workspace symbol matches ${name}.`, summary: `${found.length} symbols`, externalMs: 0 };
  }
  const at = workspacePath(call.input.path, ctx.policy);
  const line = int(call.input.line);
  if (!at.ok || !line) return fail(`find_symbol ${String(call.input.kind)} needs the path and line where ${name} is used${at.ok ? '' : ` (${at.reason})`}`);
  const text = (await ctx.ws.readText(at.path))?.split('\n')[line - 1];
  const col = text?.search(new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`)) ?? -1;
  if (col < 0) return fail(`${name} does not appear on ${at.path}:${line}`);
  const list = call.input.kind === 'references'
    ? await ctx.ws.references(at.path, line, col + 1, ctx.signal)
    : await ctx.ws.definitions(at.path, line, col + 1, ctx.signal);
  const shown: string[] = [];
  for (const l of list.filter((x) => ok(x.path)).slice(0, 30)) {
    const src = (await ctx.ws.readText(l.path))?.split('\n')[l.line - 1]?.trim() ?? '';
    shown.push(`${l.path}:${l.line}: ${src.slice(0, 200)}`);
  }
  const red = redact(shown.join('\n'), ctx.policy);
  return { content: red.text || `No ${call.input.kind} found for ${name}.`, summary: `${shown.length} ${call.input.kind === 'references' ? 'references' : 'definitions'} of ${name}`, externalMs: 0 };
}

async function diagnostics(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  let path: string | undefined;
  if (call.input.path !== undefined) {
    const c = workspacePath(call.input.path, ctx.policy);
    if (!c.ok) return fail(`refused: ${c.reason}`);
    path = c.path;
  }
  const list = (await ctx.ws.diagnostics(path)).filter((d) => workspacePath(d.path, ctx.policy).ok).slice(0, 100);
  const text = list.map((d) => `${d.path}:${d.line}${d.column ? `:${d.column}` : ''} ${d.severity}${d.source ? ` ${d.source}` : ''}: ${d.message}`).join('\n');
  return { content: redact(text, ctx.policy).text || 'No problems reported.', summary: `${list.length} problems`, externalMs: 0 };
}

async function git(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  const op = call.input.op;
  if (op !== 'diff' && op !== 'log' && op !== 'blame') return fail('git op must be diff, log or blame');
  let path: string | undefined;
  if (call.input.path !== undefined || op !== 'diff') {
    const c = workspacePath(call.input.path, ctx.policy);
    if (!c.ok) return fail(`refused: ${c.reason}`);
    path = c.path;
  }
  const start = int(call.input.startLine) ?? 1;
  const range = op === 'blame' ? { start, end: int(call.input.endLine) ?? start + 40 } : undefined;
  let text = await ctx.ws.git(op, path, range, ctx.signal);
  if (op === 'diff' && !path) text = splitUnifiedDiff(text).filter((s) => s.path === undefined || workspacePath(s.path, ctx.policy).ok).map((s) => s.text).join('\n');
  const red = redact(text, ctx.policy);
  const out = capText(red.text, ctx.policy.maxResultChars);
  return { content: out.text || `(git ${op}: nothing)`, summary: `git ${op}${path ? ` ${path}` : ''}: ${text.split('\n').length} lines${out.cut ? ' (cut)' : ''}`, externalMs: 0 };
}

async function runCommand(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  const command = typeof call.input.command === 'string' ? call.input.command.trim() : '';
  if (!command || command.length > 500) return fail('run_command needs one command line (at most 500 characters)');
  const unsafe = unsafeCommand(command);
  if (unsafe) return fail(`refused: the command was not shown to the user because ${unsafe}`, `The command was refused without asking the user: ${unsafe}. Send a plain one-line command with visible characters only.`);
  const answer = await ctx.approve(command);
  if (typeof answer === 'object') return fail(`refused: ${answer.refused}`, `The command was not run: ${answer.refused} Continue without running commands.`);
  if (!answer) return fail(`declined: the user did not run ${command}`, `The user declined to run \`${command}\`. Do not ask for it again; continue without it.`);
  const started = Date.now();
  const r = await ctx.ws.runCommand(command, ctx.signal);
  const red = redact(r.output, ctx.policy);
  const out = capText(red.text, ctx.policy.maxResultChars);
  const how = r.endedBy === 'timeout' ? 'none: stopped at the time limit' : r.endedBy === 'error' ? `none: it could not start (${r.message ?? 'unknown error'})` : r.exitCode === null ? 'none: stopped' : String(r.exitCode);
  const short = r.endedBy === 'timeout' ? 'timed out' : r.endedBy === 'error' ? 'could not start' : r.exitCode ?? 'stopped';
  return { content: `$ ${command}\n(exit code ${how})\n${out.text}`, summary: `ran ${command}: exit ${short}, ${r.output.split('\n').length} lines${out.cut || r.cutChars ? ' (truncated)' : ''}`, isError: r.exitCode === null, externalMs: Date.now() - started };
}

async function listFiles(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  const glob = typeof call.input.glob === 'string' && call.input.glob.trim() ? call.input.glob.trim() : undefined;
  const files = (await ctx.ws.listFiles(glob, MAX_FILES + 1, ctx.signal)).filter((f) => workspacePath(f, ctx.policy).ok);
  const text = files.slice(0, MAX_FILES).join('\n') + (files.length > MAX_FILES ? `\n(more than ${MAX_FILES}; narrow the glob)` : '');
  return { content: capText(text, ctx.policy.maxResultChars).text || 'No files match.', summary: `${Math.min(files.length, MAX_FILES)} files`, externalMs: 0 };
}

const TOOLS: Record<string, (call: ToolCall, ctx: ToolContext) => Promise<ToolOutcome>> = {
  read_file: readFile, list_files: listFiles, search_text: searchText, find_symbol: findSymbol, diagnostics, git, run_command: runCommand,
};

/** Runs one call; unknown tools, malformed arguments and tool failures come back as error results. */
export async function executeTool(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  if (call.error) return fail(`malformed call: ${call.error}`, `Your call to ${call.name || 'a tool'} could not be read: ${call.error}. Send the arguments as one JSON object matching the tool's schema.`);
  const run = TOOLS[call.name];
  if (!run) return fail(`unknown tool ${call.name}`, `There is no tool named ${call.name}. Available: ${Object.keys(TOOLS).join(', ')}.`);
  try {
    return await run(call, ctx);
  } catch (e) {
    if (ctx.signal.aborted) return fail('stopped', 'The user stopped the task.');
    const message = e instanceof Error ? e.message : String(e);
    return fail(`tool failed: ${redact(message, ctx.policy).text.slice(0, 300)}`);
  }
}
