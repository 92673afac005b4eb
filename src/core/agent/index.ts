// The agent (Deep Debug / Refactor with tools): see loop.ts for the loop, execute.ts for the
// tools, guard.ts for the privacy rules every result passes, reduce.ts for the local workers.
export { runAgent, type AgentChat, type AgentRunOptions, type AgentTurn } from './loop';
export { executeTool, type ToolContext, type ToolOutcome } from './execute';
export { agentToolSpecs, AGENT_TOOLS, RESULT_TOOL } from './toolSpecs';
export { workspacePath, capText, DEFAULT_MAX_RESULT_CHARS, type ToolPolicy } from './guard';
export { outline, type Reducer, type ReduceInput, type Reduced } from './reduce';
export { fsWorkspace } from './fsWorkspace';
export * from './types';
export { AGENT_NOTE, agentMessages } from './prompt';
export { agentDispatch, type AgentDispatchOptions, type DispatcherPort } from './viaDispatcher';
export { localReducer, candidateRegions } from './localReducer';
export { agentLimitsFromSettings, agentLimitsLabel, taskLimits, type AgentLimitSettings } from './limits';
