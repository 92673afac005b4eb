import * as assert from 'node:assert/strict';
import { classifyFailure, parseRetryAfter, type Failure } from '../../../src/core/providers/httpErrors';
import { abortableSleep, backoffMs, decideRetry, DEFAULT_RETRY_POLICY } from '../../../src/core/providers/retry';

describe('retry-after parsing', () => {
  it('prefers retry-after-ms, reads seconds and HTTP dates, ignores junk', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '50', 'retry-after': '9' }), now), 50);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '1' }), now), 1000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '0.5' }), now), 500);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Sun, 01 Mar 2026 12:00:20 GMT' }), now), 20_000);
    assert.equal(parseRetryAfter({ 'Retry-After': '2' }, now), 2000, 'plain header records too');
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});

describe('decideRetry (the one retry policy)', () => {
  const p = DEFAULT_RETRY_POLICY;
  const cases: [name: string, failure: Failure, attempt: number, tokens: boolean, expect: 'retry' | string][] = [
    ['429 without header', { kind: 'rate-limit', status: 429 }, 1, false, 'retry'],
    ['429 asking 31 s (cap 30 s)', { kind: 'rate-limit', status: 429, retryAfterMs: 31_000 }, 1, false, 'wait-too-long'],
    ['529 overloaded', { kind: 'overloaded', status: 529 }, 2, false, 'retry'],
    ['503', { kind: 'server', status: 503 }, 3, false, 'retry'],
    ['503 after the last retry', { kind: 'server', status: 503 }, p.maxRetries + 1, false, 'exhausted'],
    ['401', { kind: 'auth', status: 401 }, 1, false, 'not-retryable'],
    ['400', { kind: 'bad-request', status: 400 }, 1, false, 'not-retryable'],
    ['network refused', { kind: 'network', code: 'ECONNREFUSED' }, 1, false, 'not-retryable'],
    ['reset before tokens', { kind: 'stream-cut' }, 1, false, 'retry'],
    ['reset after tokens', { kind: 'stream-cut' }, 1, true, 'after-tokens'],
    ['server says x-should-retry: false', { kind: 'server', status: 500, shouldRetry: false }, 1, false, 'not-retryable'],
    ['409 conflict with x-should-retry: true', { kind: 'server', status: 409, shouldRetry: true }, 1, false, 'retry'],
    ['x-should-retry: true cannot make a 400 retry', { kind: 'bad-request', status: 400, shouldRetry: true }, 1, false, 'not-retryable'],
  ];
  for (const [name, failure, attempt, tokens, expect] of cases) {
    it(`${name} → ${expect}`, () => {
      const d = decideRetry(failure, attempt, tokens, p, () => 0.5);
      if (expect === 'retry') assert.equal(d.retry, true);
      else assert.deepEqual(d, { retry: false, why: expect });
    });
  }

  it('honours retry-after exactly when it is within the cap', () => {
    assert.deepEqual(decideRetry({ kind: 'rate-limit', status: 429, retryAfterMs: 1200 }, 1, false, p), { retry: true, delayMs: 1200, reason: 'rate limited (429)' });
  });

  it('backoff doubles per attempt, jitters within [50%, 100%], and stays under the maximum', () => {
    const policy = { ...p, baseDelayMs: 1000, maxDelayMs: 5000 };
    assert.equal(backoffMs(1, policy, () => 1), 1000);
    assert.equal(backoffMs(1, policy, () => 0), 500);
    assert.equal(backoffMs(2, policy, () => 1), 2000);
    assert.equal(backoffMs(10, policy, () => 1), 5000);
  });
});

describe('classifyFailure', () => {
  it('reads status, provider error type and Node codes deep in the cause chain', () => {
    assert.equal(classifyFailure({ status: 529, error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }).kind, 'overloaded');
    assert.equal(classifyFailure({ status: undefined, error: { type: 'error', error: { type: 'overloaded_error' } } }).kind, 'overloaded');
    const refused = Object.assign(new Error('Connection error.'), { name: 'APIConnectionError', cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }) });
    assert.deepEqual(classifyFailure(refused), { kind: 'network', code: 'ECONNREFUSED' });
    assert.equal(classifyFailure(Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })).kind, 'stream-cut');
    assert.equal(classifyFailure(new SyntaxError('Unexpected end of JSON input')).kind, 'stream-cut');
  });
});

describe('abortableSleep', () => {
  it('returns early when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    assert.ok(Date.now() - started < 60_000);
  });
});
