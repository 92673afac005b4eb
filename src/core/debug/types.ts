// Plain data shared by the Deep Debug modules: stack frames, evidence, the structured result.
// Edits are src/core/edits' FileEdit (per file { path, kind, hunks?, content? }).
import type { FileEdit } from '../edits/types';

/** The runtime whose output a trace came from. */
export type Runtime =
  | 'node' | 'browser-firefox' | 'typescript' | 'python' | 'java' | 'go' | 'rust' | 'dotnet' | 'compiler';

/** One frame (or error location) as the trace names it. Lines are 1-based. */
export interface StackFrame {
  /** The path, file URL or URL exactly as printed (minus surrounding punctuation). */
  file: string;
  line: number;
  column?: number;
  function?: string;
  runtime: Runtime;
  /** The line of the trace this frame came from. */
  raw: string;
}

export interface ParsedTrace {
  /** The most specific runtime among the frames (undefined when none were found). */
  runtime?: Runtime;
  /** e.g. "TypeError", "IndexError", "java.lang.NullPointerException", "panic". */
  errorType?: string;
  /** The error message, without the type. */
  message?: string;
  /** Innermost (failing) frame first, whatever order the runtime prints. */
  frames: StackFrame[];
}

/** A frame placed in the workspace (or outside it). */
export interface MappedFrame extends StackFrame {
  /** Workspace-relative path with forward slashes, when the frame is a workspace file. */
  path?: string;
  /** Dependencies, runtime internals, standard library: not the user's code. */
  library: boolean;
}

/** A 1-based inclusive line range. */
export interface LineRange {
  start: number;
  end: number;
}

export type EvidenceKind =
  | 'error' | 'failing-lines' | 'selection' | 'definition' | 'diagnostics' | 'symbols' | 'diff' | 'related-file';

export interface EvidenceItem {
  kind: EvidenceKind;
  /** Shown to the user and to the model, e.g. "src/cart.ts lines 10-24". */
  title: string;
  /** Workspace-relative path the text comes from (checked against neverSend). */
  path?: string;
  text: string;
  /** Line number of the text's first line in `path` (numbers the lines in the prompt). */
  startLine?: number;
  /** Lines (1-based, in the file) that matter most: kept when the text is truncated. */
  focus?: LineRange[];
  /** Fence language for code (ts, py, diff...). */
  language?: string;
  /** Overrides the kind's priority (higher is kept first). */
  priority?: number;
}

export type LeftOutReason = 'budget' | 'neverSend';

export interface LeftOut {
  kind: EvidenceKind;
  title: string;
  path?: string;
  reason: LeftOutReason;
}

export interface KeptEvidence {
  item: EvidenceItem;
  /** The block as it goes into the prompt (redacted, possibly truncated). */
  rendered: string;
  tokens: number;
  truncated: boolean;
}

export interface AssembledEvidence {
  kept: KeptEvidence[];
  leftOut: LeftOut[];
  /** Tokens of `text`. */
  tokens: number;
  /** The evidence block for the prompt: every kept item, rendered, in priority order. */
  text: string;
  /** How many key-like strings were redacted. */
  redactions: number;
}

/** One file change: the EditSet format of src/core/edits (validated and applied there). */
export type { FileEdit } from '../edits/types';

/** A `file:line` reference in the answer, checked against the workspace file list. */
export interface FileRef {
  /** As the model wrote it. */
  file: string;
  line: number;
  endLine?: number;
  /** Workspace-relative path when the file exists in the workspace. */
  path?: string;
  /** False when no workspace file matches: show it, flagged, without a link. */
  known: boolean;
}

export interface EvidenceRef extends FileRef {
  note: string;
}

export interface DebugResult {
  /** One or two sentences. */
  rootCause: string;
  evidence: EvidenceRef[];
  /** The fix: `summary` is the edit set's explanation; see toEditSet() for src/core/edits. */
  fix: { summary: string; edits: FileEdit[] };
  /** Steps to check the fix (commands, what to look for). */
  verify: string[];
  confidence?: 'high' | 'medium' | 'low';
  /** Every file:line reference found anywhere in the result, validated. */
  references: FileRef[];
}

export type ParsedDebugAnswer =
  | { ok: true; result: DebugResult; source: 'tool' | 'json' | 'markdown'; warnings: string[] }
  | { ok: false; text: string; reason: string; partial?: Partial<DebugResult> };
