import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EbayApiSettings } from '../../../src/adapters/ebay/ebay-api-factory.ts';
import { EbayPictureUploader } from '../../../src/adapters/ebay/ebay-picture-uploader.ts';
import { EbayListingRefusedError } from '../../../src/adapters/ebay/ebay-publish-errors.ts';
import { EbaySellListingPublisher } from '../../../src/adapters/ebay/ebay-sell-listing-publisher.ts';
import { createEbaySellerSession } from '../../../src/adapters/ebay/ebay-seller-session.ts';
import { LocalPhotoStore } from '../../../src/adapters/storage/local-photo-store.ts';
import { TransientError } from '../../../src/contracts/errors.ts';
import type { PublishInput } from '../../../src/ports/listing-publisher.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { FakeSellerTokens } from '../../fakes/ebay/fake-seller-tokens.ts';
import { attachSellApis, type FakeSellApis } from '../../fakes/ebay/sell-apis.ts';
import { databaseEngines, type DatabaseEngine, type TestDatabase } from '../../support/database.ts';
import { seedPublishableBatch, type PublishableItem } from '../../support/publishable-batch.ts';
import { hasSharedData } from '../../support/shared-data.ts';

const SETUP = {
  environment: 'production' as const,
  marketplaceId: 'EBAY_US',
  policies: { fulfillmentPolicyId: 'F-1', paymentPolicyId: 'P-1', returnPolicyId: 'R-1' },
  merchantLocationKey: 'easyflip-1',
};

interface Harness {
  fake: StartedFakeEbay;
  apis: FakeSellApis;
  database: TestDatabase;
  tokens: FakeSellerTokens;
  items: PublishableItem[];
  accountId: string;
  /** Every wait the publisher made (Retry-After, backoff), in milliseconds. */
  waits: number[];
  /** A publisher as a freshly started process would have it. */
  openPublisher(options?: { transientRetries?: number }): EbaySellListingPublisher;
  inputOf(index: number): PublishInput;
}

const opened: Array<() => Promise<void>> = [];

async function openHarness(engine: DatabaseEngine, batch: Parameters<typeof seedPublishableBatch>[2]): Promise<Harness> {
  const database = await engine.open();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-publish-'));
  const fake = await startFakeEbay();
  opened.push(async () => {
    await fake.server.stop();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const apis = attachSellApis(fake);
  const photoStore = new LocalPhotoStore(dataDir);
  const { items, accountId } = await seedPublishableBatch(database.repositories, photoStore, batch);
  const tokens = new FakeSellerTokens(fake.users);
  const waits: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    waits.push(ms);
    return Promise.resolve();
  };
  const config: EbayApiSettings = {
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    environment: 'production',
    marketplaceId: 'EBAY_US',
    apiBaseUrl: fake.baseUrl,
    timeoutMs: 5000,
  };
  return {
    fake,
    apis,
    database,
    tokens,
    items,
    accountId,
    waits,
    openPublisher: (options = {}) =>
      new EbaySellListingPublisher({
        environment: 'production',
        setup: { getPublishingSetup: () => Promise.resolve(SETUP) },
        publications: database.repositories.ebayPublications,
        pictures: new EbayPictureUploader({ environment: 'production', photoStore, images: database.repositories.ebayImages }),
        openSession: () => createEbaySellerSession(config, tokens, { sleep }),
        sleep,
        retryBaseDelayMs: 1,
        ...options,
      }),
    inputOf: (index) => {
      const entry = items[index];
      if (!entry) throw new Error(`No item ${index}`);
      return { item: entry.item, listing: entry.listing, photos: entry.photos, accountId, price: entry.price };
    },
  };
}

afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

describe.skipIf(!hasSharedData())('publishing on eBay through the fake Sell APIs', () => {
  describe.each(databaseEngines)('on $name', (engine) => {
    it('puts one item live: pictures uploaded, inventory item written, offer created and published, listing recorded', async () => {
      const harness = await openHarness(engine, { items: 1, photosPerItem: 3 });
      const published = await harness.openPublisher().publish(harness.inputOf(0));

      const sku = 'EF-10000';
      expect(published.url).toBe(`https://www.ebay.com/itm/${published.listingId}`);
      expect(harness.apis.inventory.offersCreatedFor(sku)).toBe(1);
      expect(harness.apis.inventory.listingsPublishedFor(sku)).toBe(1);
      expect(harness.apis.media.uploadCount).toBe(3);
      const written = harness.apis.inventory.items.get(sku) as { product: { imageUrls: string[] }; condition: string; packageWeightAndSize: unknown };
      expect(written.product.imageUrls).toHaveLength(3);
      expect(written.product.imageUrls.every((url) => harness.apis.media.isEpsUrl(url))).toBe(true);
      expect(written.condition).toBe('USED_EXCELLENT');
      expect(written.packageWeightAndSize).toEqual({ weight: { value: 13.5, unit: 'OUNCE' } });
      const offer = harness.apis.inventory.offersOf(sku)[0];
      expect(offer?.details).toMatchObject({ categoryId: '11483', pricingSummary: { price: { value: '20.00', currency: 'USD' } }, listingDuration: 'GTC' });
      expect(await harness.database.repositories.ebayPublications.get(harness.items[0]!.item.id)).toMatchObject({
        state: 'published',
        sku,
        offerId: offer?.offerId,
        listingId: published.listingId,
        listingUrl: published.url,
        lastError: null,
      });
    });

    it('answers a second publish of the same item with its listing, asking eBay nothing', async () => {
      const harness = await openHarness(engine, { items: 1 });
      const first = await harness.openPublisher().publish(harness.inputOf(0));
      const calls = harness.fake.server.requests.length;
      const again = await harness.openPublisher().publish(harness.inputOf(0));
      expect(again).toEqual({ ...first, alreadyLive: true });
      expect(harness.fake.server.requests.length).toBe(calls);
    });

    it.each([
      { crash: 'after eBay created the offer but before its answer arrived', operation: 'createOffer' },
      { crash: 'after eBay published the offer but before its answer arrived', operation: 'publishOffer' },
    ])('recovers from a crash $crash: one offer, one listing', async ({ operation }) => {
      const harness = await openHarness(engine, { items: 1 });
      harness.apis.faults.loseAnswerNext(operation, 1);
      // The process dies with the call: no retry inside it.
      await expect(harness.openPublisher({ transientRetries: 0 }).publish(harness.inputOf(0))).rejects.toBeInstanceOf(TransientError);

      const restarted = await harness.openPublisher().publish(harness.inputOf(0));
      expect(harness.apis.inventory.offersCreatedFor('EF-10000')).toBe(1);
      expect(harness.apis.inventory.listingsPublishedFor('EF-10000')).toBe(1);
      expect(harness.apis.inventory.liveListingOverwritesFor('EF-10000')).toBe(0);
      expect(restarted.listingId).toBe(harness.apis.inventory.offersOf('EF-10000')[0]?.listing?.listingId);
    });

    it('reuses the offer eBay names in 25002 when its own record of it was lost', async () => {
      const harness = await openHarness(engine, { items: 1 });
      // eBay answers getOffers from a replica that has not seen the offer yet.
      harness.apis.faults.loseAnswerNext('createOffer', 1);
      await expect(harness.openPublisher({ transientRetries: 0 }).publish(harness.inputOf(0))).rejects.toThrow();
      harness.apis.faults.add({
        operation: 'getOffers',
        schedule: { next: 1 },
        effect: { kind: 'respond', response: { status: 404, body: { errors: [{ errorId: 25713, domain: 'API_INVENTORY', category: 'REQUEST', message: 'This Offer is not available' }] } } },
      });
      await harness.openPublisher().publish(harness.inputOf(0));
      expect(harness.fake.server.countCalls('createOffer')).toBe(2);
      expect(harness.apis.inventory.offersCreatedFor('EF-10000')).toBe(1);
      expect(harness.apis.inventory.listingsPublishedFor('EF-10000')).toBe(1);
    });

    it.each([
      { status: 'ACTIVE' as const, said: 'live' },
      { status: 'OUT_OF_STOCK' as const, said: 'sold' },
      { status: 'ENDED' as const, said: 'ended' },
    ])('never overwrites a SKU whose listing is $said on eBay', async ({ status, said }) => {
      const harness = await openHarness(engine, { items: 1 });
      const elsewhere = harness.apis.inventory.seedListing('EF-10000', status);
      const before = structuredClone(harness.apis.inventory.items.get('EF-10000'));

      const refused = harness.openPublisher().publish(harness.inputOf(0));
      await expect(refused).rejects.toBeInstanceOf(EbayListingRefusedError);
      await expect(refused).rejects.toThrow(
        `Item 1 (SKU EF-10000) was not published: SKU EF-10000 already has a ${said} eBay listing (${elsewhere.listing?.listingId ?? ''})`,
      );
      expect(harness.apis.inventory.items.get('EF-10000')).toEqual(before);
      expect(harness.apis.inventory.liveListingOverwritesFor('EF-10000')).toBe(0);
      expect(harness.fake.server.countCalls('createOrReplaceInventoryItem')).toBe(0);
      expect((await harness.database.repositories.ebayPublications.get(harness.items[0]!.item.id))?.lastError).toMatch(/never overwrites/);
    });

    it('refuses a second item with a SKU another item already holds', async () => {
      const harness = await openHarness(engine, { items: 2, skuOf: () => 'EF-SAME' });
      await harness.openPublisher().publish(harness.inputOf(0));
      await expect(harness.openPublisher().publish(harness.inputOf(1))).rejects.toThrow(/another item already uses SKU EF-SAME/);
      expect(harness.apis.inventory.liveListingOverwritesFor('EF-SAME')).toBe(0);
    });

    it('rides out 429, 500 and eBay’s 25001 on every step, waiting what Retry-After says', async () => {
      const harness = await openHarness(engine, { items: 1 });
      harness.apis.faults
        .rateLimitNext('getOffers', 1, 3)
        .serverErrorNext('createImageFromFile', 1)
        .systemErrorNext('createOrReplaceInventoryItem', 2)
        .rateLimitNext('createOffer', 1, 2)
        .systemErrorNext('publishOffer', 1);
      const published = await harness.openPublisher().publish(harness.inputOf(0));
      expect(published.listingId).toBeTruthy();
      expect(harness.apis.faults.injectedCount()).toBe(6);
      expect(harness.waits).toEqual(expect.arrayContaining([3000, 2000]));
      expect(harness.apis.inventory.offersCreatedFor('EF-10000')).toBe(1);
      expect(harness.apis.inventory.listingsPublishedFor('EF-10000')).toBe(1);
    });

    it('gives a passing fault that outlasts its retries to the queue, and picks up from the recorded steps', async () => {
      const harness = await openHarness(engine, { items: 1 });
      harness.apis.faults.systemErrorNext('publishOffer', 3);
      const failed = harness.openPublisher().publish(harness.inputOf(0));
      await expect(failed).rejects.toBeInstanceOf(TransientError);
      await expect(failed).rejects.toThrow('Item 1 (SKU EF-10000): eBay had a system error. It will be tried again shortly. (eBay said 25001');
      expect((await harness.database.repositories.ebayPublications.get(harness.items[0]!.item.id))?.state).toBe('offer_created');

      await harness.openPublisher().publish(harness.inputOf(0));
      expect(harness.fake.server.countCalls('createOffer')).toBe(1);
      expect(harness.apis.inventory.listingsPublishedFor('EF-10000')).toBe(1);
    });

    it('explains what eBay refused in words the seller can act on', async () => {
      const harness = await openHarness(engine, { items: 1 });
      // Men's boots take no "Pre-owned - Fair".
      const input = harness.inputOf(0);
      const boots = { ...input, listing: { ...input.listing, categoryId: '11498', conditionId: 3010 as const } };
      await expect(harness.openPublisher().publish(boots)).rejects.toThrow(
        'Item 1 (SKU EF-10000): eBay does not accept this condition in the category: choose one the category allows in review and approve again. (eBay said 25021',
      );
      expect(harness.apis.inventory.listingsPublishedFor('EF-10000')).toBe(0);
    });

    it('uploads a picture once per content hash, whichever items use it and however often they are published', async () => {
      const harness = await openHarness(engine, { items: 3, photosPerItem: 2, sharedFirstPhoto: true });
      const publisher = harness.openPublisher();
      for (const index of [0, 1, 2]) await publisher.publish(harness.inputOf(index));
      expect(harness.apis.media.uploadCount).toBe(4);
      expect(new Set(harness.apis.media.uploadedHashes).size).toBe(4);
      const sharedUrl = (harness.apis.inventory.items.get('EF-10000') as { product: { imageUrls: string[] } }).product.imageUrls[0];
      expect((harness.apis.inventory.items.get('EF-10002') as { product: { imageUrls: string[] } }).product.imageUrls[0]).toBe(sharedUrl);
    });

    it('renews a token eBay no longer takes (401, errorId 1001) and tries the call once more', async () => {
      const harness = await openHarness(engine, { items: 2 });
      const publisher = harness.openPublisher();
      await publisher.publish(harness.inputOf(0));
      harness.fake.server.revokeTokens();
      await publisher.publish(harness.inputOf(1));
      expect(harness.tokens.issued).toHaveLength(2);
      const refused = harness.fake.server.requests.filter((request) => request.headers.authorization === `Bearer ${harness.tokens.issued[0] ?? ''}`);
      expect(refused.length).toBeGreaterThan(0);
      expect(harness.apis.inventory.listingsPublishedFor('EF-10001')).toBe(1);
    });

    it('publishes 30 items in bulk calls of at most 25, reporting the items eBay refused and publishing the rest', async () => {
      const harness = await openHarness(engine, { items: 30, photosPerItem: 1 });
      const inputs = harness.items.map((_, index) => harness.inputOf(index));
      // Item 7 goes into a category whose conditions do not include its own.
      const refusedInput = inputs[6]!;
      inputs[6] = { ...refusedInput, listing: { ...refusedInput.listing, categoryId: '11498', conditionId: 3010 } };
      harness.apis.faults.systemErrorNext('bulkCreateOffer', 1);

      const results = await harness.openPublisher().publishMany(inputs);

      expect(results.filter((result) => result.outcome === 'published')).toHaveLength(29);
      expect(results[6]).toMatchObject({ outcome: 'failed', retryable: false, message: expect.stringMatching(/^Item 7 \(SKU EF-10006\): eBay does not accept this condition/) });
      for (const call of ['bulkCreateOrReplaceInventoryItem', 'bulkPublishOffer']) {
        const sizes = harness.fake.server.requests.filter((request) => request.operation === call).map((request) => (JSON.parse(request.body) as { requests: unknown[] }).requests.length);
        expect(sizes).toEqual([25, 5]);
      }
      for (let index = 0; index < 30; index += 1) {
        const sku = `EF-${10_000 + index}`;
        expect(harness.apis.inventory.offersCreatedFor(sku)).toBe(1);
        expect(harness.apis.inventory.listingsPublishedFor(sku)).toBe(index === 6 ? 0 : 1);
      }
      expect((await harness.database.repositories.ebayPublications.get(harness.items[6]!.item.id))?.state).toBe('offer_created');

      // Fixed in review, the refused item goes live on its own, on the offer it already has.
      const fixed = await harness.openPublisher().publish(harness.inputOf(6));
      expect(fixed.listingId).toBeTruthy();
      expect(harness.apis.inventory.offersCreatedFor('EF-10006')).toBe(1);
    });
  });
});
