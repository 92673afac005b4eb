// One retry policy for every reasoning provider (the SDKs' own retries are switched off).
// Retry where it helps — 429 (honouring retry-after), 5xx, overloaded, a stream that broke before
// any token — with exponential backoff and jitter; never after a token arrived.
import type { Failure } from './httpErrors';

export interface RetryPolicy {
  /** Retries after the first attempt (so maxRetries + 1 attempts at most). */
  maxRetries: number;
  /** Backoff for attempt n (1-based) is baseDelayMs * 2^(n-1), jittered, at most maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for a longer wait than this is not waited for: the user is told when to retry. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 16_000,
  maxRetryAfterMs: 30_000,
});

export type RetryDecision =
  | { retry: true; delayMs: number; reason: string }
  | { retry: false; why: 'not-retryable' | 'exhausted' | 'wait-too-long' | 'after-tokens' };

const RETRYABLE = new Set<Failure['kind']>(['rate-limit', 'overloaded', 'server', 'stream-cut']);

/** A short reason the user sees while we wait ("rate limited (429)"). */
export function retryReason(failure: Failure): string {
  const status = failure.status === undefined ? '' : ` (${failure.status})`;
  switch (failure.kind) {
    case 'rate-limit': return `rate limited${status}`;
    case 'overloaded': return `overloaded${failure.status === undefined ? '' : status}`;
    case 'server': return `server error${status}`;
    case 'stream-cut': return 'connection dropped before the answer started';
    default: return failure.kind;
  }
}

/**
 * Whether to try again after `failure` on attempt `attempt` (1 = the first call), and how long
 * to wait. Pure: `random` supplies the jitter.
 */
export function decideRetry(
  failure: Failure,
  attempt: number,
  tokensArrived: boolean,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  if (tokensArrived) return { retry: false, why: 'after-tokens' };
  const retryable = failure.shouldRetry ?? RETRYABLE.has(failure.kind);
  if (!retryable || failure.kind === 'auth' || failure.kind === 'aborted' || failure.kind === 'bad-request') {
    return { retry: false, why: 'not-retryable' };
  }
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs) {
    return { retry: false, why: 'wait-too-long' };
  }
  if (attempt > policy.maxRetries) return { retry: false, why: 'exhausted' };
  const delayMs = failure.retryAfterMs !== undefined
    ? Math.ceil(failure.retryAfterMs)
    : backoffMs(attempt, policy, random);
  return { retry: true, delayMs, reason: retryReason(failure) };
}

/** Exponential backoff with jitter in [50%, 100%] of the step, never above maxDelayMs. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + 0.5 * random()));
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Waits `ms`, or less if `signal` aborts (then resolves early; the caller checks the signal). */
export const abortableSleep: Sleep = (ms, signal) => new Promise<void>((resolve) => {
  if (signal?.aborted) return resolve();
  const done = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', done);
    resolve();
  };
  const timer = setTimeout(done, ms);
  signal?.addEventListener('abort', done, { once: true });
});
