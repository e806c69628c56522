import eBayApi, { MarketplaceId } from 'ebay-api';
import type { IEBayApiRequest } from 'ebay-api/request.js';
import { PermanentError } from '../../contracts/errors.ts';
import type { EbayTokenSource } from './ebay-application-token-provider.ts';
import { EbayApiRequest } from './ebay-api-request.ts';
import type { EbayEnvironment } from './ebay-environment.ts';

/** What an `ebay-api` client needs to know of our eBay settings. */
export interface EbayApiSettings {
  clientId: string;
  clientSecret: string;
  environment: EbayEnvironment;
  marketplaceId: string;
  /** The RuName eBay gave the application: the redirect_uri of the consent flow. */
  ruName?: string | null;
  apiBaseUrl?: string | null;
  authBaseUrl?: string | null;
  timeoutMs?: number;
}

export interface CreateEbayApiOptions {
  config: EbayApiSettings;
  /**
   * The bearer tokens of the calls (a seller's, or the application's). Left out, the client is
   * for the OAuth endpoints only (code exchange, refresh), which authenticate with the keys.
   */
  tokens?: EbayTokenSource;
  /** A request client to share (one made by `createEbayApiRequest`); a new one otherwise. */
  request?: EbayApiRequest;
  fetch?: typeof fetch;
}

/** Our fetch-based request client for these settings, pointed at the configured hosts. */
export function createEbayApiRequest(config: EbayApiSettings, options: { tokens?: EbayTokenSource; fetch?: typeof fetch } = {}): EbayApiRequest {
  return new EbayApiRequest({
    apiBaseUrl: config.apiBaseUrl ?? null,
    authBaseUrl: config.authBaseUrl ?? null,
    timeoutMs: config.timeoutMs ?? 10_000,
    ...(options.tokens ? { tokens: options.tokens } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

function toMarketplaceId(value: string): MarketplaceId {
  const known = Object.values(MarketplaceId).find((id) => String(id) === value);
  if (!known) throw new PermanentError('VALIDATION_FAILED', `${value} is not a marketplace eBay's APIs know; set EBAY_MARKETPLACE_ID to one such as EBAY_US.`);
  return known;
}

/**
 * An `ebay-api` client whose every call goes through our request client (hosts, timeout, error
 * shape) and carries the bearer token of our token source. The package's own token handling is
 * switched off: it would mint application tokens of its own and refresh on its own schedule,
 * where ours refreshes ahead of expiry, once for all callers, and persists the result.
 */
export function createEbayApi(options: CreateEbayApiOptions): eBayApi {
  const { config } = options;
  const request = options.request ?? createEbayApiRequest(config, { ...(options.tokens ? { tokens: options.tokens } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const api = new eBayApi(
    {
      appId: config.clientId,
      certId: config.clientSecret,
      sandbox: config.environment === 'sandbox',
      marketplaceId: toMarketplaceId(config.marketplaceId),
      autoRefreshToken: false,
      ...(config.ruName ? { ruName: config.ruName } : {}),
    },
    // ebay-api types its request client with axios' classes; ours gives the same shape over fetch.
    request as unknown as IEBayApiRequest,
  );
  const tokens = options.tokens;
  if (tokens) {
    // Every REST call asks OAuth2 for its bearer token here; the answer comes from our source.
    api.OAuth2.getAccessToken = () => tokens.getToken();
  }
  return api;
}
