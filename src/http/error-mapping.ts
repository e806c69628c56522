import { EasyFlipError, type ErrorBody, type ErrorCode } from '../contracts/errors.ts';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  EMPTY_FILE: 422,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  CORRUPT_IMAGE: 422,
  IMAGE_TOO_LARGE: 422,
  TOO_MANY_PHOTOS: 409,
  INVALID_FILE_NAME: 400,
  DUPLICATE_PHOTO: 409,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION_FAILED: 400,
  BATCH_NOT_OPEN: 409,
  PROVIDER_UNAVAILABLE: 503,
  TIMEOUT: 504,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  EBAY_NOT_CONNECTED: 409,
  EBAY_RECONNECT_REQUIRED: 409,
  EBAY_SETUP_INCOMPLETE: 409,
};

/** An error as the API answers it: a status and a body with a code and a sentence. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof EasyFlipError) {
    return { status: STATUS_BY_CODE[error.code], body: { error: { code: error.code, message: error.message } } };
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side; the error was logged.' } },
  };
}
