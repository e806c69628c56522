import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalPhotoStore } from '../../../src/adapters/storage/local-photo-store.ts';
import type { BatchItemsDto } from '../../../src/contracts/batch.ts';
import type { ApprovalResult } from '../../../src/contracts/publishing.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import { Orchestrator } from '../../../src/pipeline/orchestrator.ts';
import { startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { addFakeSeller } from '../../fakes/ebay/fake-ebay-seller.ts';
import { attachSellApis, type FakeSellApis } from '../../fakes/ebay/sell-apis.ts';
import { databaseEngines } from '../../support/database.ts';
import { connectFakeSeller, fakeEbayEnv } from '../../support/ebay-connection.ts';
import { seedPublishableBatch, type PublishableItem } from '../../support/publishable-batch.ts';
import { hasSharedData } from '../../support/shared-data.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(databaseEngines)('review before publishing, on $name', (engine) => {
  describe('what follows pricing', () => {
    async function pricedItem(autoPublish: boolean, preflight: 'clean' | 'needs_attention' = 'clean') {
      const harness = await openTestContainer(engine);
      cleanups.push(() => harness.dispose());
      const { repositories } = harness.container;
      const { batch, items } = await seedPublishableBatch(repositories, new LocalPhotoStore(path.join(harness.dataDir, 'photos')), { items: 1 });
      const item = items[0]!.item;
      if (preflight === 'needs_attention') {
        const latest = await repositories.listingVersions.latest(item.id);
        await repositories.listingVersions.append({
          ...latest!,
          source: 'seller',
          preflight: {
            state: 'needs_attention',
            issues: [{ code: 'TITLE_MISSING', severity: 'error', field: 'title', message: 'The listing has no title.', ebayErrorId: 25017 }],
            override: null,
            aspectSource: 'bundled',
          },
        });
      }
      await repositories.items.setStatus(item.id, 'processing');
      await repositories.batches.reopen(batch.id);
      const orchestrator = new Orchestrator(repositories, { autoPublish });
      return { jobs: await orchestrator.succeeded({ stage: 'price', payload: { batchId: batch.id, itemId: item.id } }), item, repositories };
    }

    it('stops at review when auto-publish is off (the default)', async () => {
      const { jobs, item, repositories } = await pricedItem(false);
      expect(jobs).toEqual([]);
      expect((await repositories.items.get(item.id))?.status).toBe('ready_for_review');
      expect(await repositories.stageRuns.get('publish', item.id)).toBeNull();
    });

    it('goes on to publish a clean, priced item when auto-publish is on', async () => {
      const { jobs, item } = await pricedItem(true);
      expect(jobs).toEqual([{ stage: 'publish', payload: { batchId: item.batchId, itemId: item.id } }]);
    });

    it('keeps an item whose listing has errors in review even when auto-publish is on', async () => {
      const { jobs } = await pricedItem(true, 'needs_attention');
      expect(jobs).toEqual([]);
    });
  });

  describe.skipIf(!hasSharedData())('approving through the API', () => {
    interface Opened {
      app: FastifyInstance;
      harness: TestContainer;
      fake: StartedFakeEbay;
      apis: FakeSellApis;
      items: PublishableItem[];
      batchId: string;
    }

    async function open(options: { connect?: boolean; unpriced?: number[] } = {}): Promise<Opened> {
      const fake = await startFakeEbay();
      cleanups.push(() => fake.server.stop());
      const seller = addFakeSeller(fake);
      const apis = attachSellApis(fake, {
        hasLocation: (key) => seller.locations.has(key),
        hasPolicy: (kind, id) => seller.policies.has(kind, id),
      });
      const harness = await openTestContainer(engine, {}, fakeEbayEnv(fake));
      cleanups.push(() => harness.dispose());
      const app = await buildHttpApp(harness.container.services, { logger: silentLogger, maxUploadBytes: 1_000_000, maxFilesPerRequest: 10 });
      cleanups.push(() => app.close());
      if (options.connect !== false) {
        const policies = seller.policies.addStandardSet();
        seller.locations.add('warehouse-1', { name: 'Garage', location: { address: { postalCode: '95125', country: 'US' } }, merchantLocationStatus: 'ENABLED' });
        const service = harness.container.services.ebayAccount;
        await connectFakeSeller(service);
        await service.chooseDefaults({
          fulfillmentPolicyId: policies.fulfillment,
          paymentPolicyId: policies.payment,
          returnPolicyId: policies.return,
          merchantLocationKey: 'warehouse-1',
        });
      }
      const photoStore = new LocalPhotoStore(path.join(harness.dataDir, 'photos'));
      const { batch, items } = await seedPublishableBatch(harness.container.repositories, photoStore, { items: 3, unpriced: options.unpriced ?? [] });
      await harness.container.runtime.start();
      return { app, harness, fake, apis, items, batchId: batch.id };
    }

    async function itemsOf(opened: Opened): Promise<BatchItemsDto['items']> {
      return (await opened.app.inject({ method: 'GET', url: `/api/batches/${opened.batchId}/items` })).json<BatchItemsDto>().items;
    }

    it('publishes nothing until the seller approves; an approved item goes live with its listing in the item', async () => {
      const opened = await open();
      await opened.harness.container.runtime.whenIdle();
      expect(opened.fake.server.countCalls('createOffer')).toBe(0);
      expect((await itemsOf(opened)).map((item) => [item.status, item.publication])).toEqual([
        ['ready_for_review', null],
        ['ready_for_review', null],
        ['ready_for_review', null],
      ]);

      const second = opened.items[1]!.item;
      const approved = await opened.app.inject({ method: 'POST', url: `/api/items/${second.id}/approve` });
      expect(approved.statusCode).toBe(202);
      expect(approved.json<ApprovalResult>()).toEqual({ batchId: opened.batchId, approved: [{ itemId: second.id, position: 2, sku: 'EF-10001' }], skipped: [] });
      await opened.harness.container.runtime.whenIdle();

      const items = await itemsOf(opened);
      expect(items.map((item) => item.status)).toEqual(['ready_for_review', 'published', 'ready_for_review']);
      const listingId = opened.apis.inventory.offersOf('EF-10001')[0]?.listing?.listingId;
      expect(items[1]?.publication).toMatchObject({ state: 'published', sku: 'EF-10001', listingId, url: `https://www.ebay.com/itm/${listingId ?? ''}`, error: null });

      const again = await opened.app.inject({ method: 'POST', url: `/api/items/${second.id}/approve` });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: { message: `Item 2 (SKU EF-10001) is already on eBay as listing ${listingId ?? ''}.` } });
    });

    it('approves several items or all of a batch, naming the ones it leaves and why', async () => {
      const opened = await open({ unpriced: [2] });
      const [first, , third] = opened.items.map((entry) => entry.item);
      const several = await opened.app.inject({ method: 'POST', url: `/api/batches/${opened.batchId}/approve`, payload: { itemIds: [first!.id, third!.id] } });
      expect(several.statusCode).toBe(202);
      expect(several.json<ApprovalResult>()).toMatchObject({
        approved: [{ itemId: first!.id }],
        skipped: [{ itemId: third!.id, reason: 'Item 3 (SKU EF-10002) has no price: set one in review, then approve it.' }],
      });
      await opened.harness.container.runtime.whenIdle();

      const all = await opened.app.inject({ method: 'POST', url: `/api/batches/${opened.batchId}/approve`, payload: {} });
      expect(all.json<ApprovalResult>()).toMatchObject({ approved: [{ position: 2 }], skipped: [{ position: 3 }] });
      await opened.harness.container.runtime.whenIdle();
      expect((await itemsOf(opened)).map((item) => item.status)).toEqual(['published', 'published', 'ready_for_review']);
      for (const sku of ['EF-10000', 'EF-10001']) expect(opened.apis.inventory.listingsPublishedFor(sku)).toBe(1);
    });

    it('refuses an item whose listing still has errors, with the first of them', async () => {
      const opened = await open();
      const { repositories } = opened.harness.container;
      const item = opened.items[0]!.item;
      const latest = await repositories.listingVersions.latest(item.id);
      await repositories.listingVersions.append({
        ...latest!,
        source: 'seller',
        preflight: {
          state: 'needs_attention',
          issues: [{ code: 'CATEGORY_MISSING', severity: 'error', field: 'category', message: 'The listing has no eBay category: choose one.', ebayErrorId: 25005 }],
          override: null,
          aspectSource: 'bundled',
        },
      });
      const refused = await opened.app.inject({ method: 'POST', url: `/api/items/${item.id}/approve` });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        error: { message: 'Item 1 (SKU EF-10000) still has errors to fix: The listing has no eBay category: choose one. Fix them in review, or override the check, then approve it.' },
      });
    });

    it('says what to do when no eBay account is connected', async () => {
      const opened = await open({ connect: false });
      const refused = await opened.app.inject({ method: 'POST', url: `/api/items/${opened.items[0]!.item.id}/approve` });
      expect(refused.json()).toMatchObject({ error: { code: 'EBAY_NOT_CONNECTED', message: expect.stringMatching(/^No eBay account is connected/) } });
      expect(await opened.harness.container.repositories.stageRuns.get('publish', opened.items[0]!.item.id)).toBeNull();
    });
  });
});
