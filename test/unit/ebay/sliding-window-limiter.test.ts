import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../../src/adapters/ebay/sliding-window-limiter.ts';

/** A clock that moves only when a caller sleeps, so the limiter's waits are exact. */
function manualClock() {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
    advance: (ms: number) => {
      now += ms;
    },
    slept,
  };
}

describe('the sliding-window limit on Media API calls', () => {
  it('lets 50 calls start at once and holds the 51st until the first is 5 seconds old', async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter({ limit: 50, windowMs: 5000, now: clock.now, sleep: clock.sleep });
    for (let index = 0; index < 50; index += 1) await limiter.acquire();
    expect(clock.slept).toEqual([]);
    await limiter.acquire();
    expect(clock.slept).toEqual([5000]);
    expect(limiter.waitCount).toBe(1);
  });

  it('never lets more than the limit start in any window, however the calls are spread', async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 1000, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      await limiter.acquire();
      starts.push(clock.now());
      clock.advance(index % 3 === 0 ? 170 : 10);
    }
    for (const start of starts) expect(starts.filter((other) => other >= start && other < start + 1000).length).toBeLessThanOrEqual(5);
  });

  it('holds every caller back for a Retry-After the other side asked for', async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter({ limit: 50, windowMs: 5000, now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    limiter.pause(3000);
    await limiter.acquire();
    expect(clock.now()).toBe(3000);
  });

  it('serves callers waiting at the same time in the order they came', async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 100, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((caller) => limiter.acquire().then(() => order.push(caller))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock.now()).toBe(200);
  });
});
