// Which layer of the settings each `tiered.*` value may come from. A cloned repository carries
// `.vscode/settings.json`; nothing in it may decide where keys, code or money go. So:
// - USER_ONLY settings are read from the user's (or this machine's) settings and the default,
//   never from a workspace or folder, whatever the manifest's `scope` says (an old VS Code, or a
//   manifest edited by mistake, must not reopen the hole);
// - `privacy.neverSend`: a workspace may ADD globs to the user's, never remove one;
// - `tier`: a workspace may pin `local` (stricter), never loosen the user's choice.
// Everything else (completions on/off, threads, context size) follows VS Code's usual layering.
import type { SettingKey, Tier } from './config';

/** Settings that decide where data, keys or money go: user / machine settings only. */
export const USER_ONLY: readonly SettingKey[] = [
  'local.endpoint', 'local.modelPath', 'local.draftModelPath',
  'reasoning.provider', 'reasoning.model', 'reasoning.baseUrl', 'reasoning.openaiApi', 'reasoning.prices',
  'budget.dailyUsd', 'budget.monthlyUsd', 'budget.confirmAboveUsd', 'budget.dailyUnpricedTokens',
  'agent.maxSteps', 'agent.maxUsd', 'agent.maxTokens',
];

/** Settings a workspace may only make stricter (merged, not overridden). */
export const WORKSPACE_NARROWS: readonly SettingKey[] = ['privacy.neverSend', 'tier'];

/** The layers of one setting, as VS Code's `WorkspaceConfiguration.inspect()` reports them. */
export interface SettingLayers {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  /** One per workspace folder that sets it. */
  workspaceFolderValues?: unknown[];
}

export interface ScopedValue {
  value: unknown;
  /** Set when a workspace tried to set something it may not; for one log line. */
  ignored?: string;
}

const defined = (v: unknown) => v !== undefined && v !== null;

/** The value Tiered uses for `key`, from its layers, with the rules above. */
export function scopedValue(key: SettingKey, layers: SettingLayers): ScopedValue {
  const user = defined(layers.globalValue) ? layers.globalValue : layers.defaultValue;
  const fromWorkspace = [layers.workspaceValue, ...(layers.workspaceFolderValues ?? [])].filter(defined);
  if (USER_ONLY.includes(key)) {
    const ignored = fromWorkspace.length > 0 ? `tiered.${key} is set in the workspace; Tiered only reads it from your user settings (a repository must not decide where keys, code or money go).` : undefined;
    return { value: user, ignored };
  }
  if (key === 'privacy.neverSend') return mergeNeverSend(user, fromWorkspace);
  if (key === 'tier') return narrowTier(user, fromWorkspace);
  return { value: fromWorkspace.at(-1) ?? user };
}

/** The user's globs, then every glob a workspace adds (deduplicated). Nothing a workspace writes removes one. */
export function mergeNeverSend(user: unknown, workspace: unknown[]): ScopedValue {
  if (!Array.isArray(user)) return { value: user }; // invalid: normalizeSettings reports it and uses the default
  const out = [...user];
  let ignored: string | undefined;
  for (const w of workspace) {
    if (!Array.isArray(w)) { ignored = 'tiered.privacy.neverSend in the workspace is not a list of globs; ignored.'; continue; }
    for (const g of w) if (typeof g === 'string' && g.trim() !== '' && !out.includes(g)) out.push(g);
  }
  return { value: out, ignored };
}

/** `local` wins from any layer; a workspace cannot turn the user's `local` (or `auto`) into something that sends more. */
export function narrowTier(user: unknown, workspace: unknown[]): ScopedValue {
  if (user === 'local' || workspace.includes('local')) return { value: 'local' satisfies Tier };
  const loosening = workspace.find((w) => w !== user);
  return { value: user, ignored: loosening !== undefined ? `tiered.tier ${JSON.stringify(loosening)} in the workspace is ignored; a workspace can only pin "local".` : undefined };
}
