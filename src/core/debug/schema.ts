// The shape of a Deep Debug answer, as one JSON schema usable three ways: an Anthropic tool the
// model calls, an OpenAI structured-output response_format (strict: every property required,
// optional ones nullable), and a description in the prompt for providers without either.
import type { Tool, ToolChoiceTool } from '@anthropic-ai/sdk/resources/messages';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';

export const DEBUG_TOOL_NAME = 'report_debug_result';

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

const EDIT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'kind', 'hunks', 'content'],
  properties: {
    path: { type: 'string', description: 'Workspace-relative path, forward slashes.' },
    kind: { type: 'string', enum: ['modify', 'create', 'delete'] },
    hunks: nullable({
      type: 'array',
      description: 'For modify: exact text copied from the current file (enough lines to be unique) and its replacement.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['search', 'replace'],
        properties: { search: { type: 'string' }, replace: { type: 'string' } },
      },
    }),
    content: nullable({ type: 'string', description: 'For create: the whole new file.' }),
  },
} as const;

/** JSON schema of the structured result (see DebugResult in ./types). */
export const DEBUG_RESULT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['rootCause', 'evidence', 'fix', 'verify', 'confidence'],
  properties: {
    rootCause: { type: 'string', description: 'The root cause in one or two sentences.' },
    evidence: {
      type: 'array',
      description: 'The facts that show the root cause, each pointing at a line of the evidence.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'line', 'endLine', 'note'],
        properties: {
          file: { type: 'string', description: 'Workspace-relative path.' },
          line: { type: 'integer', description: '1-based line number.' },
          endLine: nullable({ type: 'integer' }),
          note: { type: 'string', description: 'What this line shows.' },
        },
      },
    },
    fix: {
      type: 'object',
      additionalProperties: false,
      required: ['summary', 'edits'],
      properties: {
        summary: { type: 'string', description: 'What the fix changes and why, in a sentence or two.' },
        edits: { type: 'array', items: EDIT_SCHEMA },
      },
    },
    verify: { type: 'array', items: { type: 'string' }, description: 'How to check the fix: commands to run, what to look for.' },
    confidence: { type: 'string', enum: ['high', 'medium', 'low'] },
  },
} as const;

/** The tool the Anthropic model calls with its result (tool_choice: auto when thinking is on). */
export const ANTHROPIC_DEBUG_TOOL: Tool = {
  name: DEBUG_TOOL_NAME,
  description: 'Report the root cause of the bug, the evidence for it with file:line references, the fix as edits to workspace files, and how to verify the fix. Call this exactly once, at the end.',
  input_schema: DEBUG_RESULT_SCHEMA as unknown as Tool.InputSchema,
};

/**
 * Forces the tool when extended thinking is off. With thinking on, Anthropic only accepts
 * tool_choice auto: the system prompt then asks for the call.
 */
export const ANTHROPIC_DEBUG_TOOL_CHOICE: ToolChoiceTool = { type: 'tool', name: DEBUG_TOOL_NAME };

/** OpenAI structured outputs (chat completions `response_format`). */
export const OPENAI_DEBUG_RESPONSE_FORMAT: ResponseFormatJSONSchema = {
  type: 'json_schema',
  json_schema: {
    name: 'debug_result',
    description: 'Root cause, evidence, fix as edits, verification steps.',
    schema: DEBUG_RESULT_SCHEMA as unknown as Record<string, unknown>,
    strict: true,
  },
};
