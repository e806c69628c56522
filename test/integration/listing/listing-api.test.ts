import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttributeName } from '../../../src/contracts/attributes.ts';
import { BatchListingsExport, ListingDto, ListingVersionDto } from '../../../src/contracts/listing.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import { BundledAspectCatalog, BundledCategorySuggester } from '../../../src/adapters/taxonomy/bundled-taxonomy.ts';
import { recomposeItemListing } from '../../../src/pipeline/stages/compose.stage.ts';
import type { StagePorts } from '../../../src/pipeline/stages/stage-ports.ts';
import type { ListingVersionRepository } from '../../../src/ports/listing-taxonomy.ts';
import type { Repositories } from '../../../src/ports/repositories.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';
import { buildAttributes } from '../../unit/domain/listing/item-attributes.fixture.ts';
import { databaseEngines } from '../../support/database.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

type AttributeSpec = Partial<Record<AttributeName, string>>;

const levisJeans: AttributeSpec = {
  brand: "LEVI'S",
  itemType: 'Jeans',
  department: 'MENS',
  size: '32x30',
  color: 'BLUE',
  material: '100% COTTON',
  countryOfOrigin: 'MADE IN MEXICO',
};

describe.each(databaseEngines)('the listing API on $name', (engine) => {
  let harness: TestContainer;
  let app: FastifyInstance;
  let repos: Repositories;

  beforeAll(async () => {
    harness = await openTestContainer(engine, { textRecognizer: new ScriptedTextRecognizer() });
    repos = harness.container.repositories;
    app = await buildHttpApp(harness.container.services, { logger: false, maxUploadBytes: 1_000_000, maxFilesPerRequest: 10 });
  });

  afterAll(async () => {
    await app?.close();
    await harness?.dispose();
  });

  /** An analysed item in a batch of its own, its photos ingested at the given sizes. */
  async function createAnalysedItem(attributes: AttributeSpec, photoSizes: Array<[number, number]> = [[1600, 1200]]): Promise<{ itemId: string; batchId: string }> {
    const account = await repos.accounts.ensureDefault();
    const batch = await repos.batches.create({ accountId: account.id, name: `Listing API ${randomUUID()}` });
    const photoIds: string[] = [];
    for (const [width, height] of photoSizes) {
      const sha = createHash('sha256').update(randomUUID()).digest('hex');
      const { photo } = await repos.photos.addReceived({ batchId: batch.id, originalName: `${sha.slice(0, 6)}.jpg`, sha256: sha, bytes: 10, originalKey: `originals/${sha}` });
      await repos.photos.markIngested(photo.id, {
        mimeType: 'image/jpeg',
        width,
        height,
        capturedAt: null,
        thumbnailKey: `t/${sha}`,
        aiKey: `a/${sha}`,
        ebayKey: `e/${sha}`,
        quality: { sharpness: 500, blurry: false, brightness: 120, tooDark: false, tooBright: false, tooSmall: Math.max(width, height) < 500 },
        barcodes: [],
      });
      photoIds.push(photo.id);
    }
    const [item] = await repos.items.replaceForBatch(batch.id, [{ position: 1, sku: 'SKU-1001', skuPhotoId: null, weight: null, productCode: null, flags: [], photoIds }], []);
    await repos.analyses.save(item!.id, { provider: 'test', attributes: buildAttributes(attributes), ocr: [], degraded: null });
    await repos.items.setStatus(item!.id, 'ready_for_review');
    return { itemId: item!.id, batchId: batch.id };
  }

  async function compose(itemId: string, discardEdits = false): Promise<ListingDto> {
    const response = await app.inject({ method: 'POST', url: `/api/items/${itemId}/listing/recompose`, payload: { discardEdits } });
    expect(response.statusCode).toBe(200);
    return ListingDto.parse(response.json());
  }

  async function patch(itemId: string, body: unknown): Promise<{ status: number; json: unknown }> {
    const response = await app.inject({ method: 'PATCH', url: `/api/items/${itemId}/listing`, payload: body as Record<string, unknown> });
    return { status: response.statusCode, json: response.json() };
  }

  it('serves the composed listing with its version and pre-flight result', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    const response = await app.inject({ method: 'GET', url: `/api/items/${itemId}/listing` });
    expect(response.statusCode).toBe(200);
    const listing = ListingDto.parse(response.json());
    expect(listing.current).toMatchObject({
      version: 1,
      source: 'compose',
      editedFields: [],
      draft: { categoryId: '11483', aspects: { Size: ['32'], 'Size Type': ['Regular'], Inseam: ['30 in'] } },
      preflight: { state: 'clean', aspectSource: 'bundled' },
      composition: { categorySource: 'bundled' },
    });
  });

  it('keeps every seller edit as a new version, and the items list shows the edited listing', async () => {
    const { itemId, batchId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    const edited = await patch(itemId, { title: "Vintage Levi's 501 Jeans 32x30", aspects: { Color: ['Indigo'], Style: ['501'] }, conditionId: 2990, expectedVersion: 1 });
    expect(edited.status).toBe(200);
    const listing = ListingDto.parse(edited.json);
    expect(listing.current).toMatchObject({
      version: 2,
      source: 'seller',
      actor: 'api',
      draft: { title: "Vintage Levi's 501 Jeans 32x30", conditionId: 2990, aspects: { Color: ['Indigo'], Style: ['501'] } },
    });
    expect(listing.current.editedFields.sort()).toEqual(['aspects.Color', 'aspects.Style', 'conditionId', 'title']);

    const items = await app.inject({ method: 'GET', url: `/api/batches/${batchId}/items` });
    expect(items.json<{ items: Array<{ listing: { title: string } }> }>().items[0]?.listing.title).toBe("Vintage Levi's 501 Jeans 32x30");
  });

  it('lets the seller edit every field of the listing', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    const { status, json } = await patch(itemId, {
      title: 'Pants',
      descriptionHtml: '<p>Great <b>pants</b></p>',
      categoryId: '57989',
      conditionId: 3010,
      conditionDescription: 'Small mark on the knee.',
      aspects: { Type: ['Pants'] },
      productCode: '012345678905',
    });
    expect(status).toBe(200);
    const { draft, editedFields } = ListingDto.parse(json).current;
    expect(draft).toMatchObject({
      title: 'Pants',
      descriptionHtml: '<p>Great <b>pants</b></p>',
      categoryId: '57989',
      categoryName: 'Pants',
      conditionId: 3010,
      conditionDescription: 'Small mark on the knee.',
      productCode: '012345678905',
    });
    expect(draft.aspects.Type).toEqual(['Pants']);
    expect(draft.aspects['Fabric Wash']).toBeUndefined();
    expect(editedFields).toEqual(expect.arrayContaining(['title', 'descriptionHtml', 'category', 'conditionId', 'conditionDescription', 'productCode', 'aspects.Type']));
  });

  it('removes scripts and event handlers from a description the seller wrote', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    const { json } = await patch(itemId, { descriptionHtml: '<p onclick="steal()">Soft</p><script>alert(1)</script><img src="javascript:x">' });
    const { draft, preflight } = ListingDto.parse(json).current;
    expect(draft.descriptionHtml).toBe('<p>Soft</p><img />');
    expect(preflight.issues.map((issue) => issue.code)).not.toContain('DESCRIPTION_HAS_ACTIVE_CONTENT');
  });

  it('keeps the seller’s edits through a re-analysis, and drops them only when asked', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    await patch(itemId, { aspects: { Color: ['Indigo'] } });
    await repos.analyses.save(itemId, { provider: 'test', attributes: buildAttributes({ ...levisJeans, color: 'Black', style: 'Slim Fit' }), ocr: [], degraded: null });

    const kept = await compose(itemId);
    expect(kept.current).toMatchObject({ version: 3, source: 'recompose', editedFields: ['aspects.Color'] });
    expect(kept.current.draft.aspects).toMatchObject({ Color: ['Indigo'], Style: ['Slim Fit'] });
    expect(kept.current.draft.title).toMatch(/Indigo/);

    const discarded = await compose(itemId, true);
    expect(discarded.current).toMatchObject({ version: 4, editedFields: [], note: 'The seller discarded their edits.' });
    expect(discarded.current.draft.aspects.Color).toEqual(['Black']);
  });

  it('never writes over a seller edit that lands while the pipeline composes', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    let raced = false;
    const versions: ListingVersionRepository = {
      latest: (id) => repos.listingVersions.latest(id),
      get: (id, version) => repos.listingVersions.get(id, version),
      list: (id) => repos.listingVersions.list(id),
      append: async (version, options) => {
        if (!raced) {
          raced = true;
          await patch(itemId, { aspects: { Color: ['Indigo'] } });
        }
        return repos.listingVersions.append(version, options);
      },
    };
    await repos.analyses.save(itemId, { provider: 'test', attributes: buildAttributes({ ...levisJeans, style: 'Slim Fit' }), ocr: [], degraded: null });
    // Only the parts of the stage's ports that composition uses.
    const ports = {
      repositories: { ...repos, listingVersions: versions },
      categorySuggester: new BundledCategorySuggester(),
      aspectCatalog: new BundledAspectCatalog(),
    } as unknown as StagePorts;
    const written = await recomposeItemListing(itemId, ports, { discardEdits: false, actor: 'pipeline' });
    // The pipeline's stale version was refused; composing again on top of the seller's version changed nothing.
    expect(written).toMatchObject({ version: 2, source: 'seller', editedFields: ['aspects.Color'] });
    expect(written.draft.aspects).toMatchObject({ Color: ['Indigo'], Style: ['Slim Fit'] });
    expect((await repos.listingVersions.list(itemId)).map((version) => version.source)).toEqual(['compose', 'seller']);
  });

  it('adds no version when composing again changes nothing', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    expect((await compose(itemId)).current.version).toBe(1);
  });

  it('lists the versions, oldest first, with who made them', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    await patch(itemId, { title: 'First edit' });
    await patch(itemId, { title: 'Second edit' });
    const response = await app.inject({ method: 'GET', url: `/api/items/${itemId}/listing/versions` });
    const versions = response.json<{ versions: unknown[] }>().versions.map((version) => ListingVersionDto.parse(version));
    expect(versions.map((version) => [version.version, version.source, version.actor, version.draft.title.slice(0, 12)])).toEqual([
      [1, 'compose', 'api', versions[0]!.draft.title.slice(0, 12)],
      [2, 'seller', 'api', 'First edit'],
      [3, 'seller', 'api', 'Second edit'],
    ]);
  });

  it('refuses an edit made on an older version as a conflict', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    await patch(itemId, { title: 'Newer', expectedVersion: 1 });
    const stale = await patch(itemId, { title: 'Older', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringMatching(/reload it/) } });
  });

  it.each([
    { case: 'a title over 80 characters', body: { title: 'x'.repeat(81) }, says: /80 characters/ },
    { case: 'an unknown field', body: { price: 10 }, says: /price/ },
    { case: 'a condition eBay has no ID for', body: { conditionId: 1234 }, says: /conditionId/ },
    { case: 'a product code that is not digits', body: { productCode: 'ABC' }, says: /UPC or EAN/ },
    { case: 'nothing to change', body: {}, says: /changes nothing/ },
  ])('refuses $case with a sentence saying what is wrong', async ({ body, says }) => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    const answer = await patch(itemId, body);
    expect(answer.status).toBe(400);
    expect((answer.json as { error: { message: string } }).error.message).toMatch(says);
  });

  it('holds a listing with errors until they are fixed or the seller overrides them', async () => {
    const { itemId } = await createAnalysedItem({ ...levisJeans, color: '' }, [[480, 360]]);
    const composed = await compose(itemId);
    expect(composed.current.preflight.state).toBe('needs_attention');
    expect(composed.current.preflight.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.code, issue.ebayErrorId])).toEqual([
      ['ASPECT_REQUIRED_MISSING', 25029],
      ['PHOTO_TOO_SMALL', 25014],
    ]);

    const fixed = ListingDto.parse((await patch(itemId, { aspects: { Color: ['Blue'] } })).json);
    expect(fixed.current.preflight.issues.map((issue) => issue.code)).toEqual(['PHOTO_TOO_SMALL']);

    const overridden = await app.inject({ method: 'POST', url: `/api/items/${itemId}/listing/override`, payload: { reason: 'The photo is a close-up of the label.' } });
    expect(overridden.statusCode).toBe(200);
    expect(ListingDto.parse(overridden.json()).current).toMatchObject({
      source: 'override',
      preflight: { state: 'overridden', override: { reason: 'The photo is a close-up of the label.', actor: 'api' } },
    });

    const again = await app.inject({ method: 'POST', url: `/api/items/${itemId}/listing/override`, payload: { reason: 'again' } });
    expect(again.statusCode).toBe(200);
    await patch(itemId, { aspects: { Color: null } });
    const reopened = ListingDto.parse((await app.inject({ method: 'GET', url: `/api/items/${itemId}/listing` })).json());
    expect(reopened.current.preflight.state).toBe('needs_attention');
  });

  it('keeps a listing with errors out of the Seller Hub CSV until the seller overrides the check', async () => {
    const { itemId, batchId } = await createAnalysedItem({ ...levisJeans, color: '' });
    await compose(itemId);
    const held = await app.inject({ method: 'GET', url: `/api/batches/${batchId}/export.csv` });
    expect(held.headers['x-held-back-items']).toBe('1');
    expect(held.body).not.toContain('Draft,SKU-1001,');

    await app.inject({ method: 'POST', url: `/api/items/${itemId}/listing/override`, payload: { reason: 'Colour is in the photos.' } });
    const exported = await app.inject({ method: 'GET', url: `/api/batches/${batchId}/export.csv` });
    expect(exported.headers['x-held-back-items']).toBe('');
    expect(exported.body).toContain('Draft,SKU-1001,');
  });

  it('asks the seller to confirm a category chosen without knowing what the item is', async () => {
    const { itemId } = await createAnalysedItem({ ...levisJeans, itemType: '' });
    const composed = await compose(itemId);
    expect(composed.current.preflight.issues.filter((issue) => issue.code === 'CATEGORY_UNCERTAIN')).toHaveLength(1);
    expect(composed.current.preflight.state).toBe('needs_attention');

    const typed = ListingDto.parse((await patch(itemId, { expectedVersion: composed.current.version, aspects: { Type: ['Jeans'] } })).json);
    expect(typed.current.preflight.issues.map((issue) => issue.code)).not.toContain('CATEGORY_UNCERTAIN');
  });

  it('refuses to override a listing that has no errors', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    const answer = await app.inject({ method: 'POST', url: `/api/items/${itemId}/listing/override`, payload: { reason: 'why not' } });
    expect(answer.statusCode).toBe(409);
  });

  it('exports a batch’s listings as JSON with their review state, edits and issues', async () => {
    const { itemId, batchId } = await createAnalysedItem(levisJeans);
    await compose(itemId);
    await patch(itemId, { aspects: { Color: ['Indigo'] } });
    const response = await app.inject({ method: 'GET', url: `/api/batches/${batchId}/export.json` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(`easyflip-${batchId}.json`);
    const exported = BatchListingsExport.parse(response.json());
    expect(exported.listings).toHaveLength(1);
    expect(exported.listings[0]).toMatchObject({
      itemId,
      sku: 'SKU-1001',
      version: 2,
      reviewState: 'clean',
      editedFields: ['aspects.Color'],
      draft: { aspects: { Color: ['Indigo'] } },
      photos: [{ url: null, width: 1600, height: 1200 }],
    });
    expect(exported.missing).toEqual([]);
  });

  it('lists in the export the items that have no listing yet, with the reason', async () => {
    const { itemId, batchId } = await createAnalysedItem(levisJeans);
    await repos.items.setStatus(itemId, 'failed', 'The analysis failed: no photo could be read.');
    const exported = BatchListingsExport.parse((await app.inject({ method: 'GET', url: `/api/batches/${batchId}/export.json` })).json());
    expect(exported.missing).toEqual([{ itemId, position: 1, reason: 'The analysis failed: no photo could be read.' }]);
  });

  it.each([
    { method: 'GET' as const, url: `/api/items/${randomUUID()}/listing` },
    { method: 'GET' as const, url: `/api/items/${randomUUID()}/listing/versions` },
    { method: 'GET' as const, url: `/api/batches/${randomUUID()}/export.json` },
  ])('answers 404 for $url', async ({ method, url }) => {
    const response = await app.inject({ method, url });
    expect(response.statusCode).toBe(404);
  });

  it('answers 404 for an item that has no listing yet, saying why', async () => {
    const { itemId } = await createAnalysedItem(levisJeans);
    const response = await app.inject({ method: 'GET', url: `/api/items/${itemId}/listing` });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(/no listing yet/);
  });
});
