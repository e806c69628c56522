import { toEbayNetworkError, readEbayErrors } from './ebay-api-errors.ts';
import type { EbayTokenSource } from './ebay-application-token-provider.ts';

/**
 * The request options the `ebay-api` package hands its request client. It speaks axios; these
 * are the parts of axios' config it actually uses.
 */
export interface EbayRequestConfig {
  headers?: Record<string, string | number | boolean | null | undefined>;
  /** Query parameters; arrays repeat the name (`a=1&a=2`), undefined values are left out. */
  params?: Record<string, unknown>;
  /** HTTP Basic credentials (the OAuth token endpoint). */
  auth?: { username: string; password: string };
  /** 'arraybuffer' answers with a Buffer; anything else with parsed JSON, or text. */
  responseType?: string;
  /** Milliseconds; the client's own timeout when left out. */
  timeout?: number;
}

/** An answer in the shape axios gives it, which is what `ebay-api` reads. */
export interface EbayHttpResponse {
  data: unknown;
  status: number;
  statusText: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  config: EbayRequestedConfig;
}

/** What was asked, as kept on answers and errors: never the body, never the credentials. */
export interface EbayRequestedConfig {
  url: string;
  method: string;
  headers: Record<string, string>;
  params?: Record<string, unknown>;
}

/**
 * A non-2xx answer, thrown in the shape of an axios error: `ebay-api`'s error handling reads
 * `response.status`, `response.headers` and `response.data` from it, so eBay's errorIds, the
 * HTTP status and Retry-After reach our code whichever way the error travels.
 */
export class EbayHttpError extends Error {
  readonly isAxiosError = true;
  readonly status: number;

  constructor(
    readonly response: EbayHttpResponse,
    readonly config: EbayRequestedConfig,
  ) {
    super(`eBay answered ${config.method.toUpperCase()} ${describeUrl(config.url)} with HTTP ${response.status}`);
    this.name = 'EbayHttpError';
    this.status = response.status;
  }
}

export interface EbayApiRequestOptions {
  /** Replaces eBay's API hosts (api, apim, apiz, apix, sandbox or not): a proxy, or a local fake. */
  apiBaseUrl?: string | null;
  /** Replaces eBay's sign-in host (auth.ebay.com) in consent URLs. */
  authBaseUrl?: string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * The source of the bearer tokens the calls carry. When given, an answer saying the token is
   * invalid (HTTP 401, errorId 1001) makes the client forget that token and try once more.
   */
  tokens?: EbayTokenSource;
}

/** eBay's answer to an invalid or expired access token, on every REST API. */
const INVALID_TOKEN_ERROR_ID = 1001;
const EBAY_API_HOST = /^https:\/\/(api|apim|apiz|apix)\.(sandbox\.)?ebay\.com(?=\/|$)/i;
const EBAY_AUTH_HOST = /^https:\/\/auth\.(sandbox\.)?ebay\.com(?=\/|$)/i;
/** Headers of axios' browser defaults or of compression handling that fetch does itself. */
const DROPPED_HEADERS = new Set(['accept-encoding', 'access-control-allow-origin', 'access-control-allow-headers', 'access-control-allow-methods', 'content-length']);
const SECRET_HEADERS = new Set(['authorization', 'x-ebay-signature-key', 'signature']);

/** An eBay URL with its host replaced by the configured base URL, when there is one. */
export function rewriteEbayUrl(url: string, bases: { apiBaseUrl?: string | null; authBaseUrl?: string | null }): string {
  if (bases.apiBaseUrl && EBAY_API_HOST.test(url)) return url.replace(EBAY_API_HOST, bases.apiBaseUrl.replace(/\/+$/, ''));
  if (bases.authBaseUrl && EBAY_AUTH_HOST.test(url)) return url.replace(EBAY_AUTH_HOST, bases.authBaseUrl.replace(/\/+$/, ''));
  return url;
}

/**
 * The request client we give `ebay-api` in place of its axios one, over the built-in fetch: eBay's
 * hosts rewritten to a configured base URL (a proxy, or the local fake in tests), a timeout on
 * every call, answers and errors in the axios shape the package reads, and one retry with a new
 * token when eBay says the bearer token is invalid. Network failures and timeouts are thrown as
 * our own retryable errors, which `ebay-api` passes through untouched.
 *
 * It implements `ebay-api`'s `IEBayApiRequest` structurally; the package types that interface with
 * axios' own classes, so the factory passes it with a cast (see `ebay-api-factory.ts`).
 */
export class EbayApiRequest {
  /** `IEBayApiRequest` asks for the underlying client; ours is this object itself. */
  readonly instance: this = this;
  readonly #apiBaseUrl: string | null;
  readonly #authBaseUrl: string | null;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #tokens: EbayTokenSource | null;

  constructor(options: EbayApiRequestOptions = {}) {
    this.#apiBaseUrl = options.apiBaseUrl ?? null;
    this.#authBaseUrl = options.authBaseUrl ?? null;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#tokens = options.tokens ?? null;
  }

  /** A URL of eBay's, pointed where this client sends its calls (also for the consent page). */
  rewriteUrl(url: string): string {
    return rewriteEbayUrl(url, { apiBaseUrl: this.#apiBaseUrl, authBaseUrl: this.#authBaseUrl });
  }

  get(url: string, config?: EbayRequestConfig): Promise<EbayHttpResponse> {
    return this.request('GET', url, undefined, config);
  }

  delete(url: string, config?: EbayRequestConfig): Promise<EbayHttpResponse> {
    return this.request('DELETE', url, undefined, config);
  }

  post(url: string, data?: unknown, config?: EbayRequestConfig): Promise<EbayHttpResponse> {
    return this.request('POST', url, data, config);
  }

  put(url: string, data?: unknown, config?: EbayRequestConfig): Promise<EbayHttpResponse> {
    return this.request('PUT', url, data, config);
  }

  /** A form-encoded POST (the OAuth token endpoint). */
  postForm(url: string, data?: unknown, config?: EbayRequestConfig): Promise<EbayHttpResponse> {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(isRecord(data) ? data : {})) {
      if (value !== undefined && value !== null) form.append(name, formatValue(value));
    }
    const headers = { ...config?.headers, 'content-type': 'application/x-www-form-urlencoded' };
    return this.request('POST', url, form, { ...config, headers });
  }

  async request(method: string, url: string, data: unknown, config: EbayRequestConfig = {}): Promise<EbayHttpResponse> {
    const target = new URL(this.rewriteUrl(url));
    appendParams(target, config.params);
    const headers = buildHeaders(config);
    const body = encodeBody(data, headers);
    const timeoutMs = config.timeout ?? this.#timeoutMs;
    const requested: EbayRequestedConfig = {
      url: target.toString(),
      method: method.toLowerCase(),
      headers: redactHeaders(headers),
      ...(config.params ? { params: config.params } : {}),
    };

    for (let attempt = 0; ; attempt += 1) {
      const response = await this.#send(method, target, headers, body, timeoutMs);
      const answer = await readResponse(response, config.responseType, requested);
      if (response.ok) return answer;
      const bearer = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
      const invalidToken =
        response.status === 401 && readEbayErrors(answer.data).some((entry) => entry.errorId === INVALID_TOKEN_ERROR_ID);
      if (invalidToken && bearer && this.#tokens && attempt === 0) {
        this.#tokens.invalidate(bearer);
        headers.set('authorization', `Bearer ${await this.#tokens.getToken()}`);
        continue;
      }
      throw new EbayHttpError(answer, requested);
    }
  }

  async #send(method: string, target: URL, headers: Headers, body: RequestInit['body'], timeoutMs: number): Promise<Response> {
    try {
      return await this.#fetch(target, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw toEbayNetworkError(apiNameOf(target), error, timeoutMs);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A query or form value as text: scalars as they are, anything else as JSON. */
function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

function appendParams(target: URL, params: Record<string, unknown> | undefined): void {
  for (const [name, value] of Object.entries(params ?? {})) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const entry of values) {
      if (entry === undefined || entry === null) continue;
      target.searchParams.append(name, formatValue(entry));
    }
  }
}

function buildHeaders(config: EbayRequestConfig): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    if (value === undefined || value === null || DROPPED_HEADERS.has(name.toLowerCase())) continue;
    headers.set(name, String(value));
  }
  if (config.auth) {
    const credentials = Buffer.from(`${config.auth.username}:${config.auth.password}`, 'utf8').toString('base64');
    headers.set('authorization', `Basic ${credentials}`);
  }
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  return headers;
}

function encodeBody(data: unknown, headers: Headers): RequestInit['body'] {
  if (data === undefined || data === null) return undefined;
  if (data instanceof FormData) {
    // fetch writes the multipart boundary into the content type itself.
    headers.delete('content-type');
    return data;
  }
  if (typeof data === 'string' || data instanceof URLSearchParams || data instanceof Blob || data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return JSON.stringify(data);
}

async function readResponse(response: Response, responseType: string | undefined, config: EbayRequestedConfig): Promise<EbayHttpResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  let data: unknown;
  if (responseType === 'arraybuffer' && response.ok) {
    data = Buffer.from(await response.arrayBuffer());
  } else {
    const text = await response.text();
    data = parseText(text, headers['content-type'] ?? '');
  }
  return { data, status: response.status, statusText: response.statusText, headers, config };
}

function parseText(text: string, contentType: string): unknown {
  if (text === '') return '';
  const looksJson = contentType.includes('json') || /^\s*[[{]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function redactHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    kept[name] = SECRET_HEADERS.has(name) ? '[redacted]' : value;
  });
  return kept;
}

/** Host and path, no query: enough to tell calls apart in a message. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/** "OAuth", "sell/inventory", "commerce/taxonomy"... for messages about a failed call. */
function apiNameOf(target: URL): string {
  if (target.pathname.startsWith('/identity/')) return 'OAuth';
  const [family, name] = target.pathname.split('/').filter((part) => part !== '');
  return family && name ? `${family}/${name}` : target.host;
}
