import { z } from 'zod';
import { PermanentError } from '../../contracts/errors.ts';
import type { EbayAccountAuthorizer, EbayUserGrant } from '../../ports/ebay-account.ts';
import { fromEbayApiFailure, readOAuthErrorCode } from './ebay-api-errors.ts';
import { createEbayApi, createEbayApiRequest, type EbayApiSettings } from './ebay-api-factory.ts';
import type { EbayApiRequest } from './ebay-api-request.ts';

const UserTokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().positive().optional(),
});

/** A refreshed access token, or eBay's refusal of the refresh token (the seller must consent again). */
export type EbayRefreshOutcome =
  | { refreshed: true; accessToken: string; accessTokenExpiresAt: Date; refreshToken: string | null; refreshTokenExpiresAt: Date | null }
  | { refreshed: false; reason: string };

/** Turns a stored refresh token into a new access token. */
export interface EbayUserTokenRefresher {
  refresh(refreshToken: string, scopes: readonly string[]): Promise<EbayRefreshOutcome>;
}

export interface EbayOAuthClientOptions {
  config: EbayApiSettings & { ruName: string };
  request?: EbayApiRequest;
  now?: () => number;
}

/**
 * The seller's side of eBay OAuth through `ebay-api`'s OAuth2 client: the consent URL, the
 * authorization code grant and the refresh token grant, all sent through our request client (so
 * the configured hosts and the timeout apply). What eBay answers is checked before it is kept.
 */
export class EbayOAuthClient implements EbayAccountAuthorizer, EbayUserTokenRefresher {
  readonly environment: EbayApiSettings['environment'];
  readonly #config: EbayApiSettings & { ruName: string };
  readonly #request: EbayApiRequest;
  readonly #now: () => number;

  constructor(options: EbayOAuthClientOptions) {
    this.#config = options.config;
    this.environment = options.config.environment;
    this.#request = options.request ?? createEbayApiRequest(options.config);
    this.#now = options.now ?? Date.now;
  }

  buildConsentUrl(input: { state: string; scopes: readonly string[] }): string {
    const url = this.#api().OAuth2.generateAuthUrl(this.#config.ruName, [...input.scopes], input.state);
    return this.#request.rewriteUrl(url);
  }

  async exchangeCode(code: string): Promise<EbayUserGrant> {
    let answer: unknown;
    try {
      answer = await this.#api().OAuth2.mintUserAccessToken(code, this.#config.ruName);
    } catch (error) {
      if (readOAuthErrorCode(error) === 'invalid_grant') {
        throw new PermanentError('VALIDATION_FAILED', 'eBay did not accept the sign-in code: it expired or was already used. Start the connection again.', { cause: fromEbayApiFailure('OAuth', error) });
      }
      throw fromEbayApiFailure('OAuth', error);
    }
    const token = parseTokenResponse(answer);
    if (!token.refresh_token) throw new PermanentError('PROVIDER_UNAVAILABLE', 'eBay answered the sign-in without a refresh token, so the connection could not be kept.');
    const now = this.#now();
    return {
      accessToken: token.access_token,
      accessTokenExpiresAt: new Date(now + token.expires_in * 1000),
      refreshToken: token.refresh_token,
      refreshTokenExpiresAt: token.refresh_token_expires_in ? new Date(now + token.refresh_token_expires_in * 1000) : null,
    };
  }

  async refresh(refreshToken: string, scopes: readonly string[]): Promise<EbayRefreshOutcome> {
    // A client of its own per refresh: ebay-api keeps the token being refreshed on the instance.
    const oauth = this.#api().OAuth2;
    oauth.setScope([...scopes]);
    oauth.setCredentials({ access_token: '', refresh_token: refreshToken });
    let answer: unknown;
    try {
      answer = await oauth.refreshUserAccessToken();
    } catch (error) {
      if (readOAuthErrorCode(error) === 'invalid_grant') {
        return { refreshed: false, reason: 'eBay refused the stored sign-in (it was revoked, expired, or the password changed).' };
      }
      throw fromEbayApiFailure('OAuth', error);
    }
    const token = parseTokenResponse(answer);
    const now = this.#now();
    return {
      refreshed: true,
      accessToken: token.access_token,
      accessTokenExpiresAt: new Date(now + token.expires_in * 1000),
      // ebay-api merges the answer over what it sent: a refresh token equal to ours is not new.
      refreshToken: token.refresh_token && token.refresh_token !== refreshToken ? token.refresh_token : null,
      refreshTokenExpiresAt: token.refresh_token_expires_in && token.refresh_token !== refreshToken ? new Date(now + token.refresh_token_expires_in * 1000) : null,
    };
  }

  #api() {
    return createEbayApi({ config: this.#config, request: this.#request });
  }
}

function parseTokenResponse(answer: unknown): z.infer<typeof UserTokenResponse> {
  const parsed = UserTokenResponse.safeParse(answer);
  if (!parsed.success) {
    throw new PermanentError('PROVIDER_UNAVAILABLE', 'eBay OAuth answered without a usable user token: the token endpoint is not what it should be.');
  }
  return parsed.data;
}
