// What the user reads when a reasoning provider fails: what happened, what to do, no key, no stack.
import { UserFacingError, type ErrorAction } from '../errors';
import { redactSecrets } from '../redact';
import type { ReasoningProviderId } from '../config';
import { describeCode, type Failure } from './httpErrors';

/** Who we were talking to, for messages. */
export interface ProviderIdentity {
  /** Which stored key this provider uses (the argument of 'tiered.setApiKey'). */
  keyId: ReasoningProviderId;
  /** "Anthropic", "OpenAI", "the OpenAI-compatible server at localhost:11434". */
  label: string;
  envVar: string;
}

export const setKeyAction = (keyId: ReasoningProviderId): ErrorAction => ({ title: 'Set API Key', command: 'tiered.setApiKey', args: [keyId] });
export const chooseTierAction: ErrorAction = { title: 'Use the Local Tier', command: 'tiered.chooseTier' };

export function noKeyError(who: ProviderIdentity): UserFacingError {
  return new UserFacingError(
    `No API key for ${who.label} — run 'Tiered: Set API Key' or set ${who.envVar}.`,
    [setKeyAction(who.keyId)],
    'no-key',
  );
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s >= 120 ? `${Math.ceil(s / 60)} minutes` : `${s} s`;
}

function quote(providerMessage: string | undefined, secrets: readonly string[]): string {
  if (!providerMessage) return '';
  const clean = redactSecrets(providerMessage, secrets).replace(/\s+/g, ' ').trim();
  return clean ? `: ${clean.length > 300 ? `${clean.slice(0, 297)}...` : clean}` : '';
}

/**
 * The error for a failure that produced no answer. `attempts` is how many calls were made;
 * `secrets` are redacted from anything the provider said.
 */
export function failureError(failure: Failure, who: ProviderIdentity, attempts: number, secrets: readonly string[]): UserFacingError {
  const status = failure.status === undefined ? '' : ` (${failure.status})`;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const make = (message: string, actions: ErrorAction[], code: string) =>
    new UserFacingError(redactSecrets(message, secrets), actions, code);
  switch (failure.kind) {
    case 'auth':
      return make(`${who.label} rejected the API key${status}. Run 'Tiered: Set API Key' to replace it.`, [setKeyAction(who.keyId)], 'auth');
    case 'rate-limit': {
      const when = failure.retryAfterMs !== undefined ? `Try again in ${seconds(failure.retryAfterMs)}` : 'Try again in a minute';
      return make(`${who.label} is rate-limiting requests${status}${tries}. ${when}, or use the local tier.`, [chooseTierAction], 'rate-limit');
    }
    case 'overloaded':
      return make(`${who.label} is overloaded${status} and did not answer${tries}. Try again shortly, or use the local tier.`, [chooseTierAction], 'overloaded');
    case 'server':
      return make(`${who.label} had a server error${status}${tries}${quote(failure.providerMessage, secrets)}. Try again shortly, or use the local tier.`, [chooseTierAction], 'server');
    case 'bad-request':
      return make(`${who.label} rejected the request${status}${quote(failure.providerMessage, secrets)}`, [], 'bad-request');
    case 'network': {
      const detail = describeCode(failure.code);
      return make(`Can't reach ${who.label}${detail ? ` (${detail})` : ''}. Check the network or 'tiered.reasoning.baseUrl', or use the local tier.`, [chooseTierAction], 'network');
    }
    case 'timeout':
      return make(`${who.label} did not respond in time${tries}. Check the network, or use the local tier.`, [chooseTierAction], 'network');
    case 'stream-cut':
      return make(`The connection to ${who.label} kept dropping before an answer started${tries}. Try again, or use the local tier.`, [chooseTierAction], 'network');
    case 'aborted':
      return make('Cancelled.', [], 'aborted');
    default:
      return make(`${who.label} request failed${quote(failure.providerMessage, secrets)}`, [], 'unknown');
  }
}

/** Why an answer is incomplete: the text the user sees under the partial answer. */
export function cutMessage(cause: { kind: 'stall'; idleMs: number } | { kind: 'ended' } | { kind: 'failure'; failure: Failure }, who: ProviderIdentity, secrets: readonly string[]): string {
  const tail = ' What arrived is kept; retry to get a full answer.';
  if (cause.kind === 'stall') return `The answer was cut off: ${who.label} sent nothing for ${seconds(cause.idleMs)}.${tail}`;
  if (cause.kind === 'ended') return `The answer was cut off: ${who.label} closed the stream before the end.${tail}`;
  const f = cause.failure;
  const detail = describeCode(f.code) ?? (f.kind === 'overloaded' ? 'the provider became overloaded' : f.kind === 'stream-cut' ? 'connection reset' : f.providerMessage ?? f.kind);
  return redactSecrets(`The answer was cut off (${detail}).${tail}`, secrets);
}
