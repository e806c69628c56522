import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalPhotoStore } from '../../../src/adapters/storage/local-photo-store.ts';
import { loadConfig } from '../../../src/config.ts';
import { createContainer, type Container } from '../../../src/container.ts';
import type { Repositories } from '../../../src/ports/repositories.ts';
import { startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { addFakeSeller } from '../../fakes/ebay/fake-ebay-seller.ts';
import { attachSellApis } from '../../fakes/ebay/sell-apis.ts';
import { databaseEngines, type DatabaseEngine } from '../../support/database.ts';
import { connectFakeSeller, fakeEbayEnv } from '../../support/ebay-connection.ts';
import { seedPublishableBatch, type PublishableBatchOptions } from '../../support/publishable-batch.ts';
import { hasSharedData } from '../../support/shared-data.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

const skuOf = (index: number): string => `EF-${10_000 + index}`;
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** A process that dies once `dieAtOffer` offers were recorded: from then on every database call hangs. */
function mortalRepositories(dieAtOffer: number, onDeath: () => void) {
  let dead = false;
  let offers = 0;
  return (repositories: Repositories): Repositories =>
    Object.fromEntries(
      Object.entries(repositories).map(([name, repository]) => [
        name,
        new Proxy(repository as object, {
          get(target, property, receiver) {
            const value: unknown = Reflect.get(target, property, receiver);
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              if (!dead && name === 'ebayPublications' && property === 'recordOffer' && ++offers >= dieAtOffer) {
                dead = true;
                onDeath();
              }
              return dead ? never() : (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          },
        }),
      ]),
    ) as unknown as Repositories;
}

describe.skipIf(!hasSharedData())('approving several items publishes them through eBay’s bulk calls', () => {
  describe.each(databaseEngines)('on $name', (engine: DatabaseEngine) => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    /** A connected seller with defaults chosen and a batch of publishable items waiting in review. */
    async function openSeller(batch: PublishableBatchOptions, overrides: Parameters<typeof openTestContainer>[1] = {}) {
      const fake: StartedFakeEbay = await startFakeEbay();
      cleanups.push(() => fake.server.stop());
      const seller = addFakeSeller(fake);
      const apis = attachSellApis(fake, { hasLocation: (key) => seller.locations.has(key), hasPolicy: (kind, id) => seller.policies.has(kind, id) });
      const policies = seller.policies.addStandardSet();
      seller.locations.add('warehouse-1', { name: 'Garage', location: { address: { postalCode: '95125', country: 'US' } }, merchantLocationStatus: 'ENABLED' });
      const env = fakeEbayEnv(fake);
      const opened: TestContainer = await openTestContainer(engine, overrides, env);
      cleanups.push(() => opened.database.close());
      // A container whose database calls hang (a process that died) is never closed, only left.
      if (!overrides.decorateRepositories) cleanups.push(() => opened.container.close());
      const { container } = opened;
      await connectFakeSeller(container.services.ebayAccount);
      await container.services.ebayAccount.chooseDefaults({
        fulfillmentPolicyId: policies.fulfillment,
        paymentPolicyId: policies.payment,
        returnPolicyId: policies.return,
        merchantLocationKey: 'warehouse-1',
      });
      const photoStore = new LocalPhotoStore(path.join(opened.dataDir, 'photos'));
      const seeded = await seedPublishableBatch(container.repositories, photoStore, { photosPerItem: 1, ...batch });
      await container.runtime.start();
      await container.runtime.whenIdle();
      return { fake, apis, env, opened, container, ...seeded };
    }

    function bulkSizes(fake: StartedFakeEbay, operation: string): number[] {
      return fake.server.requests.filter((request) => request.operation === operation).map((request) => (JSON.parse(request.body) as { requests: unknown[] }).requests.length);
    }

    /** Claims still standing after the run, with whatever they hold: none should be left. */
    async function claimsLeft(container: Container, itemIds: readonly string[]): Promise<unknown[]> {
      const left: unknown[] = [];
      for (const itemId of itemIds) {
        const claim = await container.repositories.publishClaims?.get(itemId);
        if (claim) left.push({ position: itemIds.indexOf(itemId) + 1, ...claim });
      }
      return left;
    }

    it('publishes a batch of 30 in groups of at most 25, fails only the item eBay refuses, with its sentence', async () => {
      const { fake, apis, container, batch, items } = await openSeller({
        items: 30,
        // Item 7 goes into a category whose conditions do not include its own: eBay answers 25021.
        adjustListing: (index, draft) => (index === 6 ? { ...draft, categoryId: '11498', categoryName: 'Boots', conditionId: 3010 } : draft),
      });

      const approval = await container.services.publishing.approveBatch(batch.id, {}, 'seller');
      expect(approval.approved).toHaveLength(30);
      await container.runtime.whenIdle();

      for (const operation of ['bulkCreateOrReplaceInventoryItem', 'bulkCreateOffer', 'bulkPublishOffer']) {
        const sizes = bulkSizes(fake, operation);
        expect(sizes.length, operation).toBeGreaterThan(0);
        expect(Math.max(...sizes), operation).toBeLessThanOrEqual(25);
      }
      // Most of the batch went in bulk calls. The exact split depends on which of the queue's
      // concurrent publish jobs claims its own item before the first group forms.
      const offerGroups = bulkSizes(fake, 'bulkCreateOffer');
      expect(offerGroups.reduce((sum, size) => sum + size, 0)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...offerGroups)).toBeGreaterThanOrEqual(20);

      for (const [index, { item }] of items.entries()) {
        const sku = skuOf(index);
        const stored = await container.repositories.items.get(item.id);
        expect(apis.inventory.offersCreatedFor(sku), sku).toBe(1);
        if (index === 6) continue;
        expect(apis.inventory.listingsPublishedFor(sku), sku).toBe(1);
        expect(stored?.status, sku).toBe('published');
        const publication = await container.services.publishing.getPublication(item.id);
        expect(publication).toMatchObject({ state: 'published', listingId: apis.inventory.offersOf(sku)[0]?.listing?.listingId, error: null });
      }

      const sentence = 'Item 7 (SKU EF-10006): eBay does not accept this condition in the category';
      const refused = await container.repositories.items.get(items[6]!.item.id);
      expect(apis.inventory.listingsPublishedFor('EF-10006')).toBe(0);
      expect(refused?.status).toBe('failed');
      expect(refused?.statusReason).toContain(sentence);
      const letters = await container.repositories.deadLetters.list({ batchId: batch.id });
      expect(letters.map((letter) => letter.subjectId)).toEqual([refused?.id]);
      expect(letters[0]?.reason).toContain(sentence);
      expect(await claimsLeft(container, items.map(({ item }) => item.id))).toEqual([]);
    }, 120_000);

    it('publishes on its own each item a passing fault kept out of the bulk call', async () => {
      const { fake, apis, container, batch, items } = await openSeller({ items: 8 });
      // eBay fails every bulkCreateOffer: each item is then published by its own job, alone.
      apis.faults.serverErrorNext('bulkCreateOffer', 1000);

      await container.services.publishing.approveBatch(batch.id, {}, 'seller');
      await container.runtime.whenIdle();

      expect(fake.server.countCalls('bulkCreateOffer')).toBeGreaterThan(0);
      expect(fake.server.countCalls('createOffer')).toBe(8);
      for (const [index, { item }] of items.entries()) {
        expect(apis.inventory.offersCreatedFor(skuOf(index))).toBe(1);
        expect(apis.inventory.listingsPublishedFor(skuOf(index))).toBe(1);
        expect((await container.repositories.items.get(item.id))?.status).toBe('published');
      }
      expect(await container.repositories.deadLetters.list({ batchId: batch.id })).toEqual([]);
      expect(await claimsLeft(container, items.map(({ item }) => item.id))).toEqual([]);
    }, 120_000);

    it('recovers from a crash after eBay created a group’s offers, without a second offer or listing', async () => {
      let died!: () => void;
      const death = new Promise<void>((resolve) => (died = resolve));
      const { fake, apis, env, opened, batch, items } = await openSeller({ items: 10 }, { decorateRepositories: mortalRepositories(4, () => died()) });

      await opened.container.services.publishing.approveBatch(batch.id, {}, 'seller');
      await death;
      expect(fake.server.countCalls('bulkCreateOffer')).toBeGreaterThan(0);
      expect(fake.server.countCalls('bulkPublishOffer')).toBe(0);

      const second = await createContainer(loadConfig({ EASYFLIP_DATA_DIR: opened.dataDir, OCR_WORKERS: '1', ...env }), {
        logger: silentLogger,
        database: { db: opened.database.db, kind: engine.name },
        backoffScale: 0.001,
      });
      cleanups.push(() => second.close());
      await second.runtime.start();
      await second.runtime.whenIdle();

      for (const [index, { item }] of items.entries()) {
        expect(apis.inventory.offersCreatedFor(skuOf(index)), skuOf(index)).toBe(1);
        expect(apis.inventory.listingsPublishedFor(skuOf(index)), skuOf(index)).toBe(1);
        expect((await second.repositories.items.get(item.id))?.status).toBe('published');
      }
      expect(await claimsLeft(second, items.map(({ item }) => item.id))).toEqual([]);
    }, 120_000);
  });
});
