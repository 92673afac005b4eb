// The tools the reasoning model may call, as JSON Schemas. Read-only ones answer at once; two
// act: run_command (only after the user approves that exact command) and the result tool, whose
// edits go through validation and the preview before anything changes.
import { DEBUG_RESULT_SCHEMA, DEBUG_TOOL_NAME } from '../debug/schema';
import type { ToolSpec } from '../providers/types';

const str = (description: string) => ({ type: 'string', description });
const int = (description: string) => ({ type: 'integer', description });
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required, additionalProperties: false });

export const RESULT_TOOL = DEBUG_TOOL_NAME;

export const AGENT_TOOLS: readonly ToolSpec[] = [
  { name: 'read_file', description: 'Read a workspace file (numbered lines), optionally only a line range. Large files come back reduced (the relevant lines or an outline) with a handle: call again with full: true for the exact text.',
    inputSchema: obj({ path: str('Workspace-relative path.'), startLine: int('First line (1-based).'), endLine: int('Last line (inclusive).'), full: { type: 'boolean', description: 'The exact text even when large (cut at the size cap).' } }, ['path']) },
  { name: 'list_files', description: 'List workspace files matching a glob such as "src/**/*.ts".', inputSchema: obj({ glob: str('Glob pattern; omit for all files.') }) },
  { name: 'search_text', description: 'Search the workspace for text or a regular expression; returns path:line: text hits.',
    inputSchema: obj({ query: str('Text or regex.'), regex: { type: 'boolean' }, glob: str('Only files matching this glob.') }, ['query']) },
  { name: 'find_symbol', description: 'Language-server lookup: the definition or the references of the identifier at path:line (named by `name`), or workspace symbols matching `name`.',
    inputSchema: obj({ name: str('Identifier.'), kind: { type: 'string', enum: ['definition', 'references', 'workspace'] }, path: str('File where the identifier is used.'), line: int('1-based line where it is used.') }, ['name', 'kind']) },
  { name: 'diagnostics', description: 'Errors and warnings the language servers report, for one file or the workspace.', inputSchema: obj({ path: str('Workspace-relative path; omit for all.') }) },
  { name: 'git', description: 'git: "diff" (uncommitted changes of a path, or all), "log" (log -p of a path, newest first), "blame" (of a line range).',
    inputSchema: obj({ op: { type: 'string', enum: ['diff', 'log', 'blame'] }, path: str('Workspace-relative path.'), startLine: int('blame: first line.'), endLine: int('blame: last line.') }, ['op']) },
  { name: 'run_command', description: 'Run a test or build command in the workspace folder (the user approves the exact command first). Output is captured and truncated.',
    inputSchema: obj({ command: str('The shell command, e.g. "npm test -- cart".') }, ['command']) },
];

/** The read/act tools plus the result tool (its schema is the Deep Debug result with edits). */
export function agentToolSpecs(resultDescription: string): ToolSpec[] {
  return [...AGENT_TOOLS, { name: RESULT_TOOL, description: resultDescription, inputSchema: DEBUG_RESULT_SCHEMA as unknown as Record<string, unknown> }];
}
