// One answer, for the Dispatcher and for every workflow that tells the user in advance where a
// request will go ("nothing leaves this machine"): can the reasoning tier run at all?
import type { ReasoningProviderId, Tier } from '../config';
import { isLocalBaseUrl } from '../providers/sdkSupport';

/** True when the reasoning provider can be called: a key is set, or an OpenAI-compatible server on this machine / a private network needs none. */
export function reasoningReachable(provider: ReasoningProviderId, baseUrl: string, hasKey: boolean): boolean {
  return hasKey || (provider === 'openai' && isLocalBaseUrl(baseUrl || undefined));
}

/** Whether a workflow (Deep Debug, refactor) will run on the local model: pinned local, or the reasoning tier cannot run. */
export function workflowRunsLocally(tier: Tier, provider: ReasoningProviderId, baseUrl: string, hasKey: boolean): boolean {
  return tier === 'local' || !reasoningReachable(provider, baseUrl, hasKey);
}

/** The host a local-tier request goes to when tiered.local.endpoint is off this machine (and off a private network), else undefined. */
export function localTierRemoteHost(endpoint: string): string | undefined {
  if (!endpoint || isLocalBaseUrl(endpoint)) return undefined;
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint.slice(0, 100);
  }
}
