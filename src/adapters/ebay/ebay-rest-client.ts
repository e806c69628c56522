import { toEbayApiError, toEbayNetworkError, readEbayErrors } from './ebay-api-errors.ts';
import type { EbayTokenSource } from './ebay-application-token-provider.ts';
import { outcomeOfError, outcomeOfStatus } from '../../observability/external-call-outcome.ts';
import type { ExternalCallMetrics } from '../../ports/external-call-metrics.ts';

export interface EbayRestClientOptions {
  baseUrl: string;
  tokens: EbayTokenSource;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Sent as X-EBAY-C-MARKETPLACE-ID, which several APIs need. */
  marketplaceId?: string;
  /** Latency and outcome of every HTTP call, by API (service `ebay`). */
  metrics?: ExternalCallMetrics;
}

export interface EbayGetRequest {
  /** For messages: "Taxonomy", "Inventory"... */
  api: string;
  path: string;
  query?: Readonly<Record<string, string>>;
}

/** eBay's answer to an invalid or expired access token, on every REST API. */
const INVALID_TOKEN_ERROR_ID = 1001;

/**
 * A thin client of eBay's REST APIs over the built-in fetch: bearer token, marketplace header,
 * a timeout on every call, one retry with a new token when eBay says the token is invalid, and
 * every failure turned into an error that says whether to retry.
 *
 * Why fetch and not the ebay-api package: that client keeps its own token cache (we share ours
 * across every API and count grants), has no base-URL option (tests and proxies need one), and
 * wraps HTTP errors in its own classes, hiding the status, eBay's errorIds and Retry-After that
 * decide between retry, wait and give up. The few calls we make are plain JSON over HTTPS.
 */
export class EbayRestClient {
  readonly #baseUrl: string;
  readonly #tokens: EbayTokenSource;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #marketplaceId: string | null;
  readonly #metrics: ExternalCallMetrics | null;

  constructor(options: EbayRestClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#tokens = options.tokens;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#marketplaceId = options.marketplaceId ?? null;
    this.#metrics = options.metrics ?? null;
  }

  /** The JSON body of a GET, or null for 204 No Content. */
  async getJson(request: EbayGetRequest): Promise<unknown> {
    const url = new URL(`${this.#baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.#tokens.getToken();
      const response = await this.#send(request.api, url, token);
      if (response.status === 204) return null;
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) return body;
      const invalidToken = response.status === 401 && readEbayErrors(body).some((entry) => entry.errorId === INVALID_TOKEN_ERROR_ID);
      if (invalidToken && attempt === 0) {
        this.#tokens.invalidate(token);
        continue;
      }
      throw toEbayApiError(request.api, response.status, body, response.headers.get('retry-after'));
    }
  }

  async #send(api: string, url: URL, token: string): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (this.#marketplaceId) headers['x-ebay-c-marketplace-id'] = this.#marketplaceId;
    const startedAt = performance.now();
    try {
      const response = await this.#fetch(url, { method: 'GET', headers, signal: AbortSignal.timeout(this.#timeoutMs) });
      this.#metrics?.recordCall({ service: 'ebay', operation: api, outcome: outcomeOfStatus(response.status), durationMs: performance.now() - startedAt });
      return response;
    } catch (error) {
      const failure = toEbayNetworkError(api, error, this.#timeoutMs);
      this.#metrics?.recordCall({ service: 'ebay', operation: api, outcome: outcomeOfError(failure), durationMs: performance.now() - startedAt });
      throw failure;
    }
  }
}
