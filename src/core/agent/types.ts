// Plain data of the agent loop: the workspace the tools act on (implemented by the VS Code
// adapter in src/vscode/agent/ and by fsWorkspace.ts for tests and the benchmark), the limits,
// one step as the panel shows it, and how a run ended.
import type { DefinitionSite } from '../debug/definitions';
import type { DiagnosticInfo } from '../debug/collect';
import type { Usage } from '../providers/types';
import { DEFAULT_SETTINGS } from '../config';

export interface SearchHit {
  path: string;
  /** 1-based. */
  line: number;
  text: string;
}

export interface SymbolHit {
  name: string;
  kind: string;
  path: string;
  line: number;
}

/** What the tools can do in the workspace. Paths are workspace-relative with '/' separators. */
export interface AgentWorkspace {
  /** Files matching the glob (all files without one), dependency and build folders excluded. */
  listFiles(glob: string | undefined, max: number, signal?: AbortSignal): Promise<string[]>;
  /** Current text (unsaved edits included); undefined when there is no such file. */
  readText(path: string): Promise<string | undefined>;
  searchText(query: { pattern: string; regex: boolean; glob?: string; max: number }, signal?: AbortSignal): Promise<SearchHit[]>;
  definitions(path: string, line: number, column: number, signal?: AbortSignal): Promise<DefinitionSite[]>;
  references(path: string, line: number, column: number, signal?: AbortSignal): Promise<{ path: string; line: number }[]>;
  workspaceSymbols(query: string, signal?: AbortSignal): Promise<SymbolHit[]>;
  diagnostics(path?: string): Promise<DiagnosticInfo[]>;
  git(op: 'diff' | 'log' | 'blame', path: string | undefined, range: { start: number; end: number } | undefined, signal?: AbortSignal): Promise<string>;
  /** Runs an approved command in the workspace folder; output is stdout and stderr interleaved. */
  runCommand(command: string, signal: AbortSignal): Promise<CommandRun>;
}

/** How an approved command ended. */
export interface CommandRun {
  /** null: stopped, timed out or never started. */
  exitCode: number | null;
  /** The captured output (head and tail when it was long, the cut marked). */
  output: string;
  endedBy?: 'exit' | 'stopped' | 'timeout' | 'error';
  /** Characters cut from the middle of the output. */
  cutChars?: number;
  /** Why it could not start. */
  message?: string;
}

export interface AgentLimits {
  /** Model turns at most. */
  maxSteps: number;
  /** Cloud tokens (input + output, cache reads included) at most for the task. */
  maxTokens: number;
  /** Dollars at most for the task (unpriced models: the token limit alone). */
  maxUsd: number;
}

/** The defaults of tiered.agent.maxSteps / maxTokens / maxUsd (config.ts). */
export const DEFAULT_AGENT_LIMITS: AgentLimits = { maxSteps: DEFAULT_SETTINGS['agent.maxSteps'], maxTokens: DEFAULT_SETTINGS['agent.maxTokens'], maxUsd: DEFAULT_SETTINGS['agent.maxUsd'] };

/** One step of a run, as the panel lists it. */
export interface AgentStep {
  index: number;
  kind: 'model' | 'tool';
  /** Tool steps: the tool and its arguments (as the model sent them, redacted). */
  tool?: string;
  args?: string;
  /** What the step produced: "312 lines of src/stats.js", "refused: neverSend". */
  summary: string;
  /** Characters of the result sent back to the model. */
  resultChars?: number;
  isError?: boolean;
  /** What the local worker did to a result too big to send whole. */
  worker?: string;
  /** Model steps: tokens of this turn. */
  usage?: Usage;
  /** Dollars spent so far in the task (null: unpriced model). */
  usdSoFar: number | null;
  tokensSoFar: number;
  /** Wall time of the step, and the part that was Tiered's own work (not the model, not the tool's process). */
  ms: number;
  ownMs: number;
}

export type AgentStatus = 'answered' | 'stopped' | 'step-limit' | 'budget' | 'fault' | 'declined';

export interface AgentOutcome {
  status: AgentStatus;
  steps: AgentStep[];
  /** The final answer text (and the result tool's input, when the model called it). */
  text: string;
  resultInput?: Record<string, unknown>;
  /** Why it ended short of an answer: "Stopped at step 3 (model turn): rate limited". */
  message?: string;
  usage: Usage;
  usd: number | null;
  /** Files whose text went to the model (read in full or in part), with the text at the time. */
  seen: Map<string, string>;
}
