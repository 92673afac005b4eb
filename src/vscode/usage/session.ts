// Keeps the usage session (src/core/cost/usageSession.ts) in VS Code's globalState, so "This
// session" survives a window reload and is shared by the windows of one working stretch.
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import { UsageSession } from '../../core/cost/usageSession';

export const USAGE_SESSION_KEY = 'tiered.usage.session';

export function usageSession(globalState: vscode.Memento): UsageSession {
  return new UsageSession({
    get: () => globalState.get(USAGE_SESSION_KEY),
    set: (record) => { void globalState.update(USAGE_SESSION_KEY, record); },
  }, randomUUID);
}
