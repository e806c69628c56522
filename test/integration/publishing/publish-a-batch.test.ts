import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalPhotoStore } from '../../../src/adapters/storage/local-photo-store.ts';
import { loadConfig } from '../../../src/config.ts';
import { createContainer, type Container } from '../../../src/container.ts';
import type { BatchItemsDto } from '../../../src/contracts/batch.ts';
import type { ApprovalResult } from '../../../src/contracts/publishing.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import type { Repositories } from '../../../src/ports/repositories.ts';
import { FAKE_CLIENT_SECRET, startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { addFakeSeller } from '../../fakes/ebay/fake-ebay-seller.ts';
import { attachSellApis } from '../../fakes/ebay/sell-apis.ts';
import { databaseEngines } from '../../support/database.ts';
import { fakeEbayEnv, giveConsent } from '../../support/ebay-connection.ts';
import { seedPublishableBatch } from '../../support/publishable-batch.ts';
import { hasSharedData } from '../../support/shared-data.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/**
 * A process that dies right after eBay created an offer and before the offer's id reached the
 * database: from the `dieAtOffer`-th recorded offer on, every database call hangs forever.
 */
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

const ITEMS = 30;
/** Item 7 is in a category that refuses its condition; item 12 has no price. */
const REFUSED_BY_EBAY = 6;
const UNPRICED = 11;

describe.skipIf(!hasSharedData())('publishing a batch of 30 on eBay, never twice', () => {
  describe.each(databaseEngines)('on $name', (engine) => {
    let fake: StartedFakeEbay;
    let first: TestContainer;
    let second: Container | null = null;
    const apps: FastifyInstance[] = [];

    afterAll(async () => {
      for (const app of apps) await app.close();
      await second?.close();
      await first?.database.close();
      await fake?.server.stop();
    });

    it(
      'connects the account, publishes every approved item exactly once through faults and a crash, and explains what eBay refused',
      async () => {
        const logLines: string[] = [];
        const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
        fake = await startFakeEbay();
        const seller = addFakeSeller(fake);
        const apis = attachSellApis(fake, {
          hasLocation: (key) => seller.locations.has(key),
          hasPolicy: (kind, id) => seller.policies.has(kind, id),
        });
        const policies = seller.policies.addStandardSet();
        seller.locations.add('warehouse-1', { name: 'Garage', location: { address: { postalCode: '95125', country: 'US' } }, merchantLocationStatus: 'ENABLED' });
        const env = fakeEbayEnv(fake);

        let died!: () => void;
        const death = new Promise<void>((resolve) => (died = resolve));
        first = await openTestContainer(engine, { logger, decorateRepositories: mortalRepositories(9, () => died()) }, env);
        const app = await buildHttpApp(first.container.services, { logger, maxUploadBytes: 1_000_000, maxFilesPerRequest: 10 });
        apps.push(app);

        // The OAuth round trip: our consent link, eBay's consent page, the callback with code and state.
        const start = await app.inject({ method: 'GET', url: '/api/ebay/connect' });
        expect(start.statusCode).toBe(302);
        const back = await giveConsent(String(start.headers.location));
        const callback = await app.inject({ method: 'GET', url: `/api/ebay/callback${back.search}` });
        expect(callback.json()).toMatchObject({ status: 'connected' });
        const replayed = await app.inject({ method: 'GET', url: `/api/ebay/callback${back.search}` });
        expect(replayed.statusCode).toBe(400);
        const defaults = await app.inject({
          method: 'PUT',
          url: '/api/ebay/defaults',
          payload: { fulfillmentPolicyId: policies.fulfillment, paymentPolicyId: policies.payment, returnPolicyId: policies.return, merchantLocationKey: 'warehouse-1' },
        });
        expect(defaults.statusCode).toBe(200);

        const photoStore = new LocalPhotoStore(path.join(first.dataDir, 'photos'));
        const { batch, items } = await seedPublishableBatch(first.container.repositories, photoStore, {
          items: ITEMS,
          unpriced: [UNPRICED],
          adjustListing: (index, draft) => (index === REFUSED_BY_EBAY ? { ...draft, categoryId: '11498', categoryName: 'Boots', conditionId: 3010 } : draft),
        });
        await first.container.runtime.start();
        await first.container.runtime.whenIdle();
        expect(fake.server.countCalls('createOffer')).toBe(0);

        // The access token kept at connection stops working, and eBay is having a bad day.
        fake.server.revokeTokens();
        apis.faults
          .rateLimitNext('createImageFromFile', 1, 1)
          .serverErrorNext('createOrReplaceInventoryItem', 2)
          .rateLimitNext('createOffer', 2, 1)
          .loseAnswerNext('createOffer', 1)
          .slowNext('getOffers', 2, 200)
          .systemErrorNext('publishOffer', 3)
          .loseAnswerNext('publishOffer', 1);

        const approval = await app.inject({ method: 'POST', url: `/api/batches/${batch.id}/approve`, payload: {} });
        expect(approval.statusCode).toBe(202);
        const { approved, skipped } = approval.json<ApprovalResult>();
        expect(approved).toHaveLength(ITEMS - 1);
        expect(skipped).toEqual([{ itemId: items[UNPRICED]!.item.id, position: 12, sku: 'EF-10011', reason: 'Item 12 (SKU EF-10011) has no price: set one in review, then approve it.' }]);

        // The process dies between eBay creating an offer and the offer's id being recorded.
        await death;
        const offersAtCrash = [...apis.inventory.offers.values()].length;
        expect(offersAtCrash).toBeGreaterThanOrEqual(9);

        second = await createContainer(loadConfig({ EASYFLIP_DATA_DIR: first.dataDir, OCR_WORKERS: '1', ...env }), {
          logger,
          database: { db: first.database.db, kind: engine.name },
          backoffScale: 0.001,
        });
        await second.runtime.start();
        await second.runtime.whenIdle();
        const app2 = await buildHttpApp(second.services, { logger, maxUploadBytes: 1_000_000, maxFilesPerRequest: 10 });
        apps.push(app2);

        // Every approved item is live exactly once: one offer, one listing, no live listing written over.
        const listed = (await app2.inject({ method: 'GET', url: `/api/batches/${batch.id}/items` })).json<BatchItemsDto>().items;
        for (const [index, item] of listed.entries()) {
          const sku = `EF-${10_000 + index}`;
          expect(apis.inventory.liveListingOverwritesFor(sku), sku).toBe(0);
          if (index === UNPRICED) {
            expect(item.status).toBe('ready_for_review');
            expect(apis.inventory.offersCreatedFor(sku)).toBe(0);
            continue;
          }
          if (index === REFUSED_BY_EBAY) continue;
          expect(apis.inventory.offersCreatedFor(sku), sku).toBe(1);
          expect(apis.inventory.listingsPublishedFor(sku), sku).toBe(1);
          const listingId = apis.inventory.offersOf(sku)[0]?.listing?.listingId ?? '';
          expect(item.status, sku).toBe('published');
          expect(item.publication).toMatchObject({ state: 'published', listingId, url: `https://www.ebay.com/itm/${listingId}`, error: null });
        }

        // What eBay refused is explained to the seller, on the item and in the dead letters.
        const refused = listed[REFUSED_BY_EBAY]!;
        const sentence =
          'Item 7 (SKU EF-10006): eBay does not accept this condition in the category: choose one the category allows in review and approve again. (eBay said 25021';
        expect(apis.inventory.listingsPublishedFor('EF-10006')).toBe(0);
        expect(apis.inventory.offersCreatedFor('EF-10006')).toBeLessThanOrEqual(1);
        expect(refused.status).toBe('failed');
        expect(refused.statusReason).toContain(sentence);
        expect(refused.publication?.error).toContain(sentence);
        const letters = await second.repositories.deadLetters.list({ batchId: batch.id });
        expect(letters.map((letter) => letter.subjectId)).toEqual([refused.id]);
        expect(letters[0]?.reason).toContain(sentence);

        // The faults happened, the token was renewed, and no secret reached the logs.
        expect(apis.faults.injectedCount()).toBe(12);
        expect(fake.users.refreshCount).toBeGreaterThanOrEqual(1);
        const logs = logLines.join('');
        expect(logs).toContain('eBay listing published');
        expect(logs).toContain('eBay access token renewed');
        const secrets = [FAKE_CLIENT_SECRET, env.EBAY_TOKEN_ENCRYPTION_KEY ?? '', ...fake.users.issuedUserTokens, ...fake.users.issuedRefreshTokens, ...fake.users.issuedCodes];
        expect(secrets.length).toBeGreaterThan(4);
        for (const secret of secrets) {
          expect(logs).not.toContain(secret);
          expect(logs).not.toContain(encodeURIComponent(secret));
        }
      },
      240_000,
    );
  });
});
