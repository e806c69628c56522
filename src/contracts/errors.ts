import { z } from 'zod';

/** Stable codes for everything that can go wrong with a photo, an item or a request. */
export const ErrorCode = z.enum([
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'CORRUPT_IMAGE',
  'IMAGE_TOO_LARGE',
  'TOO_MANY_PHOTOS',
  'INVALID_FILE_NAME',
  'DUPLICATE_PHOTO',
  'NOT_FOUND',
  'CONFLICT',
  'VALIDATION_FAILED',
  'BATCH_NOT_OPEN',
  'PROVIDER_UNAVAILABLE',
  'TIMEOUT',
  'RATE_LIMITED',
  'INTERNAL',
  'EBAY_NOT_CONNECTED',
  'EBAY_RECONNECT_REQUIRED',
  'EBAY_SETUP_INCOMPLETE',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Base of every error we raise on purpose: a code for machines, a sentence for people. */
export abstract class EasyFlipError extends Error {
  abstract readonly retryable: boolean;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input or a refusal that will not change on retry: dead-letter at once with the reason. */
export class PermanentError extends EasyFlipError {
  readonly retryable = false;
}

/** Timeouts, 5xx, lost connections: retry with backoff. */
export class TransientError extends EasyFlipError {
  readonly retryable = true;
}

/** The other side asked us to wait; retry no sooner than `retryAfterMs`. */
export class RateLimitedError extends TransientError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super('RATE_LIMITED', message, options);
  }
}

export class NotFoundError extends PermanentError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} was not found`);
  }
}

export const ErrorBody = z.object({
  error: z.object({ code: ErrorCode, message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
