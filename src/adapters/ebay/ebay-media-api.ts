import { PermanentError, RateLimitedError } from '../../contracts/errors.ts';
import type { EbayApiRequest, EbayHttpResponse } from './ebay-api-request.ts';
import type { EbayTokenSource } from './ebay-application-token-provider.ts';
import type { EbayEnvironment } from './ebay-environment.ts';
import { explainEbayFailure, readFailedResponse } from './ebay-publish-errors.ts';
import { SlidingWindowLimiter } from './sliding-window-limiter.ts';

/** The Media API lives on the apim hosts, not the api ones. */
const MEDIA_BASE_URLS: Readonly<Record<EbayEnvironment, string>> = {
  production: 'https://apim.ebay.com/commerce/media/v1_beta',
  sandbox: 'https://apim.sandbox.ebay.com/commerce/media/v1_beta',
};

/** eBay's limit on every POST of the Media API, per user. */
export const MEDIA_RATE_LIMIT = { limit: 50, windowMs: 5000 } as const;

export interface UploadedImage {
  imageId: string | null;
  /** The eBay Picture Service URL listings use. */
  imageUrl: string;
  /** When eBay drops the picture if no listing uses it. */
  expiresAt: Date | null;
}

export interface EbayMediaApiOptions {
  /** Our request client for ebay-api, built with the seller's token source (it retries once on a refused token). */
  request: EbayApiRequest;
  tokens: EbayTokenSource;
  environment: EbayEnvironment;
  /** Shared by every upload of this seller in this process. */
  limiter?: SlidingWindowLimiter;
  /** How many 429s in a row an upload waits out before giving the error to the queue. */
  maxRateLimitWaits?: number;
  /** Longest Retry-After waited inside the call; longer ones go back to the queue. */
  maxInlineWaitMs?: number;
  /** Passing faults (5xx, a lost connection) retried inside the call; a repeated upload only leaves an unused picture. */
  transientRetries?: number;
  retryBaseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readImage(data: unknown, imageId: string | null): UploadedImage | null {
  if (!isRecord(data) || typeof data.imageUrl !== 'string' || data.imageUrl === '') return null;
  const expires = typeof data.expirationDate === 'string' ? new Date(data.expirationDate) : null;
  return { imageId, imageUrl: data.imageUrl, expiresAt: expires && !Number.isNaN(expires.getTime()) ? expires : null };
}

/**
 * eBay's Media API image upload, which the ebay-api package lacks: createImageFromFile as
 * multipart/form-data with the seller's token, 201 with the getImage URI in Location, the picture
 * URL from the answer or from getImage. Calls keep under eBay's 50 per 5 seconds per user, and a
 * 429 waits its Retry-After before trying again.
 */
export class EbayMediaApi {
  readonly #options: EbayMediaApiOptions;
  readonly #limiter: SlidingWindowLimiter;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: EbayMediaApiOptions) {
    this.#options = options;
    this.#limiter = options.limiter ?? new SlidingWindowLimiter(MEDIA_RATE_LIMIT);
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async createImageFromFile(image: { bytes: Uint8Array; fileName: string; contentType: string }, subject: string): Promise<UploadedImage> {
    const url = `${MEDIA_BASE_URLS[this.#options.environment]}/image/create_image_from_file`;
    const answer = await this.#withRetries(subject, async () => {
      const form = new FormData();
      form.append('image', new Blob([image.bytes], { type: image.contentType }), image.fileName);
      return this.#options.request.post(url, form, { headers: await this.#authorization() });
    });
    if (answer.status !== 201 && answer.status !== 200) {
      throw new PermanentError('PROVIDER_UNAVAILABLE', `${subject}: eBay answered the picture upload with HTTP ${answer.status} instead of 201 Created.`);
    }
    const location = answer.headers.location ?? null;
    const imageId = location ? decodeURIComponent(location.split('/').pop() ?? '') || null : null;
    const fromBody = readImage(answer.data, imageId);
    if (fromBody) return fromBody;
    if (!location) throw new PermanentError('PROVIDER_UNAVAILABLE', `${subject}: eBay accepted the picture but gave neither its URL nor a Location to read it from.`);
    return this.getImage(location, imageId, subject);
  }

  /** The picture behind a Location header from createImageFromFile. */
  async getImage(location: string, imageId: string | null, subject: string): Promise<UploadedImage> {
    const answer = await this.#withRetries(subject, async () => this.#options.request.get(location, { headers: await this.#authorization() }));
    const image = readImage(answer.data, imageId);
    if (!image) throw new PermanentError('PROVIDER_UNAVAILABLE', `${subject}: eBay's getImage answered without a picture URL.`);
    return image;
  }

  async #authorization(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.#options.tokens.getToken()}` };
  }

  async #withRetries(subject: string, call: () => Promise<EbayHttpResponse>): Promise<EbayHttpResponse> {
    const maxWaits = this.#options.maxRateLimitWaits ?? 3;
    const maxInlineWaitMs = this.#options.maxInlineWaitMs ?? 30_000;
    const transientRetries = this.#options.transientRetries ?? 2;
    let waits = 0;
    let retries = 0;
    for (;;) {
      await this.#limiter.acquire();
      try {
        return await call();
      } catch (error) {
        const failure = explainEbayFailure('createImageFromFile', subject, error);
        if (failure instanceof RateLimitedError && readFailedResponse(error) !== null) {
          this.#limiter.pause(failure.retryAfterMs);
          if (waits >= maxWaits || failure.retryAfterMs > maxInlineWaitMs) throw failure;
          waits += 1;
          await this.#sleep(failure.retryAfterMs);
          continue;
        }
        if (!failure.retryable || retries >= transientRetries) throw failure;
        await this.#sleep((this.#options.retryBaseDelayMs ?? 500) * 2 ** retries);
        retries += 1;
      }
    }
  }
}
