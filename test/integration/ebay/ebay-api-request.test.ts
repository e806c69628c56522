import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromEbayApiFailure, readEbayErrorIds, readOAuthErrorCode } from '../../../src/adapters/ebay/ebay-api-errors.ts';
import { createEbayApi, type EbayApiSettings } from '../../../src/adapters/ebay/ebay-api-factory.ts';
import { EbayApiRequest, rewriteEbayUrl } from '../../../src/adapters/ebay/ebay-api-request.ts';
import { EbayApplicationTokenProvider } from '../../../src/adapters/ebay/ebay-application-token-provider.ts';
import { EasyFlipError, RateLimitedError, TransientError } from '../../../src/contracts/errors.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_RU_NAME, startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

describe('rewriteEbayUrl', () => {
  const bases = { apiBaseUrl: 'http://127.0.0.1:9000/', authBaseUrl: 'http://127.0.0.1:9001' };

  it('points every eBay API host, production or sandbox, at the configured base URL', () => {
    expect(rewriteEbayUrl('https://api.ebay.com/sell/inventory/v1/location?limit=5', bases)).toBe('http://127.0.0.1:9000/sell/inventory/v1/location?limit=5');
    expect(rewriteEbayUrl('https://apim.sandbox.ebay.com/commerce/media/v1_beta/image', bases)).toBe('http://127.0.0.1:9000/commerce/media/v1_beta/image');
    expect(rewriteEbayUrl('https://apiz.ebay.com/commerce/identity/v1/user/', bases)).toBe('http://127.0.0.1:9000/commerce/identity/v1/user/');
  });

  it("points eBay's sign-in host at the configured auth base URL", () => {
    expect(rewriteEbayUrl('https://auth.sandbox.ebay.com/oauth2/authorize?client_id=x', bases)).toBe('http://127.0.0.1:9001/oauth2/authorize?client_id=x');
  });

  it('leaves URLs alone without a base URL, and never touches other hosts', () => {
    expect(rewriteEbayUrl('https://api.ebay.com/x', {})).toBe('https://api.ebay.com/x');
    expect(rewriteEbayUrl('https://api.ebay.com.example.org/x', bases)).toBe('https://api.ebay.com.example.org/x');
  });
});

describe('ebay-api through our request client, against the fake eBay', () => {
  let fake: StartedFakeEbay;
  let tokens: EbayApplicationTokenProvider;
  let settings: EbayApiSettings;

  beforeAll(async () => {
    fake = await startFakeEbay();
    settings = {
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      environment: 'sandbox',
      marketplaceId: 'EBAY_US',
      ruName: FAKE_RU_NAME,
      apiBaseUrl: fake.baseUrl,
      authBaseUrl: fake.baseUrl,
      timeoutMs: 2000,
    };
  });

  afterAll(async () => {
    await fake?.server.stop();
  });

  beforeEach(() => {
    fake.server.reset();
    tokens = new EbayApplicationTokenProvider({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, baseUrl: fake.baseUrl });
  });

  it("sends ebay-api's calls to the configured host with our token and the marketplace header", async () => {
    const api = createEbayApi({ config: settings, tokens });
    await expect(api.commerce.taxonomy.getDefaultCategoryTreeId('EBAY_US')).resolves.toMatchObject({ categoryTreeId: '0' });
    const [grant, call] = fake.server.requests;
    expect(grant?.operation).toBe('getToken');
    expect(call).toMatchObject({ operation: 'getDefaultCategoryTreeId', query: { marketplace_id: 'EBAY_US' } });
    expect(call?.headers.authorization).toBe(`Bearer ${await tokens.getToken()}`);
    expect(call?.headers['x-ebay-c-marketplace-id']).toBe('EBAY_US');
  });

  it('keeps the status, errorIds and Retry-After of a 429, so the caller waits as eBay asked', async () => {
    const api = createEbayApi({ config: settings, tokens });
    fake.server.failNext({
      match: 'getDefaultCategoryTreeId',
      status: 429,
      headers: { 'retry-after': '7' },
      body: { errors: [{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST', message: 'Too many requests' }] },
    });
    const raw = await failureOf(api.commerce.taxonomy.getDefaultCategoryTreeId('EBAY_US'));
    expect(readEbayErrorIds(raw)).toEqual([2001]);
    const failure = fromEbayApiFailure('Taxonomy', raw);
    expect(failure).toBeInstanceOf(RateLimitedError);
    expect((failure as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it('turns eBay 5xx answers into retryable errors and 4xx into permanent ones that quote eBay', async () => {
    const api = createEbayApi({ config: settings, tokens });
    fake.server.failNext({ match: 'getDefaultCategoryTreeId', status: 500, body: { errors: [{ errorId: 62000, domain: 'API_TAXONOMY', category: 'APPLICATION', message: 'internal' }] } });
    const transient = fromEbayApiFailure('Taxonomy', await failureOf(api.commerce.taxonomy.getDefaultCategoryTreeId('EBAY_US')));
    expect(transient).toBeInstanceOf(TransientError);
    expect(transient.retryable).toBe(true);

    const permanent = fromEbayApiFailure('Taxonomy', await failureOf(api.commerce.taxonomy.getDefaultCategoryTreeId('')));
    expect(permanent.retryable).toBe(false);
    expect(permanent.message).toMatch(/errorId 62002/);
  });

  it('asks for a new token once when eBay says the token is invalid', async () => {
    const api = createEbayApi({ config: settings, tokens });
    await api.commerce.taxonomy.getDefaultCategoryTreeId('EBAY_US');
    fake.server.revokeTokens();
    await expect(api.commerce.taxonomy.getDefaultCategoryTreeId('EBAY_US')).resolves.toMatchObject({ categoryTreeId: '0' });
    expect(tokens.grantCount).toBe(2);
  });

  it('gives up on a call that outlives the timeout with a retryable timeout error', async () => {
    const api = createEbayApi({ config: { ...settings, timeoutMs: 100 }, tokens });
    fake.server.failNext({ match: 'getDefaultCategoryTreeId', status: 200, body: {}, delayMs: 1000 });
    const failure = fromEbayApiFailure('Taxonomy', await failureOf(api.commerce.taxonomy.getDefaultCategoryTreeId('EBAY_US')));
    expect(failure).toBeInstanceOf(EasyFlipError);
    expect(failure.code).toBe('TIMEOUT');
  });

  it("reads eBay's OAuth error code from ebay-api's OAuth2 calls, and never keeps the credentials on the error", async () => {
    const api = createEbayApi({ config: settings, request: new EbayApiRequest({ apiBaseUrl: fake.baseUrl }) });
    const raw = await failureOf(api.OAuth2.mintUserAccessToken('a-code-eBay-never-issued', FAKE_RU_NAME));
    expect(readOAuthErrorCode(raw)).toBe('invalid_grant');
    const basic = Buffer.from(`${FAKE_CLIENT_ID}:${FAKE_CLIENT_SECRET}`).toString('base64');
    const kept = JSON.stringify(raw, (_key, value: unknown) => value);
    expect(kept).not.toContain(basic);
    expect(kept).not.toContain(FAKE_CLIENT_SECRET);
    expect(kept).not.toContain('a-code-eBay-never-issued');
  });
});
