import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { findShapeProblems, loadOpenApi } from '../../fakes/ebay/openapi-shape.ts';
import { attachSellApis, type FakeSellApis } from '../../fakes/ebay/sell-apis.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';

const INVENTORY = '/sell/inventory/v1';

/** The fake's Inventory and Media APIs hold to eBay's contract, and to the rules eBay states only in prose. */
describe.skipIf(!hasSharedData())('the fake eBay Inventory and Media APIs against eBay’s contract', () => {
  let fake: StartedFakeEbay;
  let apis: FakeSellApis;
  let token: string;
  let jpeg: Buffer;
  const spec = hasSharedData() ? loadOpenApi(sharedPath('ebay-openapi', 'sell_inventory_v1_oas3.json')) : null;

  async function open(options: Parameters<typeof attachSellApis>[1] = {}): Promise<void> {
    await fake?.server.stop();
    fake = await startFakeEbay();
    apis = attachSellApis(fake, options);
    token = fake.users.issueUserToken(['https://api.ebay.com/oauth/api_scope/sell.inventory']).token;
  }

  beforeAll(async () => {
    jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a6' } }).jpeg().toBuffer();
  });

  beforeEach(async () => {
    await open();
  });

  afterAll(async () => {
    await fake?.server.stop();
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
    const response = await fetch(`${fake.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-language': 'en-US' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown), headers: response.headers };
  }

  function errorIdsOf(body: unknown): number[] {
    return ((body as { errors?: Array<{ errorId: number }> }).errors ?? []).map((entry) => entry.errorId);
  }

  const item = (overrides: Record<string, unknown> = {}) => ({
    availability: { shipToLocationAvailability: { quantity: 1 } },
    condition: 'USED_EXCELLENT',
    packageWeightAndSize: { weight: { value: 14.2, unit: 'OUNCE' } },
    product: {
      title: "Levi's 501 Original Fit Jeans Men's 32x30 Blue",
      description: '<p>Classic jeans.</p>',
      aspects: { Brand: ["Levi's"], 'Size Type': ['Regular'] },
      imageUrls: ['https://i.ebayimg.com/images/g/abc/s-l1600.jpg'],
    },
    ...overrides,
  });
  const offer = (sku: string, overrides: Record<string, unknown> = {}) => ({
    sku,
    marketplaceId: 'EBAY_US',
    format: 'FIXED_PRICE',
    listingDuration: 'GTC',
    availableQuantity: 1,
    categoryId: '11483',
    listingDescription: '<p>Classic jeans.</p>',
    pricingSummary: { price: { value: '24.99', currency: 'USD' } },
    listingPolicies: { fulfillmentPolicyId: 'F1', paymentPolicyId: 'P1', returnPolicyId: 'R1' },
    merchantLocationKey: 'home',
    ...overrides,
  });

  it('creates an inventory item with 201, replaces it with 204, and reads it back', async () => {
    expect((await call('PUT', `${INVENTORY}/inventory_item/EF-1`, item())).status).toBe(201);
    expect((await call('PUT', `${INVENTORY}/inventory_item/EF-1`, item())).status).toBe(204);
    const read = await call('GET', `${INVENTORY}/inventory_item/EF-1`);
    expect(read.status).toBe(200);
    expect(findShapeProblems(spec!, 'InventoryItemWithSkuLocaleGroupid', { ...(read.body as object), product: {} })).toEqual([]);
  });

  it.each([
    { what: 'a field the contract does not have', body: item({ colour: 'blue' }), errorId: 25709 },
    { what: 'a value of the wrong type', body: item({ condition: 3000 }), errorId: 25709 },
    { what: 'item specifics that are not lists of strings', body: item({ product: { title: 'x', aspects: { Brand: 'Levi' } } }), errorId: 25709 },
    { what: 'a title over 80 characters', body: item({ product: { title: 'x'.repeat(81) } }), errorId: 25080 },
    { what: 'a weight without its unit', body: item({ packageWeightAndSize: { weight: { value: 3 } } }), errorId: 25715 },
  ])('refuses an inventory item with $what (errorId $errorId)', async ({ body, errorId }) => {
    const answer = await call('PUT', `${INVENTORY}/inventory_item/EF-2`, body);
    expect(answer.status).toBe(400);
    expect(errorIdsOf(answer.body)).toEqual([errorId]);
    for (const error of (answer.body as { errors: unknown[] }).errors) expect(findShapeProblems(spec!, 'Error', error)).toEqual([]);
  });

  it('refuses a write without the Content-Language header eBay requires, and a SKU eBay refuses', async () => {
    expect(errorIdsOf((await call('PUT', `${INVENTORY}/inventory_item/EF-3`, item(), { 'content-language': '' })).body)).toEqual([25709]);
    expect(errorIdsOf((await call('PUT', `${INVENTORY}/inventory_item/${'A'.repeat(51)}`, item())).body)).toEqual([25707]);
  });

  it('makes one offer per SKU, marketplace and format, and names the existing one in 25002', async () => {
    await call('PUT', `${INVENTORY}/inventory_item/EF-4`, item());
    const created = await call('POST', `${INVENTORY}/offer`, offer('EF-4'));
    expect(created.status).toBe(201);
    const { offerId } = created.body as { offerId: string };
    const again = await call('POST', `${INVENTORY}/offer`, offer('EF-4'));
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ errors: [{ errorId: 25002, parameters: [{ name: 'offerId', value: offerId }] }] });
    expect(apis.inventory.offersCreatedFor('EF-4')).toBe(1);
    const found = await call('GET', `${INVENTORY}/offer?sku=EF-4&marketplace_id=EBAY_US`);
    expect(found.status).toBe(200);
    expect(findShapeProblems(spec!, 'Offers', found.body)).toEqual([]);
    expect(found.body).toMatchObject({ total: 1, offers: [{ offerId, status: 'UNPUBLISHED' }] });
  });

  it('answers getOffers for a SKU without offers with 404 and 25713, and an offer for an unknown SKU with 25702', async () => {
    const none = await call('GET', `${INVENTORY}/offer?sku=NOPE`);
    expect(none.status).toBe(404);
    expect(errorIdsOf(none.body)).toEqual([25713]);
    expect(errorIdsOf((await call('POST', `${INVENTORY}/offer`, offer('NOPE'))).body)).toEqual([25702]);
  });

  it('refuses to publish an offer missing what eBay requires at publish time, naming each with its errorId', async () => {
    await call('PUT', `${INVENTORY}/inventory_item/EF-5`, item({ condition: undefined, product: { title: 'Shirt', imageUrls: [] } }));
    const { offerId } = (await call('POST', `${INVENTORY}/offer`, { sku: 'EF-5', marketplaceId: 'EBAY_US', format: 'FIXED_PRICE' })).body as { offerId: string };
    const refused = await call('POST', `${INVENTORY}/offer/${offerId}/publish`);
    expect(refused.status).toBe(400);
    expect(errorIdsOf(refused.body).sort()).toEqual([25002, 25003, 25005, 25007, 25008, 25009, 25012, 25017, 25017, 25021]);
    expect(apis.inventory.listingsPublishedFor('EF-5')).toBe(0);
  });

  it('refuses a condition the category does not take with 25021', async () => {
    // Men's boots take new, new without box, new with defects and pre-owned, not "pre-owned - fair".
    await call('PUT', `${INVENTORY}/inventory_item/EF-6`, item({ condition: 'PRE_OWNED_FAIR' }));
    const { offerId } = (await call('POST', `${INVENTORY}/offer`, offer('EF-6', { categoryId: '11498' }))).body as { offerId: string };
    const refused = await call('POST', `${INVENTORY}/offer/${offerId}/publish`);
    expect(errorIdsOf(refused.body)).toContain(25021);
  });

  it('publishes a complete offer once; publishing it again revises the same listing', async () => {
    await call('PUT', `${INVENTORY}/inventory_item/EF-7`, item());
    const { offerId } = (await call('POST', `${INVENTORY}/offer`, offer('EF-7'))).body as { offerId: string };
    const published = await call('POST', `${INVENTORY}/offer/${offerId}/publish`);
    expect(published.status).toBe(200);
    expect(findShapeProblems(spec!, 'PublishResponse', published.body)).toEqual([]);
    const again = await call('POST', `${INVENTORY}/offer/${offerId}/publish`);
    expect((again.body as { listingId: string }).listingId).toBe((published.body as { listingId: string }).listingId);
    expect(apis.inventory.listingsPublishedFor('EF-7')).toBe(1);
    expect(apis.inventory.liveListingOverwritesFor('EF-7')).toBe(1);
  });

  it('answers bulk calls item by item with 207 when some fail', async () => {
    const written = await call('POST', `${INVENTORY}/bulk_create_or_replace_inventory_item`, {
      requests: [
        { sku: 'B-1', locale: 'en_US', ...item() },
        { sku: 'B-2', locale: 'en_US', ...item({ product: { title: 'y'.repeat(90) } }) },
      ],
    });
    expect(written.status).toBe(207);
    expect(findShapeProblems(spec!, 'BulkInventoryItemResponse', written.body)).toEqual([]);
    expect(written.body).toMatchObject({ responses: [{ sku: 'B-1', statusCode: 201 }, { sku: 'B-2', statusCode: 400, errors: [{ errorId: 25080 }] }] });

    const offers = await call('POST', `${INVENTORY}/bulk_create_offer`, { requests: [offer('B-1'), offer('B-2')] });
    expect(offers.status).toBe(207);
    expect(findShapeProblems(spec!, 'BulkOfferResponse', offers.body)).toEqual([]);
    const offerId = (offers.body as { responses: Array<{ offerId?: string }> }).responses[0]?.offerId;
    const published = await call('POST', `${INVENTORY}/bulk_publish_offer`, { requests: [{ offerId }, { offerId: '404' }] });
    expect(published.status).toBe(207);
    expect(findShapeProblems(spec!, 'BulkPublishResponse', published.body)).toEqual([]);
    expect(published.body).toMatchObject({ responses: [{ offerId, statusCode: 200 }, { offerId: '404', statusCode: 404, errors: [{ errorId: 25713 }] }] });
  });

  it('refuses bulk calls of more than 25 items', async () => {
    const requests = Array.from({ length: 26 }, (_, index) => ({ sku: `C-${index}`, locale: 'en_US', ...item() }));
    expect(errorIdsOf((await call('POST', `${INVENTORY}/bulk_create_or_replace_inventory_item`, { requests })).body)).toEqual([25727]);
  });

  it('injects the faults a test asks for, on the calls it names', async () => {
    apis.faults.rateLimitNext('getOffers', 1, 3).systemErrorNext('getOffers', 1).serverErrorNext('getOffers', 1);
    const limited = await call('GET', `${INVENTORY}/offer?sku=X`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(errorIdsOf((await call('GET', `${INVENTORY}/offer?sku=X`)).body)).toEqual([25001]);
    expect((await call('GET', `${INVENTORY}/offer?sku=X`)).status).toBe(500);
    expect((await call('GET', `${INVENTORY}/offer?sku=X`)).status).toBe(404);
    expect(apis.faults.injectedCount('getOffers')).toBe(3);
  });

  it('can do the work and lose the answer, as a connection dropped after eBay acted', async () => {
    await call('PUT', `${INVENTORY}/inventory_item/EF-8`, item());
    apis.faults.loseAnswerNext('createOffer', 1);
    await expect(call('POST', `${INVENTORY}/offer`, offer('EF-8'))).rejects.toThrow();
    expect(apis.inventory.offersCreatedFor('EF-8')).toBe(1);
  });

  it('refuses a user token without the sell.inventory scope with eBay’s 403 and 1100', async () => {
    token = fake.users.issueUserToken(['https://api.ebay.com/oauth/api_scope/sell.account']).token;
    const answer = await call('GET', `${INVENTORY}/offer?sku=X`);
    expect(answer.status).toBe(403);
    expect(errorIdsOf(answer.body)).toEqual([1100]);
  });

  it('refuses a call with an expired user token with eBay’s 1001', async () => {
    fake.server.revokeTokens();
    const answer = await call('GET', `${INVENTORY}/offer?sku=X`);
    expect(answer.status).toBe(401);
    expect(errorIdsOf(answer.body)).toEqual([1001]);
  });

  describe('Media API', () => {
    async function upload(bytes: Buffer, field = 'image'): Promise<Response> {
      const form = new FormData();
      form.append(field, new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
      return fetch(`${fake.baseUrl}/commerce/media/v1_beta/image/create_image_from_file`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    }

    it('takes a picture as multipart/form-data: 201, the getImage URI in Location, the URL from getImage', async () => {
      const created = await upload(jpeg);
      expect(created.status).toBe(201);
      const location = created.headers.get('location') ?? '';
      expect(location).toMatch(/^https:\/\/apim\.ebay\.com\/commerce\/media\/v1_beta\/image\/\w+$/);
      const read = await fetch(`${fake.baseUrl}${new URL(location).pathname}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await read.json()) as { imageUrl: string; expirationDate: string };
      expect(body.imageUrl).toMatch(/^https:\/\/i\.ebayimg\.com\//);
      expect(Date.parse(body.expirationDate)).toBeGreaterThan(Date.now());
      expect(apis.media.uploadCount).toBe(1);
    });

    it('refuses a form without the image field, and bytes that are no picture', async () => {
      expect((await upload(jpeg, 'file')).status).toBe(400);
      expect((await upload(Buffer.from('not a picture'))).status).toBe(400);
      expect(apis.media.uploadCount).toBe(0);
    });

    it('allows 50 uploads in 5 seconds per user and answers the 51st with 429 and Retry-After', async () => {
      let clock = 1_000_000;
      await open({ media: { now: () => clock } });
      for (let index = 0; index < 50; index += 1) expect((await upload(jpeg)).status).toBe(201);
      const limited = await upload(jpeg);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBe(5);
      clock += 5000;
      expect((await upload(jpeg)).status).toBe(201);
      expect(apis.media.rateLimited).toBe(1);
    });
  });
});
