import type { FakeEbayModule, FakeResponse } from './fake-ebay-module.ts';
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

export interface OAuthModuleOptions {
  /** client_id → client_secret of the applications the fake knows. */
  clients: Record<string, string>;
  /** Lifetime of an application token; eBay's is 7200 seconds. */
  applicationTokenSeconds?: number;
}

function oauthError(status: number, error: string, description: string): FakeResponse {
  return { status, body: { error, error_description: description } };
}

/**
 * eBay's OAuth token endpoint (POST /identity/v1/oauth2/token) for the client credentials
 * grant: Basic authentication with the application keys, a form body, the requested scopes
 * checked, and an application access token that the fake's other modules accept.
 * The authorization code and refresh token grants belong to the user-account module, not here yet.
 */
export function createOAuthModule(server: FakeEbayServer, options: OAuthModuleOptions): FakeEbayModule {
  return {
    name: 'oauth',
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
          const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
          const [clientId, clientSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
          if (!clientId || options.clients[clientId] === undefined || options.clients[clientId] !== clientSecret) {
            return oauthError(401, 'invalid_client', 'client authentication failed');
          }
          const form = new URLSearchParams(request.body);
          const grantType = form.get('grant_type');
          if (grantType !== 'client_credentials') {
            return oauthError(400, 'unsupported_grant_type', 'grant type in request is not supported by the authorization server');
          }
          const scopes = (form.get('scope') ?? '').split(/\s+/).filter((scope) => scope !== '');
          if (scopes.length === 0 || scopes.some((scope) => !APPLICATION_SCOPES.includes(scope))) {
            return oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client');
          }
          const lifetime = options.applicationTokenSeconds ?? 7200;
          const issued = server.issueToken('application', scopes, lifetime);
          return { status: 200, body: { access_token: issued.token, expires_in: lifetime, token_type: 'Application Access Token' } };
        },
      },
    ],
  };
}
