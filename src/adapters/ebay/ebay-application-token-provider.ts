import { z } from 'zod';
import { PermanentError } from '../../contracts/errors.ts';
import { toEbayApiError, toEbayNetworkError } from './ebay-api-errors.ts';

/** The public scope every application-token call (Taxonomy, Browse, Metadata) needs. */
export const EBAY_PUBLIC_SCOPE = 'https://api.ebay.com/oauth/api_scope';

export interface EbayApplicationTokenOptions {
  clientId: string;
  clientSecret: string;
  /** https://api.ebay.com or https://api.sandbox.ebay.com (or a local fake). */
  baseUrl: string;
  scopes?: readonly string[];
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  /** A token is renewed this long before eBay says it expires, so no call carries a dying one. */
  refreshMarginMs?: number;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Hands out application tokens; anything that can call eBay with one takes this. */
export interface EbayTokenSource {
  getToken(): Promise<string>;
  /** The token was refused: forget it so the next call gets a new one. */
  invalidate(token: string): void;
}

/**
 * eBay application access tokens (OAuth client credentials grant), kept until shortly before they
 * expire (two hours) and fetched once for all callers waiting at the same time: eBay allows
 * 1,000 client-credentials grants a day, so every call must not ask for one.
 */
export class EbayApplicationTokenProvider implements EbayTokenSource {
  readonly #options: Required<Omit<EbayApplicationTokenOptions, 'scopes'>> & { scopes: readonly string[] };
  #cached: CachedToken | null = null;
  #pending: Promise<string> | null = null;
  #grants = 0;

  constructor(options: EbayApplicationTokenOptions) {
    this.#options = {
      scopes: options.scopes ?? [EBAY_PUBLIC_SCOPE],
      fetch: options.fetch ?? globalThis.fetch,
      now: options.now ?? Date.now,
      timeoutMs: options.timeoutMs ?? 10_000,
      refreshMarginMs: options.refreshMarginMs ?? 5 * 60_000,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
  }

  /** How many tokens were requested from eBay so far. */
  get grantCount(): number {
    return this.#grants;
  }

  async getToken(): Promise<string> {
    const cached = this.#cached;
    if (cached && this.#options.now() < cached.expiresAt - this.#options.refreshMarginMs) return cached.token;
    this.#pending ??= this.#requestToken().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = null;
  }

  async #requestToken(): Promise<string> {
    const { clientId, clientSecret, baseUrl, timeoutMs } = this.#options;
    const credentials = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
    const body = new URLSearchParams({ grant_type: 'client_credentials', scope: this.#options.scopes.join(' ') });
    this.#grants += 1;
    let response: Response;
    try {
      response = await this.#options.fetch(`${baseUrl}/identity/v1/oauth2/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${credentials}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: body.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw toEbayNetworkError('OAuth', error, timeoutMs);
    }
    const payload: unknown = await response.json().catch(() => null);
    if (!response.ok) throw toEbayApiError('OAuth', response.status, payload, response.headers.get('retry-after'));
    const parsed = TokenResponse.safeParse(payload);
    if (!parsed.success) {
      throw new PermanentError('PROVIDER_UNAVAILABLE', 'eBay OAuth answered without an access token: the token endpoint is not what it should be.');
    }
    const expiresAt = this.#options.now() + parsed.data.expires_in * 1000;
    this.#cached = { token: parsed.data.access_token, expiresAt };
    return parsed.data.access_token;
  }
}
