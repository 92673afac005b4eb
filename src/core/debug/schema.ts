// The shape of a Deep Debug answer, as one JSON schema usable three ways: an Anthropic tool the
// model calls, an OpenAI structured-output response_format (strict: every property required,
// optional ones nullable), and a description in the prompt for providers without either.
import type { Tool, ToolChoiceTool } from '@anthropic-ai/sdk/resources/messages';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { editsSchemaWith } from '../edits/schema';

export const DEBUG_TOOL_NAME = 'report_debug_result';

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

/**
 * JSON schema of the structured result: the edit set of src/core/edits (`explanation`, `files`)
 * plus the Deep Debug fields. The same edit format as "Refactor Across Files", so the parsed
 * files go straight to validateEdits.
 */
export const DEBUG_RESULT_SCHEMA = editsSchemaWith({
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
  verify: { type: 'array', items: { type: 'string' }, description: 'How to check the fix: commands to run, what to look for.' },
  confidence: { type: 'string', enum: ['high', 'medium', 'low'] },
}, 'Root cause, evidence, the fix as edits (explanation + files), how to verify.');

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
