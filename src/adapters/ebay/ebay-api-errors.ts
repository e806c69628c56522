import { z } from 'zod';
import { EasyFlipError, PermanentError, RateLimitedError, TransientError } from '../../contracts/errors.ts';

/** eBay's error envelope, shared by every REST API: `{"errors": [{errorId, domain, category, message, ...}]}`. */
const EbayErrorEnvelope = z.object({
  errors: z
    .array(
      z.looseObject({
        errorId: z.number().optional(),
        domain: z.string().optional(),
        category: z.string().optional(),
        message: z.string().optional(),
        longMessage: z.string().optional(),
        parameters: z.array(z.looseObject({ name: z.string().optional(), value: z.string().optional() })).optional(),
      }),
    )
    .optional(),
  /** The OAuth endpoint answers in the OAuth 2 shape instead. */
  error: z.string().optional(),
  error_description: z.string().optional(),
});

export interface EbayErrorEntry {
  errorId: number | null;
  category: string | null;
  message: string;
}

/** What eBay said, kept as the `cause` of the error we raise. */
export interface EbayErrorDetails {
  api: string;
  status: number;
  errors: EbayErrorEntry[];
}

/** When eBay may be asked again without a Retry-After header. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function readEbayErrors(body: unknown): EbayErrorEntry[] {
  const parsed = EbayErrorEnvelope.safeParse(body);
  if (!parsed.success) return [];
  const entries: EbayErrorEntry[] = (parsed.data.errors ?? []).map((entry) => ({
    errorId: entry.errorId ?? null,
    category: entry.category ?? null,
    message: entry.longMessage ?? entry.message ?? 'no message',
  }));
  if (parsed.data.error) {
    entries.push({ errorId: null, category: null, message: `${parsed.data.error}${parsed.data.error_description ? `: ${parsed.data.error_description}` : ''}` });
  }
  return entries;
}

function describe(errors: readonly EbayErrorEntry[]): string {
  if (errors.length === 0) return '';
  return ` (${errors.map((entry) => (entry.errorId === null ? entry.message : `errorId ${entry.errorId}: ${entry.message}`)).join('; ')})`;
}

/**
 * An eBay answer that is not a success, as the error that says whether to retry: 429 waits for
 * Retry-After, 5xx and 408 retry, credentials refused and other 4xx do not.
 */
export function toEbayApiError(api: string, status: number, body: unknown, retryAfter: string | null): EasyFlipError {
  const errors = readEbayErrors(body);
  const cause: EbayErrorDetails = { api, status, errors };
  const said = describe(errors);
  if (status === 429) {
    const waitMs = parseRetryAfter(retryAfter) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    return new RateLimitedError(`eBay ${api} asked us to slow down${said}; retrying in ${Math.ceil(waitMs / 1000)} s.`, waitMs, { cause });
  }
  if (status >= 500 || status === 408) {
    return new TransientError('PROVIDER_UNAVAILABLE', `eBay ${api} failed with HTTP ${status}${said}; it will be retried.`, { cause });
  }
  if (status === 401 || status === 403) {
    return new PermanentError(
      'PROVIDER_UNAVAILABLE',
      `eBay ${api} refused our credentials with HTTP ${status}${said}: check EBAY_CLIENT_ID, EBAY_CLIENT_SECRET and EBAY_ENVIRONMENT.`,
      { cause },
    );
  }
  if (status === 404) return new PermanentError('NOT_FOUND', `eBay ${api} found nothing there (HTTP 404)${said}.`, { cause });
  return new PermanentError('VALIDATION_FAILED', `eBay ${api} refused the request with HTTP ${status}${said}.`, { cause });
}

/** A failure to reach eBay at all: a timeout or a broken connection, both worth retrying. */
export function toEbayNetworkError(api: string, error: unknown, timeoutMs: number): EasyFlipError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new TransientError('TIMEOUT', `eBay ${api} did not answer within ${timeoutMs} ms; it will be retried.`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TransientError('PROVIDER_UNAVAILABLE', `eBay ${api} could not be reached (${message}); it will be retried.`, { cause: error });
}

/** The HTTP answer behind a failure, as `ebay-api`'s errors (`meta.res`) or an axios-shaped error (`response`) carry it. */
interface FailedAnswer {
  status: number;
  headers: Record<string, unknown>;
  data: unknown;
}

function readFailedAnswer(error: unknown): FailedAnswer | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidates: unknown[] = [(error as { response?: unknown }).response, (error as { meta?: { res?: unknown } }).meta?.res];
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null) continue;
    const { status, headers, data } = candidate as { status?: unknown; headers?: unknown; data?: unknown };
    if (typeof status !== 'number') continue;
    return { status, headers: typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {}, data };
  }
  return null;
}

function readHeader(headers: Record<string, unknown>, name: string): string | null {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && (typeof value === 'string' || typeof value === 'number')) return String(value);
  }
  return null;
}

/** The eBay errorIds in a failure, whichever shape it came in (empty when none). */
export function readEbayErrorIds(error: unknown): number[] {
  const answer = readFailedAnswer(error);
  return answer ? readEbayErrors(answer.data).flatMap((entry) => (entry.errorId === null ? [] : [entry.errorId])) : [];
}

/** The OAuth error code (`invalid_grant`, `invalid_client`...) of a failed token request, or null. */
export function readOAuthErrorCode(error: unknown): string | null {
  const data = readFailedAnswer(error)?.data;
  if (typeof data !== 'object' || data === null) return null;
  const code = (data as { error?: unknown }).error;
  return typeof code === 'string' ? code : null;
}

/**
 * Any failure of a call made through `ebay-api` (its own error classes, our request client's
 * axios-shaped errors, or our errors passed through) as the error that says whether to retry:
 * the HTTP status, eBay's errorIds and Retry-After decide, as for our own calls.
 */
export function fromEbayApiFailure(api: string, error: unknown): EasyFlipError {
  if (error instanceof EasyFlipError) return error;
  const answer = readFailedAnswer(error);
  if (answer) return toEbayApiError(api, answer.status, answer.data, readHeader(answer.headers, 'retry-after'));
  const message = error instanceof Error ? error.message : String(error);
  return new PermanentError('PROVIDER_UNAVAILABLE', `eBay ${api} could not be called (${message}).`, { cause: error });
}
