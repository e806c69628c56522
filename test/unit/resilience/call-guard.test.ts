import { describe, expect, it } from 'vitest';
import { CallGuard, type CallGuardOptions } from '../../../src/adapters/resilience/call-guard.ts';
import { EasyFlipError, PermanentError, RateLimitedError, TransientError } from '../../../src/contracts/errors.ts';
import type { ExternalCallMetrics } from '../../../src/ports/external-call-metrics.ts';

function makeGuard(extra: Partial<CallGuardOptions> = {}): { guard: CallGuard; waits: number[]; calls: Parameters<ExternalCallMetrics['recordCall']>[0][]; states: string[] } {
  const waits: number[] = [];
  const calls: Parameters<ExternalCallMetrics['recordCall']>[0][] = [];
  const states: string[] = [];
  let clock = 1_000_000;
  const guard = new CallGuard({
    service: 'openai',
    displayName: 'The vision model',
    timeoutMs: 5_000,
    breaker: { minCalls: 2, errorPercent: 50, resetMs: 60_000, windowMs: 60_000 },
    maxRetryAfterMs: 20_000,
    rateLimitRetries: 2,
    metrics: { recordCall: (call) => calls.push(call), recordBreakerState: (breaker) => states.push(breaker.state) },
    now: () => clock,
    sleep: (ms) => {
      waits.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    ...extra,
  });
  return { guard, waits, calls, states };
}

async function failureOf(promise: Promise<unknown>): Promise<EasyFlipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EasyFlipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the call guard in front of an outside service', () => {
  it('waits out a 429 for as long as Retry-After asks, then tries again', async () => {
    const { guard, waits, calls } = makeGuard();
    let attempts = 0;
    const answer = await guard.run('analyse-item', () => {
      attempts += 1;
      if (attempts === 1) return Promise.reject(new RateLimitedError('busy', 3_000));
      return Promise.resolve('answered');
    });
    expect(answer).toBe('answered');
    expect(waits).toEqual([3_000]);
    expect(calls.map((call) => call.outcome)).toEqual(['rate_limited', 'ok']);
    guard.shutdown();
  });

  it('gives up at once on a 429 that asks for a longer wait than allowed', async () => {
    const { guard, waits } = makeGuard();
    const error = await failureOf(guard.run('analyse-item', () => Promise.reject(new RateLimitedError('busy for a minute', 60_000))));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(waits).toEqual([]);
    guard.shutdown();
  });

  it('aborts a call that outlives the timeout and says how long it waited', async () => {
    const { guard, calls } = makeGuard({ timeoutMs: 20 });
    let aborted = false;
    const error = await failureOf(
      guard.run('analyse-item', (signal) => new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        });
      })),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe('The vision model did not answer within 20 ms.');
    expect(aborted).toBe(true);
    expect(calls.map((call) => call.outcome)).toEqual(['timeout']);
    guard.shutdown();
  });

  it('opens after repeated failures and then fails fast without calling, reporting the open state', async () => {
    const { guard, calls, states } = makeGuard();
    let attempts = 0;
    const failing = () => {
      attempts += 1;
      return Promise.reject(new TransientError('PROVIDER_UNAVAILABLE', 'The vision service answered 500.'));
    };
    await failureOf(guard.run('analyse-item', failing));
    await failureOf(guard.run('analyse-item', failing));
    expect(guard.state).toBe('open');
    const paused = await failureOf(guard.run('analyse-item', failing));
    expect(attempts).toBe(2);
    expect(paused.code).toBe('PROVIDER_UNAVAILABLE');
    expect(paused.message).toContain('paused');
    expect(states).toEqual(['open']);
    expect(calls.map((call) => call.outcome)).toEqual(['error', 'error', 'rejected']);
    guard.shutdown();
  });

  it('does not count a malformed answer as the service being down', async () => {
    const { guard } = makeGuard();
    for (let index = 0; index < 3; index += 1) {
      await failureOf(guard.run('analyse-item', () => Promise.reject(new PermanentError('VALIDATION_FAILED', 'not the expected form'))));
    }
    expect(guard.state).toBe('closed');
    guard.shutdown();
  });
});
