import CircuitBreaker from 'opossum';
import { EasyFlipError, PermanentError, RateLimitedError, TransientError } from '../../contracts/errors.ts';
import type { BreakerState, ExternalCallMetrics, ExternalCallOutcome } from '../../ports/external-call-metrics.ts';

export interface CallGuardOptions {
  /** The outside service, as metrics and messages name it ("openai", "google-vision"). */
  service: string;
  /** How a person knows the service ("The vision model at https://…"). */
  displayName: string;
  timeoutMs: number;
  breaker: {
    /** Calls within the window before the breaker may open. */
    minCalls: number;
    /** Share of failed calls (percent) that opens it. */
    errorPercent: number;
    /** How long it stays open before one call tries the service again. */
    resetMs: number;
    /** The rolling window failures are counted in. */
    windowMs: number;
  };
  /** A 429 asking for a longer wait than this falls back at once. */
  maxRetryAfterMs: number;
  /** How many times a 429 is waited out and tried again. */
  rateLimitRetries: number;
  metrics?: ExternalCallMetrics;
  /** Waits; tests pass one that records the wait instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

type GuardedAction = (call: (signal: AbortSignal) => Promise<unknown>) => Promise<unknown>;

/**
 * Every call to one outside service goes through here: an opossum circuit breaker that stops calling a
 * failing service for a while, a timeout that aborts the request, and Retry-After honoured for the whole
 * service (a 429 makes every caller wait, not only the one that got it). Failures come out as typed
 * errors that say what happened in words a seller understands.
 */
export class CallGuard {
  readonly #options: CallGuardOptions;
  readonly #breaker: CircuitBreaker<Parameters<GuardedAction>, unknown>;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  #notBefore = 0;

  constructor(options: CallGuardOptions) {
    this.#options = options;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
    const action: GuardedAction = (call) => this.#callWithTimeout(call);
    this.#breaker = new CircuitBreaker(action, {
      // The timeout is ours (below): it aborts the request, which opossum's own timeout cannot.
      timeout: false,
      errorThresholdPercentage: options.breaker.errorPercent,
      resetTimeout: options.breaker.resetMs,
      volumeThreshold: options.breaker.minCalls,
      rollingCountTimeout: options.breaker.windowMs,
      // Busy (429) or a malformed answer says nothing about the service being down.
      errorFilter: (error: unknown) => error instanceof RateLimitedError || (error instanceof EasyFlipError && error.code === 'VALIDATION_FAILED'),
    });
    const report = (state: BreakerState) => () => options.metrics?.recordBreakerState({ service: options.service, state });
    this.#breaker.on('open', report('open'));
    this.#breaker.on('halfOpen', report('half_open'));
    this.#breaker.on('close', report('closed'));
  }

  get state(): BreakerState {
    if (this.#breaker.opened) return 'open';
    return this.#breaker.halfOpen ? 'half_open' : 'closed';
  }

  /** Runs `call` under the breaker and the timeout; a 429 is waited out up to the limits, then fails. */
  async run<T>(operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const wait = this.#notBefore - this.#now();
      if (wait > 0) await this.#sleep(wait);
      const started = this.#now();
      try {
        const result = (await this.#breaker.fire(call)) as T;
        this.#record(operation, 'ok', started);
        return result;
      } catch (raw) {
        const error = this.#translate(raw);
        this.#record(operation, outcomeOf(raw, error), started);
        if (error instanceof RateLimitedError && attempt < this.#options.rateLimitRetries && error.retryAfterMs <= this.#options.maxRetryAfterMs) {
          this.#notBefore = Math.max(this.#notBefore, this.#now() + error.retryAfterMs);
          continue;
        }
        throw error;
      }
    }
  }

  /** Runs the call with an abort signal that fires at the timeout; the call fails then even if it ignores the signal. */
  async #callWithTimeout(call: (signal: AbortSignal) => Promise<unknown>): Promise<unknown> {
    const controller = new AbortController();
    const { displayName, timeoutMs } = this.#options;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new TransientError('TIMEOUT', `${displayName} did not answer within ${formatSeconds(timeoutMs)}.`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([call(controller.signal), expired]);
    } catch (error) {
      // The call's own abort error is the timeout's doing: say so in the timeout's words.
      if (controller.signal.aborted) throw new TransientError('TIMEOUT', `${displayName} did not answer within ${formatSeconds(timeoutMs)}.`, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the breaker's timers (at shutdown). */
  shutdown(): void {
    this.#breaker.shutdown();
  }

  #translate(error: unknown): EasyFlipError {
    const code = (error as { code?: unknown } | null)?.code;
    const { displayName, breaker } = this.#options;
    if (code === 'EOPENBREAKER') {
      return new TransientError(
        'PROVIDER_UNAVAILABLE',
        `${displayName} failed repeatedly, so calls to it are paused for up to ${Math.round(breaker.resetMs / 1000)} s.`,
        { cause: error },
      );
    }
    if (error instanceof EasyFlipError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new PermanentError('INTERNAL', `${displayName} failed unexpectedly: ${detail}`, { cause: error });
  }

  #record(operation: string, outcome: ExternalCallOutcome, started: number): void {
    this.#options.metrics?.recordCall({ service: this.#options.service, operation, outcome, durationMs: Math.max(0, this.#now() - started) });
  }
}

function outcomeOf(raw: unknown, error: EasyFlipError): ExternalCallOutcome {
  if ((raw as { code?: unknown } | null)?.code === 'EOPENBREAKER') return 'rejected';
  if (error instanceof RateLimitedError) return 'rate_limited';
  if (error.code === 'TIMEOUT') return 'timeout';
  return 'error';
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
