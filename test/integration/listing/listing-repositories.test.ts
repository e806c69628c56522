import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EasyFlipError } from '../../../src/contracts/errors.ts';
import type { ListingDraft } from '../../../src/contracts/item.ts';
import type { NewListingVersion } from '../../../src/ports/listing-taxonomy.ts';
import type { Repositories } from '../../../src/ports/repositories.ts';
import { databaseEngines, type TestDatabase } from '../../support/database.ts';

const draft: ListingDraft = {
  title: "Levi's Men's Jeans Size 32x30 Blue",
  descriptionHtml: '<div><p>Pre-owned.</p></div>',
  categoryId: '11483',
  categoryName: 'Jeans',
  conditionId: 3000,
  conditionDescription: null,
  aspects: { Brand: ["Levi's"], Size: ['32'], 'Country/Region of Manufacture': ['Mexico'] },
  productCode: null,
};

function versionOf(itemId: string, overrides: Partial<NewListingVersion> = {}): NewListingVersion {
  return {
    itemId,
    source: 'compose',
    actor: 'pipeline',
    note: null,
    draft,
    editedFields: [],
    preflight: { state: 'clean', issues: [], override: null, aspectSource: 'bundled' },
    composition: { categorySource: 'bundled', categoryScore: 0.9, degraded: null, aspectNotes: [], conditionReason: 'default' },
    ...overrides,
  };
}

describe.each(databaseEngines)('listing versions and the taxonomy cache on $name', (engine) => {
  let database: TestDatabase;
  let repos: Repositories;

  beforeAll(async () => {
    database = await engine.open();
    repos = database.repositories;
  });

  afterAll(async () => {
    await database?.close();
  });

  let itemCounter = 0;
  /** One item in a batch of its own. */
  async function createItem(): Promise<string> {
    itemCounter += 1;
    const account = await repos.accounts.ensureDefault();
    const ownBatchId = (await repos.batches.create({ accountId: account.id, name: `Item ${itemCounter}` })).id;
    const sha = createHash('sha256').update(`item-${itemCounter}`).digest('hex');
    const { photo } = await repos.photos.addReceived({ batchId: ownBatchId, originalName: 'front.jpg', sha256: sha, bytes: 1, originalKey: `k/${sha}` });
    const [item] = await repos.items.replaceForBatch(
      ownBatchId,
      [{ position: 1, sku: `SKU-${itemCounter}`, skuPhotoId: null, weight: null, productCode: null, flags: [], photoIds: [photo.id] }],
      [],
    );
    return item!.id;
  }

  it('numbers the versions of each listing from 1 and keeps everything they say', async () => {
    const itemId = await createItem();
    const first = await repos.listingVersions.append(versionOf(itemId));
    const second = await repos.listingVersions.append(versionOf(itemId, { source: 'seller', actor: 'api', editedFields: ['title', 'aspects.Color'], draft: { ...draft, title: 'Edited' } }));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second).toMatchObject({ source: 'seller', actor: 'api', editedFields: ['title', 'aspects.Color'], draft: { title: 'Edited', aspects: draft.aspects } });
    expect(second.createdAt).toBeInstanceOf(Date);
    expect((await repos.listingVersions.latest(itemId))?.version).toBe(2);
    expect((await repos.listingVersions.get(itemId, 1))?.draft.title).toBe(draft.title);
    expect((await repos.listingVersions.list(itemId)).map((version) => version.version)).toEqual([1, 2]);
  });

  it('refuses an append made on a version that is no longer the latest', async () => {
    const itemId = await createItem();
    await repos.listingVersions.append(versionOf(itemId));
    await repos.listingVersions.append(versionOf(itemId), { expectedVersion: 1 });
    const stale = repos.listingVersions.append(versionOf(itemId), { expectedVersion: 1 });
    await expect(stale).rejects.toBeInstanceOf(EasyFlipError);
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('gives concurrent appends distinct versions', async () => {
    const itemId = await createItem();
    const versions = await Promise.all(Array.from({ length: 4 }, () => repos.listingVersions.append(versionOf(itemId))));
    expect(versions.map((version) => version.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it('knows nothing of an item without versions', async () => {
    const itemId = await createItem();
    expect(await repos.listingVersions.latest(itemId)).toBeNull();
    expect(await repos.listingVersions.list(itemId)).toEqual([]);
  });

  it('keeps a cached answer until it expires, then forgets it', async () => {
    await repos.taxonomyCache.write('suggest|jeans', [{ categoryId: '11483' }], 3600);
    expect(await repos.taxonomyCache.read('suggest|jeans')).toEqual([{ categoryId: '11483' }]);
    await repos.taxonomyCache.write('suggest|jeans', { replaced: true }, 3600);
    expect(await repos.taxonomyCache.read('suggest|jeans')).toEqual({ replaced: true });

    await repos.taxonomyCache.write('aspects|expired', { aspects: [] }, 0);
    expect(await repos.taxonomyCache.read('aspects|expired')).toBeNull();
    expect(await repos.taxonomyCache.purgeExpired()).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from taxonomy_cache where key = 'aspects|expired'`.execute(database.db);
    expect(rows[0]?.n).toBe(0);
    expect(await repos.taxonomyCache.read('suggest|jeans')).toEqual({ replaced: true });
  });

  it('stores strings as JSON strings', async () => {
    await repos.taxonomyCache.write('tree|EBAY_US', '0', 60);
    expect(await repos.taxonomyCache.read('tree|EBAY_US')).toBe('0');
  });
});
