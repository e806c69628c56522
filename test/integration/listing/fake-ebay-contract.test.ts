import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { findShapeProblems, loadOpenApi } from '../../fakes/ebay/openapi-shape.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';

/** The fake's answers hold to eBay's own OpenAPI description of the Taxonomy API. */
describe.skipIf(!hasSharedData())('the fake eBay Taxonomy API against eBay’s OpenAPI contract', () => {
  let fake: StartedFakeEbay;
  let token: string;
  const spec = hasSharedData() ? loadOpenApi(sharedPath('ebay-openapi', 'commerce_taxonomy_v1_oas3.json')) : null;

  beforeAll(async () => {
    fake = await startFakeEbay();
    const response = await fetch(`${fake.baseUrl}/identity/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${FAKE_CLIENT_ID}:${FAKE_CLIENT_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope',
    });
    const body = (await response.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(body).toMatchObject({ expires_in: 7200, token_type: 'Application Access Token' });
    token = body.access_token;
  });

  afterAll(async () => {
    await fake?.server.stop();
  });

  async function get(path: string, bearer: string | null = token): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${fake.baseUrl}/commerce/taxonomy/v1${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  it.each([
    { path: '/get_default_category_tree_id?marketplace_id=EBAY_US', schema: 'BaseCategoryTree' },
    { path: "/category_tree/0/get_category_suggestions?q=men's%20jeans", schema: 'CategorySuggestionResponse' },
    { path: '/category_tree/0/get_category_suggestions?q=jug', schema: 'CategorySuggestionResponse' },
    { path: '/category_tree/0/get_item_aspects_for_category?category_id=11483', schema: 'AspectMetadata' },
    { path: '/category_tree/0/get_item_aspects_for_category?category_id=162925', schema: 'AspectMetadata' },
  ])('answers $path with a $schema', async ({ path, schema }) => {
    const { status, body } = await get(path);
    expect(status).toBe(200);
    expect(findShapeProblems(spec!, schema, body)).toEqual([]);
  });

  it.each([
    { path: '/get_default_category_tree_id', errorId: 62002 },
    { path: '/get_default_category_tree_id?marketplace_id=EBAY_XX', errorId: 62003 },
    { path: '/category_tree/7/get_category_suggestions?q=jeans', errorId: 62004 },
    { path: '/category_tree/0/get_category_suggestions', errorId: 62007 },
    { path: '/category_tree/0/get_item_aspects_for_category', errorId: 62006 },
    { path: '/category_tree/0/get_item_aspects_for_category?category_id=0', errorId: 62008 },
    { path: '/category_tree/0/get_item_aspects_for_category?category_id=11450', errorId: 62009 },
    { path: '/category_tree/0/get_item_aspects_for_category?category_id=123456789', errorId: 62005 },
  ])('refuses $path with errorId $errorId in eBay’s error shape', async ({ path, errorId }) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    const errors = (body as { errors: unknown[] }).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ errorId, domain: 'API_TAXONOMY', category: 'REQUEST' });
    expect(findShapeProblems(spec!, 'Error', errors[0])).toEqual([]);
  });

  it('refuses a call without a valid application token with eBay’s 1001', async () => {
    for (const bearer of [null, 'made-up-token']) {
      const { status, body } = await get('/get_default_category_tree_id?marketplace_id=EBAY_US', bearer);
      expect(status).toBe(401);
      expect(body).toMatchObject({ errors: [{ errorId: 1001, domain: 'OAuth' }] });
    }
  });

  it('serves eBay’s real recorded suggestions as they were recorded', async () => {
    const { body } = await get('/category_tree/0/get_category_suggestions?q=pitcher');
    expect((body as { categoryTreeVersion: string }).categoryTreeVersion).toBe('130');
  });

  it('has a shape checker that does catch a wrong answer', () => {
    expect(findShapeProblems(spec!, 'AspectMetadata', { aspects: [{ localizedAspectName: 5, unknownField: true }] })).toEqual([
      'aspects[0].localizedAspectName: expected string, got integer',
      'aspects[0].unknownField: not in the schema',
    ]);
  });
});

describe('the fake eBay OAuth token endpoint', () => {
  let fake: StartedFakeEbay;

  beforeAll(async () => {
    fake = await startFakeEbay();
  });

  afterAll(async () => {
    await fake?.server.stop();
  });

  async function requestToken(options: { credentials?: string; body?: string; contentType?: string }): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${fake.baseUrl}/identity/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(options.credentials ?? `${FAKE_CLIENT_ID}:${FAKE_CLIENT_SECRET}`).toString('base64')}`,
        'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      },
      body: options.body ?? 'grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope',
    });
    return { status: response.status, body: await response.json() };
  }

  it.each([
    { case: 'wrong keys', options: { credentials: `${FAKE_CLIENT_ID}:nope` }, status: 401, error: 'invalid_client' },
    { case: 'a JSON body', options: { contentType: 'application/json' }, status: 400, error: 'invalid_request' },
    { case: 'a grant eBay does not offer', options: { body: 'grant_type=password&username=x&password=y' }, status: 400, error: 'unsupported_grant_type' },
    { case: 'a refresh token it never issued', options: { body: 'grant_type=refresh_token&refresh_token=x' }, status: 400, error: 'invalid_grant' },
    { case: 'a user scope on an application token', options: { body: 'grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope%2Fsell.inventory' }, status: 400, error: 'invalid_scope' },
  ])('refuses $case in the OAuth error shape', async ({ options, status, error }) => {
    const answer = await requestToken(options);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error, error_description: expect.any(String) });
  });
});
