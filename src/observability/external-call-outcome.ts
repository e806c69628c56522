import { EasyFlipError, RateLimitedError } from '../contracts/errors.ts';
import type { ExternalCallOutcome } from '../ports/external-call-metrics.ts';

/** How a failed call ended, as the metrics tell it apart: a timeout, a 429, a call the breaker refused, or any other error. */
export function outcomeOfError(error: unknown): ExternalCallOutcome {
  if (error instanceof RateLimitedError) return 'rate_limited';
  if (error instanceof EasyFlipError && error.code === 'TIMEOUT') return 'timeout';
  if (error instanceof Error && (error.name === 'TimeoutError' || (error as { code?: unknown }).code === 'ETIMEDOUT')) return 'timeout';
  // opossum's refusal while the breaker is open.
  if (error instanceof Error && (error as { code?: unknown }).code === 'EOPENBREAKER') return 'rejected';
  return 'error';
}

/** How an HTTP answer ended: 2xx and 3xx are answers, 429 a rate limit, the rest errors. */
export function outcomeOfStatus(status: number): ExternalCallOutcome {
  if (status === 429) return 'rate_limited';
  return status < 400 ? 'ok' : 'error';
}
