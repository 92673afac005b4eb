// The structured form of an edit set, for providers that can constrain the answer: a JSON
// schema, an Anthropic tool, an OpenAI function tool and an OpenAI response_format. The schema
// is OpenAI-strict compatible (every property required, optional ones nullable, no extra keys).

export const EDITS_TOOL_NAME = 'apply_edits';

const HUNK_SCHEMA = {
  type: 'object',
  properties: {
    search: { type: 'string', description: 'Exact text copied from the current file, with enough surrounding lines to occur exactly once.' },
    replace: { type: 'string', description: 'The text that replaces it.' },
  },
  required: ['search', 'replace'],
  additionalProperties: false,
} as const;

const FILE_SCHEMA = {
  type: 'object',
  properties: {
    path: { type: 'string', description: "Path relative to the workspace folder, with '/' separators." },
    kind: { type: 'string', enum: ['modify', 'create', 'delete'] },
    hunks: { type: ['array', 'null'], items: HUNK_SCHEMA, description: 'For modify: search/replace hunks. Null otherwise.' },
    content: { type: ['string', 'null'], description: 'For create: the whole new file. Null otherwise.' },
  },
  required: ['path', 'kind', 'hunks', 'content'],
  additionalProperties: false,
} as const;

export type JsonSchema = { [key: string]: unknown };

/** The edit-set schema: `{ explanation, files: [{ path, kind, hunks, content }] }`. */
export const EDITS_JSON_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    explanation: { type: 'string', description: 'What the change does and why, in a few sentences.' },
    files: { type: 'array', items: FILE_SCHEMA },
  },
  required: ['explanation', 'files'],
  additionalProperties: false,
};

/**
 * The edit-set schema with more top-level fields (Deep Debug adds rootCause, evidence, verify).
 * The extra fields are listed as required (OpenAI strict mode wants every field required): give
 * optional ones a nullable type such as `{ type: ['string', 'null'] }`.
 */
export function editsSchemaWith(extra: Record<string, JsonSchema>, description?: string): JsonSchema {
  const base = EDITS_JSON_SCHEMA as { properties: Record<string, unknown>; required: string[] };
  return {
    ...EDITS_JSON_SCHEMA,
    ...(description ? { description } : {}),
    properties: { ...base.properties, ...extra },
    required: [...base.required, ...Object.keys(extra)],
  };
}

const TOOL_DESCRIPTION = 'Propose the change as edits to workspace files. Nothing is applied until the user reviews it. ' +
  'Each search text must be copied exactly from the file as given (whitespace included) and occur exactly once in it.';

/** Anthropic Messages `tools` entry (pass with tool_choice { type: 'tool', name: EDITS_TOOL_NAME }). */
export function anthropicEditsTool(schema: JsonSchema = EDITS_JSON_SCHEMA): { name: string; description: string; input_schema: JsonSchema & { type: 'object' } } {
  return { name: EDITS_TOOL_NAME, description: TOOL_DESCRIPTION, input_schema: { ...schema, type: 'object' } };
}

/** OpenAI chat-completions function tool (pass with tool_choice { type: 'function', function: { name } }). */
export function openaiEditsTool(schema: JsonSchema = EDITS_JSON_SCHEMA): { type: 'function'; function: { name: string; description: string; parameters: JsonSchema; strict: boolean } } {
  return { type: 'function', function: { name: EDITS_TOOL_NAME, description: TOOL_DESCRIPTION, parameters: schema, strict: true } };
}

/** OpenAI `response_format` for structured output (the answer's text is then the JSON object). */
export function openaiEditsResponseFormat(schema: JsonSchema = EDITS_JSON_SCHEMA): { type: 'json_schema'; json_schema: { name: string; description: string; schema: JsonSchema; strict: boolean } } {
  return { type: 'json_schema', json_schema: { name: 'edits', description: TOOL_DESCRIPTION, schema, strict: true } };
}

export const EDITS_TOOL = anthropicEditsTool();
export const OPENAI_EDITS_TOOL = openaiEditsTool();
export const OPENAI_EDITS_RESPONSE_FORMAT = openaiEditsResponseFormat();
