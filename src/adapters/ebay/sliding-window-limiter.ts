export interface SlidingWindowLimiterOptions {
  /** Calls allowed in any window. */
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * At most `limit` calls start in any `windowMs`: a caller over the limit waits until the oldest
 * call of the window is old enough. Stricter than a token bucket refilling steadily, which lets a
 * 51st call through 100 ms after a burst of 50 and so trips a limit counted over a sliding window,
 * as eBay's "50 requests per 5 seconds" may be. Callers are served in arrival order.
 */
export class SlidingWindowLimiter {
  readonly #options: Required<SlidingWindowLimiterOptions>;
  readonly #starts: number[] = [];
  #queue: Promise<void> = Promise.resolve();
  #waits = 0;

  constructor(options: SlidingWindowLimiterOptions) {
    this.#options = {
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...options,
    };
  }

  /** How many callers had to wait so far. */
  get waitCount(): number {
    return this.#waits;
  }

  /** Resolves when the caller may start its call (which counts from then). */
  acquire(): Promise<void> {
    const turn = this.#queue.then(() => this.#admit());
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /** The other side said to wait: nobody starts a call before `ms` from now. */
  pause(ms: number): void {
    const until = this.#options.now() + ms;
    const { limit, windowMs } = this.#options;
    // Filling the window with starts at `until - windowMs` holds every caller back until `until`.
    this.#starts.length = 0;
    for (let index = 0; index < limit; index += 1) this.#starts.push(until - windowMs);
  }

  async #admit(): Promise<void> {
    const { limit, windowMs, now, sleep } = this.#options;
    for (;;) {
      const current = now();
      while (this.#starts.length > 0 && current - (this.#starts[0] ?? current) >= windowMs) this.#starts.shift();
      if (this.#starts.length < limit) {
        this.#starts.push(current);
        return;
      }
      this.#waits += 1;
      await sleep((this.#starts[0] ?? current) + windowMs - current);
    }
  }
}
