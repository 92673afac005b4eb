// Deep Debug core: what the VS Code adapter calls. See each module for details.
export { parseStackTrace, looksLikeStackTrace, traceSummary } from './stackTrace';
export { createWorkspaceIndex, resolveWorkspacePath, mapFrames, failingLocations, cleanFramePath, type WorkspaceIndex } from './workspaceMap';
export { analyzeTrace, collectEvidence, languageOf, type DebugInput, type SourceFile, type DiagnosticInfo, type SymbolInfo, type SymbolLocation, type CollectOptions } from './collect';
export { identifiersOnLine, type IdentifierAt } from './symbolsAt';
export { assembleEvidence, describeLeftOut, KIND_PRIORITY, type AssembleOptions } from './evidence';
export { neverSendMatcher, globToRegExp, redactEvidence, type NeverSendPredicate } from './privacy';
export {
  buildDebugMessages, buildFollowUpMessages, debugSystemPrompt, evidenceBlockText, evidenceBudget, promptTokens,
  LOCAL_TIER_NOTE, DEFAULT_REASONING_EVIDENCE_TOKENS, type DebugTier, type StructuredMode,
} from './prompt';
export { prepareDeepDebug, type PrepareOptions, type PreparedDebug } from './request';
export { DEBUG_RESULT_SCHEMA, DEBUG_TOOL_NAME, ANTHROPIC_DEBUG_TOOL, ANTHROPIC_DEBUG_TOOL_CHOICE, OPENAI_DEBUG_RESPONSE_FORMAT } from './schema';
export { parseDebugAnswer, toEditSet, type DebugAnswer } from './parseResult';
export { extractFileRefs } from './refs';
export type * from './types';
export { followDefinitions, definitionBody, isImportLine, type DefinitionResolver, type DefinitionSite, type DefinitionBody, type Followed } from './definitions';
export { textDefinitionResolver } from './textResolver';
export { sentVersions } from './sentVersions';
