import { randomBytes } from 'node:crypto';
import type { FakeEbayModule, FakeRequest, FakeResponse } from './fake-ebay-module.ts';
import type { FakeEbayServer } from './fake-ebay-server.ts';

/** The scopes an application token may carry (eBay's list of application scopes). */
export const APPLICATION_SCOPES = [
  'https://api.ebay.com/oauth/api_scope',
  'https://api.ebay.com/oauth/api_scope/buy.guest.order',
  'https://api.ebay.com/oauth/api_scope/buy.item.feed',
  'https://api.ebay.com/oauth/api_scope/buy.marketing',
  'https://api.ebay.com/oauth/api_scope/buy.product.feed',
  'https://api.ebay.com/oauth/api_scope/buy.marketplace.insights',
  'https://api.ebay.com/oauth/api_scope/buy.proxy.guest.order',
  'https://api.ebay.com/oauth/api_scope/buy.item.bulk',
];

/**
 * The scopes a seller may grant (eBay's user scopes, ../shared/data/ebay-openapi/oauth), plus
 * Marketplace Insights, which eBay grants to the users of applications admitted to it.
 */
export const USER_SCOPES = [
  'https://api.ebay.com/oauth/api_scope',
  'https://api.ebay.com/oauth/api_scope/sell.inventory',
  'https://api.ebay.com/oauth/api_scope/sell.inventory.readonly',
  'https://api.ebay.com/oauth/api_scope/sell.account',
  'https://api.ebay.com/oauth/api_scope/sell.account.readonly',
  'https://api.ebay.com/oauth/api_scope/sell.fulfillment',
  'https://api.ebay.com/oauth/api_scope/sell.marketing',
  'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly',
  'https://api.ebay.com/oauth/api_scope/buy.marketplace.insights',
];

export interface OAuthModuleOptions {
  /** client_id → client_secret of the applications the fake knows. */
  clients: Record<string, string>;
  /** Lifetime of an application token; eBay's is 7200 seconds. */
  applicationTokenSeconds?: number;
  /** client_id → its RuName, the only redirect_uri eBay accepts for it. */
  ruNames?: Record<string, string>;
  /** The state of sellers' grants; one is made when left out. */
  users?: FakeEbayUsers;
}

interface AuthorizationCode {
  clientId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

interface RefreshGrant {
  clientId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

/** eBay's answer to a code or refresh token it does not accept. */
const INVALID_GRANT_CODE = 'the provided authorization grant code is invalid or was issued to another client';
const INVALID_GRANT_REFRESH = 'the provided authorization refresh token is invalid or was issued to another client';

/**
 * The sellers' side of the fake's OAuth: authorization codes handed out by the consent page
 * (single use, five minutes), refresh tokens (revocable, expiring), the user access tokens
 * issued, and how many refreshes were asked for. Tests script revocation and expiry here.
 */
export class FakeEbayUsers {
  /** Where the consent page sends the seller back (the "auth accepted URL" of the RuName). */
  acceptedUrl = 'http://127.0.0.1/accepted';
  /** The next consent is declined by the seller. */
  declineNext = false;
  userTokenSeconds = 7200;
  refreshTokenSeconds = 47_304_000;
  readonly #codes = new Map<string, AuthorizationCode>();
  readonly #refreshTokens = new Map<string, RefreshGrant>();
  readonly #userTokens = new Map<string, string[]>();
  readonly #applicationTokens = new Map<string, string[]>();
  #refreshes = 0;
  #codeGrants = 0;

  constructor(readonly server: FakeEbayServer) {}

  /** Refresh token grants answered with a new access token. */
  get refreshCount(): number {
    return this.#refreshes;
  }

  /** Authorization codes traded for tokens. */
  get codeGrantCount(): number {
    return this.#codeGrants;
  }

  /** Every authorization code handed out so far, newest last. */
  get issuedCodes(): string[] {
    return [...this.#codes.keys()];
  }

  /** Every refresh token handed out so far, newest last. */
  get issuedRefreshTokens(): string[] {
    return [...this.#refreshTokens.keys()];
  }

  /** Every user access token handed out so far, newest last. */
  get issuedUserTokens(): string[] {
    return [...this.#userTokens.keys()];
  }

  /** The seller revoked the application (or changed their password): refresh tokens stop working. */
  revokeRefreshTokens(): void {
    for (const grant of this.#refreshTokens.values()) grant.revoked = true;
  }

  /** Refresh tokens reach the end of their life now. */
  expireRefreshTokens(): void {
    for (const grant of this.#refreshTokens.values()) grant.expiresAt = this.server.now();
  }

  /** A seller who already consented: a refresh token the fake accepts, without the consent page. */
  grantRefreshToken(clientId: string, scopes: string[]): string {
    const token = `v^1.1#i^1#r^1#usr-refresh#${randomBytes(12).toString('hex')}`;
    this.#refreshTokens.set(token, { clientId, scopes, expiresAt: this.server.now() + this.refreshTokenSeconds * 1000, revoked: false });
    return token;
  }

  /** The scopes of a user access token the fake issued, or null (the server checks it is still valid). */
  scopesOf(authorization: string | undefined): string[] | null {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    return token ? (this.#userTokens.get(token) ?? null) : null;
  }

  /** The scopes of any access token the fake's OAuth issued (application or user), or null. */
  anyScopesOf(authorization: string | undefined): string[] | null {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    return token ? (this.#userTokens.get(token) ?? this.#applicationTokens.get(token) ?? null) : null;
  }

  recordApplicationToken(token: string, scopes: string[]): void {
    this.#applicationTokens.set(token, scopes);
  }

  issueCode(clientId: string, scopes: string[]): string {
    const code = `v^1.1#i^1#f^0#p^3#I^3#r^1#t^Ul41_${randomBytes(16).toString('hex')}`;
    this.#codes.set(code, { clientId, scopes, expiresAt: this.server.now() + 299_000, used: false });
    return code;
  }

  redeemCode(clientId: string, code: string): { scopes: string[] } | null {
    const entry = this.#codes.get(code);
    if (!entry || entry.used || entry.clientId !== clientId || entry.expiresAt <= this.server.now()) return null;
    entry.used = true;
    this.#codeGrants += 1;
    return { scopes: entry.scopes };
  }

  redeemRefreshToken(clientId: string, token: string, scopes: string[]): 'ok' | 'invalid' | 'scope' {
    const grant = this.#refreshTokens.get(token);
    if (!grant || grant.revoked || grant.clientId !== clientId || grant.expiresAt <= this.server.now()) return 'invalid';
    if (scopes.some((scope) => !grant.scopes.includes(scope))) return 'scope';
    this.#refreshes += 1;
    return 'ok';
  }

  issueUserToken(scopes: string[]): { token: string; seconds: number } {
    const issued = this.server.issueToken('user', scopes, this.userTokenSeconds);
    this.#userTokens.set(issued.token, scopes);
    return { token: issued.token, seconds: this.userTokenSeconds };
  }
}

function oauthError(status: number, error: string, description: string): FakeResponse {
  return { status, body: { error, error_description: description } };
}

function splitScopes(value: string | null): string[] {
  return (value ?? '').split(/\s+/).filter((scope) => scope !== '');
}

/**
 * eBay's OAuth as the fake serves it: the token endpoint (POST /identity/v1/oauth2/token) for the
 * client credentials, authorization code and refresh token grants, with Basic authentication by
 * the application keys and eBay's OAuth error shape (`{error, error_description}`); and the
 * consent page (GET /oauth2/authorize on the sign-in host), which sends the seller straight back
 * to the accepted URL with a code and the state.
 */
export function createOAuthModule(server: FakeEbayServer, options: OAuthModuleOptions): FakeEbayModule & { users: FakeEbayUsers } {
  const users = options.users ?? new FakeEbayUsers(server);

  const authenticate = (request: FakeRequest): string | null => {
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [clientId, clientSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    if (!clientId || options.clients[clientId] === undefined || options.clients[clientId] !== clientSecret) return null;
    return clientId;
  };

  const userToken = (scopes: string[], refreshToken?: string): FakeResponse => {
    const issued = users.issueUserToken(scopes);
    return {
      status: 200,
      body: {
        access_token: issued.token,
        expires_in: issued.seconds,
        token_type: 'User Access Token',
        ...(refreshToken ? { refresh_token: refreshToken, refresh_token_expires_in: users.refreshTokenSeconds } : {}),
      },
    };
  };

  return {
    name: 'oauth',
    users,
    routes: [
      {
        method: 'POST',
        path: '/identity/v1/oauth2/token',
        operation: 'getToken',
        auth: 'none',
        handle(request) {
          if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
            return oauthError(400, 'invalid_request', 'request is missing a required parameter or malformed.');
          }
          const clientId = authenticate(request);
          if (!clientId) return oauthError(401, 'invalid_client', 'client authentication failed');
          const form = new URLSearchParams(request.body);
          const grantType = form.get('grant_type');

          if (grantType === 'client_credentials') {
            const scopes = splitScopes(form.get('scope'));
            if (scopes.length === 0 || scopes.some((scope) => !APPLICATION_SCOPES.includes(scope))) {
              return oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client');
            }
            const lifetime = options.applicationTokenSeconds ?? 7200;
            const issued = server.issueToken('application', scopes, lifetime);
            users.recordApplicationToken(issued.token, scopes);
            return { status: 200, body: { access_token: issued.token, expires_in: lifetime, token_type: 'Application Access Token' } };
          }

          if (grantType === 'authorization_code') {
            const code = form.get('code');
            const redirectUri = form.get('redirect_uri');
            if (!code || !redirectUri) return oauthError(400, 'invalid_request', 'request is missing a required parameter or malformed.');
            const ruName = options.ruNames?.[clientId];
            if (ruName !== undefined && redirectUri !== ruName) {
              return oauthError(400, 'invalid_request', 'redirect_uri does not match the RuName of the client');
            }
            const redeemed = users.redeemCode(clientId, code);
            if (!redeemed) return oauthError(400, 'invalid_grant', INVALID_GRANT_CODE);
            return userToken(redeemed.scopes, users.grantRefreshToken(clientId, redeemed.scopes));
          }

          if (grantType === 'refresh_token') {
            const refreshToken = form.get('refresh_token');
            if (!refreshToken) return oauthError(400, 'invalid_request', 'request is missing a required parameter or malformed.');
            const scopes = splitScopes(form.get('scope'));
            const outcome = users.redeemRefreshToken(clientId, refreshToken, scopes);
            if (outcome === 'invalid') return oauthError(400, 'invalid_grant', INVALID_GRANT_REFRESH);
            if (outcome === 'scope') return oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client');
            return userToken(scopes);
          }

          return oauthError(400, 'unsupported_grant_type', 'grant type in request is not supported by the authorization server');
        },
      },
      {
        method: 'GET',
        path: '/oauth2/authorize',
        operation: 'authorize',
        auth: 'none',
        handle(request) {
          const clientId = request.query.get('client_id') ?? '';
          const state = request.query.get('state');
          const scopes = splitScopes(request.query.get('scope'));
          if (options.clients[clientId] === undefined) return { status: 400, body: 'unknown client_id' };
          const ruName = options.ruNames?.[clientId];
          if (request.query.get('response_type') !== 'code' || (ruName !== undefined && request.query.get('redirect_uri') !== ruName)) {
            return { status: 400, body: 'invalid request: response_type must be code and redirect_uri the RuName of the client' };
          }
          if (scopes.length === 0 || scopes.some((scope) => !USER_SCOPES.includes(scope))) {
            return { status: 400, body: 'invalid_scope' };
          }
          const back = new URL(users.acceptedUrl);
          if (users.declineNext) {
            users.declineNext = false;
            back.searchParams.set('error', 'access_denied');
          } else {
            back.searchParams.set('code', users.issueCode(clientId, scopes));
            back.searchParams.set('expires_in', '299');
          }
          if (state !== null) back.searchParams.set('state', state);
          return { status: 302, headers: { location: back.toString() } };
        },
      },
    ],
  };
}
