// Shared by Deep Debug and the refactor command: validated edit plans -> preview -> one undoable
// WorkspaceEdit -> new diagnostics. Typical use:
//   const report = await validateEdits(editSet, vscodeWorkspaceFs({ sentVersions }));
//   const outcome = await previewAndApply(report.valid, { label: 'Refactor', mode: 'diff', docs });
//   const before = snapshotDiagnostics(outcome.uris); ... await diagnosticsSettled(outcome.uris); newDiagnostics(outcome.uris, before)
export { ReadOnlyDocs, closeTabsOf } from './readOnlyDocs';
export { vscodeWorkspaceFs, workspaceRoots, workspaceRootNames, dirtyOverlays, uriOf } from './workspaceFs';
export { buildWorkspaceEdit, versionsOf, type BuildOptions, type BuiltEdit } from './workspaceEdit';
export { previewAndApply, describePlans, type ApplyOptions, type ApplyOutcome, type PreviewMode } from './preview';
export { snapshotDiagnostics, diagnosticsSettled, newDiagnostics, type DiagnosticNote } from './diagnostics';
export { refusedSummary } from './refused';
