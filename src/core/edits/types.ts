// The shape of a model's proposed change across files, before and after validation. Paths are
// workspace-relative with '/' separators; offsets are UTF-16 code units (JavaScript strings, as
// VS Code's TextDocument.positionAt expects).

export type EditKind = 'modify' | 'create' | 'delete';

/** Replace `search` (which must occur exactly once in the current file) with `replace`. */
export interface Hunk {
  search: string;
  replace: string;
}

export interface FileEdit {
  /** Workspace-relative path as the model wrote it. */
  path: string;
  kind: EditKind;
  /** For 'modify': the replacements, each matched against the file as it is now. */
  hunks?: Hunk[];
  /** For 'create': the whole new file. For 'modify' without hunks: the whole replacement text. */
  content?: string;
}

export interface EditSet {
  /** What the model says the change does (shown above the preview). */
  explanation: string;
  files: FileEdit[];
}

/** One replacement in the current text: [start, end) becomes `text`. `hunk` is the 0-based hunk index. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
  hunk: number;
}

interface PlanBase {
  /** Normalised workspace-relative path ('/' separators, no './'). */
  path: string;
  /** Absolute path inside a workspace root (as the user sees it; may be an in-workspace symlink). */
  absPath: string;
  /** The same path with symlinks resolved (always inside a workspace root). */
  realPath: string;
}

export interface ModifyPlan extends PlanBase {
  kind: 'modify';
  /** Sorted by start, non-overlapping. */
  replacements: Replacement[];
  /** The text the replacements were computed against; apply only if the file still has it. */
  original: string;
}

export interface CreatePlan extends PlanBase {
  kind: 'create';
  content: string;
}

export interface DeletePlan extends PlanBase {
  kind: 'delete';
  original: string;
}

export type FilePlan = ModifyPlan | CreatePlan | DeletePlan;

export interface RefusedEdit {
  path: string;
  reason: string;
}

export interface ValidationReport {
  valid: FilePlan[];
  refused: RefusedEdit[];
}
