import { EasyFlipError, PermanentError, RateLimitedError, TransientError } from '../../contracts/errors.ts';
import { DEFAULT_RATE_LIMIT_WAIT_MS, parseRetryAfter } from './ebay-api-errors.ts';
import { classifyHttpStatus, explainEbayErrorId, type EbayErrorKind } from './ebay-error-catalog.ts';

/** One entry of eBay's error envelope, with the parameters some errors carry (25002's offerId). */
export interface EbayErrorItem {
  errorId: number | null;
  message: string;
  parameters: Record<string, string>;
}

/** What eBay answered to a failed call, kept as the cause of our error: never a token, never a request. */
export interface EbayFailureDetails {
  operation: string;
  status: number;
  errors: EbayErrorItem[];
}

/**
 * A refusal the seller has to act on: the listing (`permanent`) or the eBay account and settings
 * (`needs_seller`). The message says which, and what to do.
 */
export class EbayListingRefusedError extends PermanentError {
  constructor(
    readonly kind: Exclude<EbayErrorKind, 'transient'>,
    message: string,
    readonly errorIds: readonly number[],
    options?: { cause?: unknown },
  ) {
    super('VALIDATION_FAILED', message, options);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** eBay's error entries of a response body (the envelope, or one item of a bulk response). */
export function readErrorItems(body: unknown): EbayErrorItem[] {
  const list = isRecord(body) && Array.isArray(body.errors) ? body.errors : [];
  return list.filter(isRecord).map((entry) => {
    const parameters: Record<string, string> = {};
    for (const parameter of Array.isArray(entry.parameters) ? entry.parameters.filter(isRecord) : []) {
      if (typeof parameter.name === 'string' && typeof parameter.value === 'string') parameters[parameter.name] = parameter.value;
    }
    const message = [entry.longMessage, entry.message].find((value): value is string => typeof value === 'string' && value.trim() !== '') ?? '';
    return { errorId: typeof entry.errorId === 'number' ? entry.errorId : null, message, parameters };
  });
}

/** The HTTP answer behind a failed call, whichever shape carried it (ebay-api's `meta.res`, an axios-shaped `response`). */
export function readFailedResponse(error: unknown): { status: number; headers: Record<string, unknown>; data: unknown } | null {
  if (!isRecord(error)) return null;
  const meta = isRecord(error.meta) ? error.meta : null;
  for (const candidate of [error.response, meta?.res]) {
    if (!isRecord(candidate) || typeof candidate.status !== 'number') continue;
    return { status: candidate.status, headers: isRecord(candidate.headers) ? candidate.headers : {}, data: candidate.data };
  }
  return null;
}

function readHeader(headers: Record<string, unknown>, name: string): string | null {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && (typeof value === 'string' || typeof value === 'number')) return String(value);
  }
  return null;
}

function describeEbaySaid(errors: readonly EbayErrorItem[]): string {
  const said = errors
    .filter((entry) => entry.errorId !== null || entry.message !== '')
    .map((entry) => (entry.errorId === null ? entry.message : `${entry.errorId}${entry.message ? `: ${entry.message}` : ''}`));
  return said.length > 0 ? ` (eBay said ${said.join('; ')})` : '';
}

/** The most pressing kind among eBay's errors: the seller's account first, then the listing, then a passing fault. */
function pickKind(kinds: readonly EbayErrorKind[]): EbayErrorKind {
  if (kinds.includes('needs_seller')) return 'needs_seller';
  if (kinds.includes('permanent')) return 'permanent';
  return 'transient';
}

/**
 * eBay's errors for one call or one bulk item as the error that says what to do: explained by
 * the catalog (every errorId of our operations), a 429 waiting Retry-After, an unknown errorId
 * judged by its HTTP status. `subject` opens the sentence ("SKU EF-1042").
 */
export function explainEbayErrors(
  details: EbayFailureDetails,
  subject: string,
  retryAfter: string | null = null,
): EasyFlipError {
  const said = describeEbaySaid(details.errors);
  const cause: EbayFailureDetails = details;
  if (details.status === 429) {
    const waitMs = parseRetryAfter(retryAfter) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    return new RateLimitedError(`${subject}: eBay asked us to slow down${said}; trying again in ${Math.ceil(waitMs / 1000)} s.`, waitMs, { cause });
  }
  const explained = details.errors
    .map((entry) => (entry.errorId === null ? null : explainEbayErrorId(entry.errorId)))
    .filter((entry) => entry !== null && !entry.warningOnly);
  const kinds = explained.map((entry) => entry?.kind ?? 'permanent');
  // A 5xx whose errorIds are unknown is a passing fault whatever its body says.
  const kind = explained.length > 0 ? pickKind(kinds) : classifyHttpStatus(details.status);
  const sentence =
    explained.find((entry) => entry?.kind === kind)?.sentence ??
    (kind === 'transient'
      ? `eBay failed with HTTP ${details.status}; it will be tried again shortly.`
      : kind === 'needs_seller'
        ? `eBay refused the account's access with HTTP ${details.status}: reconnect the eBay account in the settings.`
        : `eBay refused the request with HTTP ${details.status}; correct the listing in review and approve it again.`);
  const message = `${subject}: ${sentence}${said}`;
  const errorIds = details.errors.flatMap((entry) => (entry.errorId === null ? [] : [entry.errorId]));
  if (kind === 'transient') return new TransientError('PROVIDER_UNAVAILABLE', message, { cause });
  return new EbayListingRefusedError(kind, message, errorIds, { cause });
}

/**
 * Any failure of a call to eBay (ebay-api's errors, our request client's, our own) as the error
 * that says what to do. Errors we raised ourselves (timeouts, lost connections) pass unchanged.
 */
export function explainEbayFailure(operation: string, subject: string, error: unknown): EasyFlipError {
  if (error instanceof EasyFlipError) return error;
  const response = readFailedResponse(error);
  if (!response) {
    const message = error instanceof Error ? error.message : String(error);
    return new TransientError('PROVIDER_UNAVAILABLE', `${subject}: eBay could not be reached for ${operation} (${message}); it will be tried again shortly.`);
  }
  return explainEbayErrors(
    { operation, status: response.status, errors: readErrorItems(response.data) },
    subject,
    readHeader(response.headers, 'retry-after'),
  );
}

/** The errorIds of a failed call, empty when it carried none. */
export function readFailureErrorIds(error: unknown): number[] {
  const fromCause = error instanceof EasyFlipError && isRecord(error.cause) && Array.isArray(error.cause.errors) ? (error.cause.errors as EbayErrorItem[]) : null;
  const items = fromCause ?? readErrorItems(readFailedResponse(error)?.data);
  return items.flatMap((entry) => (entry.errorId === null ? [] : [entry.errorId]));
}

/** A parameter eBay attached to one of the errors (25002's `offerId`), if any. */
export function readFailureParameter(error: unknown, name: string): string | null {
  const fromCause = error instanceof EasyFlipError && isRecord(error.cause) && Array.isArray(error.cause.errors) ? (error.cause.errors as EbayErrorItem[]) : null;
  const items = fromCause ?? readErrorItems(readFailedResponse(error)?.data);
  return items.map((entry) => entry.parameters[name]).find((value) => value !== undefined) ?? null;
}
