import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repositories } from '../../../src/ports/repositories.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { taxonomyInternalError } from '../../fakes/ebay/taxonomy.module.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';
import { buildAttributes } from '../../unit/domain/listing/item-attributes.fixture.ts';
import { databaseEngines } from '../../support/database.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

describe.each(databaseEngines)('composing with eBay keys configured, on $name', (engine) => {
  let fake: StartedFakeEbay;
  let harness: TestContainer;
  let repos: Repositories;

  beforeAll(async () => {
    fake = await startFakeEbay();
    harness = await openTestContainer(engine, { textRecognizer: new ScriptedTextRecognizer() }, {
      EBAY_CLIENT_ID: FAKE_CLIENT_ID,
      EBAY_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      EBAY_API_BASE_URL: fake.baseUrl,
    });
    repos = harness.container.repositories;
  });

  afterAll(async () => {
    await harness?.dispose();
    await fake?.server.stop();
  });

  async function createAnalysedItem(attributes: Parameters<typeof buildAttributes>[0]): Promise<string> {
    const account = await repos.accounts.ensureDefault();
    const batch = await repos.batches.create({ accountId: account.id, name: `eBay ${randomUUID()}` });
    const sha = createHash('sha256').update(randomUUID()).digest('hex');
    const { photo } = await repos.photos.addReceived({ batchId: batch.id, originalName: 'front.jpg', sha256: sha, bytes: 10, originalKey: `o/${sha}` });
    await repos.photos.markIngested(photo.id, {
      mimeType: 'image/jpeg',
      width: 1600,
      height: 1600,
      capturedAt: null,
      thumbnailKey: 't',
      aiKey: 'a',
      ebayKey: 'e',
      quality: { sharpness: 500, blurry: false, brightness: 120, tooDark: false, tooBright: false, tooSmall: false },
      barcodes: [],
    });
    const [item] = await repos.items.replaceForBatch(batch.id, [{ position: 1, sku: 'E-1', skuPhotoId: null, weight: null, productCode: null, flags: [], photoIds: [photo.id] }], []);
    await repos.analyses.save(item!.id, { provider: 'test', attributes: buildAttributes(attributes), ocr: [], degraded: null });
    return item!.id;
  }

  it('takes the category eBay suggests and its item specifics from eBay', async () => {
    fake.taxonomy.setSuggestedLeaves("Women's Cardigan", ['63866', '155226']);
    const itemId = await createAnalysedItem({ brand: 'Talbots', itemType: 'Cardigan', department: 'Women', size: 'M', color: 'Navy' });
    const listing = await harness.container.services.listings.recompose(itemId, { discardEdits: false }, 'test');
    expect(listing.current.draft).toMatchObject({ categoryId: '63866', categoryName: 'Sweaters', aspects: { Size: ['M'], 'Size Type': ['Regular'] } });
    expect(listing.current.composition).toMatchObject({ categorySource: 'ebay', categoryScore: null, degraded: null });
    expect(listing.current.preflight).toMatchObject({ aspectSource: 'ebay', state: 'clean' });
    expect(fake.server.countCalls('getCategorySuggestions')).toBeGreaterThanOrEqual(1);
    expect(fake.server.countCalls('getItemAspectsForCategory')).toBeGreaterThanOrEqual(1);
  });

  it('falls back to the bundled data when eBay fails, and the listing says it was degraded', async () => {
    fake.server.failNext({ match: 'getCategorySuggestions', ...taxonomyInternalError() });
    fake.server.failNext({ match: 'getItemAspectsForCategory', ...taxonomyInternalError() });
    const itemId = await createAnalysedItem({ brand: 'Nike', itemType: 'Joggers', department: 'Men', size: 'L', color: 'Black' });
    const listing = await harness.container.services.listings.recompose(itemId, { discardEdits: false }, 'test');
    expect(listing.current.draft.categoryId).toBe('260956');
    expect(listing.current.composition?.categorySource).toBe('bundled');
    expect(listing.current.composition?.degraded).toMatch(/eBay category suggestions failed.*eBay item specifics failed/);
    expect(listing.current.preflight.aspectSource).toBe('bundled');
  });
});
