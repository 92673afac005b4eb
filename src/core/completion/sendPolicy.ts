// What an inline-completion prompt may contain. With the in-process model (or a server on this
// machine) nothing leaves the machine, so everything may; with `tiered.local.endpoint` on another
// host every keystroke's prompt leaves it, so files matching tiered.privacy.neverSend are never
// completed and never used as context, and the clipboard is never used as context.
import { neverSendMatcher } from '../refactor/neverSend';

export interface SendPolicy {
  /** Whether a completion may be asked for in this (workspace-relative) file. */
  allowsFile(filePath: string): boolean;
  /** Whether a context chunk may go into the prompt. */
  allowsChunk(chunk: { filePath: string; source: string }): boolean;
}

export const SEND_ANYTHING: SendPolicy = { allowsFile: () => true, allowsChunk: () => true };

/** True for http(s) URLs whose host is this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

let last: { key: string; policy: SendPolicy } | undefined;

/** The policy for requests to `endpoint` ('' = the in-process model); asked on every keystroke. */
export function completionSendPolicy(endpoint: string, neverSend: readonly string[]): SendPolicy {
  if (!endpoint || isLoopbackUrl(endpoint)) return SEND_ANYTHING;
  const key = JSON.stringify([endpoint, neverSend]);
  if (last?.key !== key) last = { key, policy: remotePolicy(neverSend) };
  return last.policy;
}

function remotePolicy(neverSend: readonly string[]): SendPolicy {
  const never = neverSendMatcher([...neverSend]);
  return {
    allowsFile: (filePath) => !never(filePath),
    allowsChunk: (chunk) => chunk.source !== 'clipboard' && !never(chunk.filePath),
  };
}
