// Entry points that skip a prompt or a preview, for the extension-host tests only. They are on the
// API activate() returns, and only when VS Code runs the extension in Test or Development mode
// (extensionDevelopmentPath + extensionTestsPath): an installed .vsix always runs in Production
// mode, and nothing in a workspace (settings, tasks, launch configurations, command links) can
// change that or reach a returned API. The registered commands accept only the harmless arguments.
import * as vscode from 'vscode';

export interface TestHooks {
  /** tiered.refactor with { confirm?, preview?, budgetTokens? } honoured. */
  refactor?: (args: Record<string, unknown>) => Promise<unknown>;
  /** tiered.deepDebug with { confirm?, apply?, preview? } honoured. */
  deepDebug?: (options: Record<string, unknown>) => Promise<unknown>;
  /** Asks a follow-up in the current panel conversation, as typing in the panel does. */
  followUp?: (text: string) => Promise<unknown>;
  /** A message from the chat panel, as its buttons send it (Stop, Apply on a result card). */
  panel?: (message: unknown) => boolean;
  /** The settings as Tiered uses them (after the user-only / narrow-only rules). */
  settings?: () => unknown;
}

/** A hooks object to fill in, or undefined in an installed extension. */
export function testHooksFor(context: vscode.ExtensionContext): TestHooks | undefined {
  return context.extensionMode === vscode.ExtensionMode.Production ? undefined : {};
}

/** Keeps only `keys` of a command argument from outside (the palette, a keybinding, another extension). */
export function publicArgs(arg: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
  if (!arg || typeof arg !== 'object' || Array.isArray(arg) || arg instanceof vscode.Uri) return undefined;
  const a = arg as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => a[k] !== undefined).map((k) => [k, a[k]]));
}
