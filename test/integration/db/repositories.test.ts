import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestedPhoto, NewItem, PhotoRecord, Repositories } from '../../../src/ports/repositories.ts';
import { databaseEngines } from '../../support/database.ts';
import type { TestDatabase } from '../../support/database.ts';

describe.each(databaseEngines)('the repositories on $name', (engine) => {
  let database: TestDatabase;
  let repos: Repositories;
  let accountId: string;

  beforeAll(async () => {
    database = await engine.open();
    repos = database.repositories;
    accountId = (await repos.accounts.ensureDefault()).id;
  });

  afterAll(async () => {
    await database?.close();
  });

  async function createBatch(name = 'Spring haul'): Promise<string> {
    return (await repos.batches.create({ accountId, name })).id;
  }

  function uploadOf(batchId: string, content: string, originalName = `${content}.jpg`) {
    return {
      batchId,
      originalName,
      sha256: createHash('sha256').update(content).digest('hex'),
      bytes: content.length,
      originalKey: `originals/${content}`,
    };
  }

  async function addPhotos(batchId: string, count: number): Promise<PhotoRecord[]> {
    const photos: PhotoRecord[] = [];
    for (let index = 1; index <= count; index += 1) {
      photos.push((await repos.photos.addReceived(uploadOf(batchId, `${batchId}-photo-${index}`))).photo);
    }
    return photos;
  }

  describe('transactions', () => {
    it('keep their uncommitted rows from queries made outside them', async () => {
      const name = `Uncommitted ${randomUUID()}`;
      let outside: Promise<number> | undefined;
      const rolledBack = new Error('roll back');
      await expect(
        database.db.transaction().execute(async (trx) => {
          await trx.insertInto('batches').values({ account_id: accountId, name }).execute();
          outside = database.db
            .selectFrom('batches')
            .select('id')
            .where('name', '=', name)
            .execute()
            .then((rows) => rows.length);
          await trx.selectFrom('batches').select('id').where('name', '=', name).executeTakeFirstOrThrow();
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      expect(await outside).toBe(0);
    });
  });

  describe('accounts', () => {
    it('creates one default account however many callers ask at once', async () => {
      const accounts = await Promise.all(Array.from({ length: 5 }, () => repos.accounts.ensureDefault()));
      expect(new Set(accounts.map((account) => account.id))).toEqual(new Set([accountId]));
      expect(accounts[0]!.name).toBe('Local seller');
    });
  });

  describe('batches', () => {
    it('creates an open batch and reads it back', async () => {
      const batch = await repos.batches.create({ accountId, name: 'Thrift run' });
      expect(batch).toMatchObject({ accountId, name: 'Thrift run', status: 'open', submittedAt: null, completedAt: null });
      expect(batch.createdAt).toBeInstanceOf(Date);
      expect(await repos.batches.get(batch.id)).toEqual(batch);
    });

    it('returns null for a batch that does not exist', async () => {
      expect(await repos.batches.get(randomUUID())).toBeNull();
    });

    it('submits an open batch once, then completes it', async () => {
      const batchId = await createBatch();
      expect(await repos.batches.submit(batchId)).toBe(true);
      expect(await repos.batches.submit(batchId)).toBe(false);
      const submitted = await repos.batches.get(batchId);
      expect(submitted?.status).toBe('processing');
      expect(submitted?.submittedAt).toBeInstanceOf(Date);

      await repos.batches.markCompleted(batchId);
      const completed = await repos.batches.get(batchId);
      expect(completed?.status).toBe('completed');
      expect(completed?.completedAt).toBeInstanceOf(Date);
    });

    it('lists the batches in a status', async () => {
      const [open, submitted] = [await createBatch('Still open'), await createBatch('Sent')];
      await repos.batches.submit(submitted);
      const processing = (await repos.batches.listByStatus('processing')).map((batch) => batch.id);
      const opened = (await repos.batches.listByStatus('open')).map((batch) => batch.id);
      expect(processing).toContain(submitted);
      expect(processing).not.toContain(open);
      expect(opened).toContain(open);
      expect(opened).not.toContain(submitted);
    });
  });

  describe('photos', () => {
    it('records an upload as received with the next sequence number', async () => {
      const batchId = await createBatch();
      const { photo, created } = await repos.photos.addReceived(uploadOf(batchId, 'front'));
      expect(created).toBe(true);
      expect(photo).toMatchObject({
        batchId,
        sequence: 1,
        originalName: 'front.jpg',
        bytes: 5,
        originalKey: 'originals/front',
        status: 'received',
        role: 'unassigned',
        itemId: null,
        quality: null,
        barcodes: [],
        capturedAt: null,
      });
      expect(await repos.photos.get(photo.id)).toEqual(photo);
    });

    it('treats the same bytes uploaded twice to a batch as one photo', async () => {
      const batchId = await createBatch();
      const first = await repos.photos.addReceived(uploadOf(batchId, 'same bytes', 'IMG_0001.jpg'));
      const again = await repos.photos.addReceived(uploadOf(batchId, 'same bytes', 'IMG_0001 copy.jpg'));
      expect(again.created).toBe(false);
      expect(again.photo).toEqual(first.photo);
      expect(await repos.photos.countByBatch(batchId)).toBe(1);
    });

    it('keeps the same bytes in two batches as two photos', async () => {
      const [firstBatch, secondBatch] = [await createBatch(), await createBatch()];
      const first = await repos.photos.addReceived(uploadOf(firstBatch, 'shared'));
      const second = await repos.photos.addReceived(uploadOf(secondBatch, 'shared'));
      expect(second.created).toBe(true);
      expect(second.photo.id).not.toBe(first.photo.id);
      expect(second.photo.sequence).toBe(1);
    });

    it('numbers 20 concurrent uploads 1 to 20 without a gap or a repeat', async () => {
      const batchId = await createBatch();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) => repos.photos.addReceived(uploadOf(batchId, `${batchId}-${index}`))),
      );
      expect(results.every((result) => result.created)).toBe(true);
      const sequences = results.map((result) => result.photo.sequence).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      const listed = await repos.photos.listByBatch(batchId);
      expect(listed.map((photo) => photo.sequence)).toEqual(sequences);
      expect(await repos.photos.countByBatch(batchId)).toBe(20);
    });

    it('deduplicates concurrent uploads of the same bytes', async () => {
      const batchId = await createBatch();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => repos.photos.addReceived(uploadOf(batchId, 'burst'))),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.photo.id)).size).toBe(1);
    });

    it('refuses an upload to a batch that does not exist', async () => {
      await expect(repos.photos.addReceived(uploadOf(randomUUID(), 'lost'))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('stores what ingest found, JSON and timestamps included', async () => {
      const batchId = await createBatch();
      const [photo] = await addPhotos(batchId, 1);
      const ingested: IngestedPhoto = {
        mimeType: 'image/heic',
        width: 3024,
        height: 4032,
        capturedAt: new Date('2024-05-01T10:20:30.000Z'),
        thumbnailKey: 'thumbs/a.jpg',
        aiKey: 'ai/a.jpg',
        ebayKey: 'ebay/a.jpg',
        quality: { sharpness: 812.5, blurry: false, brightness: 121.2, tooDark: false, tooBright: false, tooSmall: false },
        barcodes: [{ format: 'Code128', text: 'SKU-0042', kind: 'sku' }],
      };
      await repos.photos.markIngested(photo!.id, ingested);
      expect(await repos.photos.get(photo!.id)).toMatchObject({ ...ingested, status: 'ingested', errorCode: null });
    });

    it('stores why a photo was rejected', async () => {
      const batchId = await createBatch();
      const [photo] = await addPhotos(batchId, 1);
      await repos.photos.markRejected(photo!.id, { code: 'UNSUPPORTED_TYPE', message: 'A GIF is not a photo we can list' });
      expect(await repos.photos.get(photo!.id)).toMatchObject({
        status: 'rejected',
        errorCode: 'UNSUPPORTED_TYPE',
        errorMessage: 'A GIF is not a photo we can list',
      });
    });
  });

  describe('items', () => {
    function segmentation(photos: PhotoRecord[]): { items: NewItem[]; orphans: string[] } {
      const [orphan, sku1, front1, back1, sku2, front2] = photos.map((photo) => photo.id);
      return {
        orphans: [orphan!],
        items: [
          {
            position: 1,
            sku: 'A-001',
            skuPhotoId: sku1!,
            weight: { grams: 340.2, text: '12 oz', photoId: sku1!, source: 'label', confidence: 0.9 },
            productCode: null,
            flags: [],
            photoIds: [sku1!, back1!, front1!],
          },
          {
            position: 2,
            sku: 'A-002',
            skuPhotoId: sku2!,
            weight: null,
            productCode: '012345678905',
            flags: [{ code: 'NO_WEIGHT', message: 'No weight was read' }],
            photoIds: [sku2!, front2!],
          },
        ],
      };
    }

    async function snapshot(batchId: string) {
      const items = await repos.items.listByBatch(batchId);
      const photos = await repos.photos.listByBatch(batchId);
      const positionById = new Map(items.map((item) => [item.id, item.position]));
      return {
        items: items.map(({ id: _id, createdAt: _createdAt, ...rest }) => rest),
        photos: photos.map((photo) => ({
          sequence: photo.sequence,
          role: photo.role,
          itemPosition: photo.itemId === null ? null : positionById.get(photo.itemId),
        })),
      };
    }

    it('replaces the items of a batch and gives every photo its role', async () => {
      const batchId = await createBatch();
      const photos = await addPhotos(batchId, 7);
      const { items, orphans } = segmentation(photos);

      const created = await repos.items.replaceForBatch(batchId, items, orphans);
      expect(created.map((item) => [item.position, item.sku, item.status])).toEqual([
        [1, 'A-001', 'processing'],
        [2, 'A-002', 'processing'],
      ]);
      expect(created[0]!.weight).toEqual(items[0]!.weight);
      expect(created[1]!.flags).toEqual(items[1]!.flags);

      const state = await snapshot(batchId);
      expect(state.photos).toEqual([
        { sequence: 1, role: 'orphan', itemPosition: null },
        { sequence: 2, role: 'sku', itemPosition: 1 },
        { sequence: 3, role: 'item', itemPosition: 1 },
        { sequence: 4, role: 'item', itemPosition: 1 },
        { sequence: 5, role: 'sku', itemPosition: 2 },
        { sequence: 6, role: 'item', itemPosition: 2 },
        { sequence: 7, role: 'unassigned', itemPosition: null },
      ]);
      const firstItemPhotos = await repos.items.listPhotos(created[0]!.id);
      expect(firstItemPhotos.map((photo) => photo.sequence)).toEqual([2, 4, 3]);
    });

    it('leaves the same state when run twice with the same input', async () => {
      const batchId = await createBatch();
      const photos = await addPhotos(batchId, 7);
      const { items, orphans } = segmentation(photos);

      await repos.items.replaceForBatch(batchId, items, orphans);
      const once = await snapshot(batchId);
      const second = await repos.items.replaceForBatch(batchId, items, orphans);
      expect(await snapshot(batchId)).toEqual(once);
      expect(await repos.items.listByBatch(batchId)).toEqual(second);
    });

    it('drops what hung off the old items when the batch is regrouped', async () => {
      const batchId = await createBatch();
      const photos = await addPhotos(batchId, 7);
      const { items, orphans } = segmentation(photos);
      const [oldItem] = await repos.items.replaceForBatch(batchId, items, orphans);
      await repos.analyses.save(oldItem!.id, { provider: 'local', attributes: {}, ocr: [], degraded: null });
      await repos.stageRuns.ensure({ stage: 'analyse', subjectId: oldItem!.id, batchId, itemId: oldItem!.id });

      const merged: NewItem = { ...items[0]!, photoIds: [...items[0]!.photoIds, ...items[1]!.photoIds] };
      const [newItem] = await repos.items.replaceForBatch(batchId, [merged], orphans);

      expect(await repos.items.get(oldItem!.id)).toBeNull();
      expect(await repos.analyses.get(oldItem!.id)).toBeNull();
      expect(await repos.stageRuns.get('analyse', oldItem!.id)).toBeNull();
      expect((await repos.items.listPhotos(newItem!.id)).map((photo) => photo.sequence)).toEqual([2, 4, 3, 5, 6]);
      const secondSku = await repos.photos.get(photos[4]!.id);
      expect(secondSku).toMatchObject({ role: 'item', itemId: newItem!.id });
    });

    it('refuses a photo of another batch and changes nothing', async () => {
      const batchId = await createBatch();
      const photos = await addPhotos(batchId, 7);
      const { items, orphans } = segmentation(photos);
      await repos.items.replaceForBatch(batchId, items, orphans);
      const before = await snapshot(batchId);

      const [stranger] = await addPhotos(await createBatch(), 1);
      const withStranger: NewItem = { ...items[0]!, photoIds: [...items[0]!.photoIds, stranger!.id] };
      await expect(repos.items.replaceForBatch(batchId, [withStranger], orphans)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await snapshot(batchId)).toEqual(before);
    });

    it('refuses a photo listed twice', async () => {
      const batchId = await createBatch();
      const photos = await addPhotos(batchId, 7);
      const { items } = segmentation(photos);
      await expect(repos.items.replaceForBatch(batchId, items, [photos[1]!.id])).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it('sets an item’s status with a reason and clears the reason after', async () => {
      const batchId = await createBatch();
      const photos = await addPhotos(batchId, 7);
      const { items, orphans } = segmentation(photos);
      const [item] = await repos.items.replaceForBatch(batchId, items, orphans);

      await repos.items.setStatus(item!.id, 'failed', 'No photo showed the item');
      expect(await repos.items.get(item!.id)).toMatchObject({ status: 'failed', statusReason: 'No photo showed the item' });
      await repos.items.setStatus(item!.id, 'ready_for_review');
      expect(await repos.items.get(item!.id)).toMatchObject({ status: 'ready_for_review', statusReason: null });
    });
  });

  describe('analyses, listings and price estimates', () => {
    async function createItem(): Promise<string> {
      const batchId = await createBatch();
      const [photo] = await addPhotos(batchId, 1);
      const [item] = await repos.items.replaceForBatch(
        batchId,
        [{ position: 1, sku: null, skuPhotoId: null, weight: null, productCode: null, flags: [], photoIds: [photo!.id] }],
        [],
      );
      return item!.id;
    }

    it('keeps the latest analysis of an item', async () => {
      const itemId = await createItem();
      expect(await repos.analyses.get(itemId)).toBeNull();
      await repos.analyses.save(itemId, { provider: 'local', attributes: {}, ocr: [], degraded: 'no vision key' });
      const attributes = {
        brand: [{ value: 'Levi’s', confidence: 0.92, evidence: [{ photoId: randomUUID(), source: 'ocr' as const, text: 'LEVI STRAUSS' }] }],
      };
      const ocr = [{ photoId: randomUUID(), text: 'LEVI STRAUSS & CO', confidence: 88 }];
      await repos.analyses.save(itemId, { provider: 'openai', attributes, ocr, degraded: null });
      const analysis = await repos.analyses.get(itemId);
      expect(analysis).toMatchObject({ itemId, provider: 'openai', attributes, ocr, degraded: null });
      expect(analysis?.createdAt).toBeInstanceOf(Date);
    });

    it('keeps the latest listing draft of an item', async () => {
      const itemId = await createItem();
      const draft = {
        title: 'Levi’s 501 Jeans Men 32x30 Blue',
        descriptionHtml: '<p>Measured flat.</p>',
        categoryId: '11483',
        categoryName: 'Jeans',
        conditionId: 3000 as const,
        conditionDescription: null,
        aspects: { Brand: ['Levi’s'], Size: ['32'] },
        productCode: null,
      };
      await repos.listings.save(itemId, draft);
      await repos.listings.save(itemId, { ...draft, conditionDescription: 'Light fading at the hem' });
      expect(await repos.listings.get(itemId)).toMatchObject({
        ...draft,
        itemId,
        conditionDescription: 'Light fading at the hem',
      });
    });

    it('keeps the latest price estimate of an item', async () => {
      const itemId = await createItem();
      await repos.prices.save(itemId, { status: 'no_source', reason: 'No eBay account is connected' });
      const estimate = { status: 'estimated' as const, source: 'sold' as const, currency: 'USD', amount: 24.5, sampleSize: 17 };
      await repos.prices.save(itemId, estimate);
      const saved = await repos.prices.get(itemId);
      expect(saved).toMatchObject({ itemId, estimate });
      expect(saved?.updatedAt).toBeInstanceOf(Date);
    });
  });

  describe('stage runs', () => {
    it('goes pending, running, failed, running, succeeded', async () => {
      const batchId = await createBatch();
      const [photo] = await addPhotos(batchId, 1);
      const subject = { stage: 'ingest' as const, subjectId: photo!.id, batchId, photoId: photo!.id };

      const first = await repos.stageRuns.ensure(subject);
      expect(first.created).toBe(true);
      expect(first.run).toMatchObject({ status: 'pending', attempts: 0, lastError: null, startedAt: null, finishedAt: null });
      const again = await repos.stageRuns.ensure(subject);
      expect(again).toEqual({ run: first.run, created: false });

      const running = await repos.stageRuns.start('ingest', photo!.id);
      expect(running).toMatchObject({ status: 'running', attempts: 1 });
      expect(running.startedAt).toBeInstanceOf(Date);

      await repos.stageRuns.fail('ingest', photo!.id, 'sharp timed out');
      expect(await repos.stageRuns.get('ingest', photo!.id)).toMatchObject({ status: 'failed', lastError: 'sharp timed out' });

      expect(await repos.stageRuns.start('ingest', photo!.id)).toMatchObject({ status: 'running', attempts: 2 });
      await repos.stageRuns.succeed('ingest', photo!.id);
      const done = await repos.stageRuns.get('ingest', photo!.id);
      expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(done?.finishedAt).toBeInstanceOf(Date);
    });

    it('creates one run when many callers ensure it at once', async () => {
      const batchId = await createBatch();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => repos.stageRuns.ensure({ stage: 'segment', subjectId: batchId, batchId })),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.run.id)).size).toBe(1);
    });

    it('kills a run with its reason', async () => {
      const batchId = await createBatch();
      await repos.stageRuns.ensure({ stage: 'segment', subjectId: batchId, batchId });
      await repos.stageRuns.start('segment', batchId);
      await repos.stageRuns.kill('segment', batchId, 'The batch has no photos');
      const dead = await repos.stageRuns.get('segment', batchId);
      expect(dead).toMatchObject({ status: 'dead', lastError: 'The batch has no photos' });
      expect(dead?.finishedAt).toBeInstanceOf(Date);
    });

    it('lists the pending, running and failed runs a restart must pick up', async () => {
      const batchId = await createBatch();
      const photos = await addPhotos(batchId, 5);
      const ids = photos.map((photo) => photo.id);
      for (const photoId of ids) await repos.stageRuns.ensure({ stage: 'ingest', subjectId: photoId, batchId, photoId });
      await repos.stageRuns.start('ingest', ids[1]!);
      await repos.stageRuns.start('ingest', ids[2]!);
      await repos.stageRuns.fail('ingest', ids[2]!, 'timeout');
      await repos.stageRuns.start('ingest', ids[3]!);
      await repos.stageRuns.succeed('ingest', ids[3]!);
      await repos.stageRuns.kill('ingest', ids[4]!, 'corrupt');

      const unfinished = (await repos.stageRuns.listUnfinished()).filter((run) => run.batchId === batchId);
      expect(unfinished.map((run) => [run.subjectId, run.status])).toEqual([
        [ids[0], 'pending'],
        [ids[1], 'running'],
        [ids[2], 'failed'],
      ]);
      expect((await repos.stageRuns.listByBatch(batchId)).map((run) => run.subjectId)).toEqual(ids);
    });

    it('forgets the runs it is told to reset, and only those', async () => {
      const batchId = await createBatch();
      const [photo] = await addPhotos(batchId, 1);
      await repos.stageRuns.ensure({ stage: 'ingest', subjectId: photo!.id, batchId, photoId: photo!.id });
      await repos.stageRuns.ensure({ stage: 'segment', subjectId: batchId, batchId });

      await repos.stageRuns.reset(['segment', 'analyse'], [batchId]);
      await repos.stageRuns.reset([], [photo!.id]);
      expect(await repos.stageRuns.get('segment', batchId)).toBeNull();
      expect(await repos.stageRuns.get('ingest', photo!.id)).not.toBeNull();
      expect((await repos.stageRuns.ensure({ stage: 'segment', subjectId: batchId, batchId })).created).toBe(true);
    });

    it('refuses to start a run that was never ensured', async () => {
      await expect(repos.stageRuns.start('price', randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('dead letters', () => {
    it('keeps each dead job with its payload and reason, filtered by batch', async () => {
      const [batchA, batchB] = [await createBatch(), await createBatch()];
      const [photo] = await addPhotos(batchA, 1);
      const runA = (await repos.stageRuns.ensure({ stage: 'ingest', subjectId: photo!.id, batchId: batchA })).run;
      const runB = (await repos.stageRuns.ensure({ stage: 'segment', subjectId: batchB, batchId: batchB })).run;

      await repos.deadLetters.add({
        stageRunId: runA.id,
        stage: 'ingest',
        batchId: batchA,
        subjectId: photo!.id,
        payload: { batchId: batchA, photoId: photo!.id },
        errorCode: 'CORRUPT_IMAGE',
        reason: 'The JPEG ends early',
      });
      await repos.deadLetters.add({
        stageRunId: runB.id,
        stage: 'segment',
        batchId: batchB,
        subjectId: batchB,
        payload: [batchB],
        errorCode: 'INTERNAL',
        reason: 'Out of memory',
      });

      const forA = await repos.deadLetters.list({ batchId: batchA });
      expect(forA).toHaveLength(1);
      expect(forA[0]).toMatchObject({
        stageRunId: runA.id,
        stage: 'ingest',
        subjectId: photo!.id,
        payload: { batchId: batchA, photoId: photo!.id },
        errorCode: 'CORRUPT_IMAGE',
        reason: 'The JPEG ends early',
      });
      expect(forA[0]!.createdAt).toBeInstanceOf(Date);
      const everything = await repos.deadLetters.list();
      expect(everything.filter((letter) => [batchA, batchB].includes(letter.batchId)).map((letter) => letter.payload)).toEqual(
        [[batchB], { batchId: batchA, photoId: photo!.id }],
      );
    });
  });

  describe('audit log', () => {
    it('records who did what to which subject', async () => {
      const batchId = await createBatch();
      await repos.audit.record({
        accountId,
        actor: 'seller',
        action: 'batch.submitted',
        subjectType: 'batch',
        subjectId: batchId,
        details: { photos: 12 },
      });
      await repos.audit.record({ accountId: null, actor: 'system', action: 'batch.completed', subjectType: 'batch', subjectId: batchId });
      const rows = await database.db
        .selectFrom('audit_log')
        .select(['account_id', 'actor', 'action', 'details'])
        .where('subject_id', '=', batchId)
        .orderBy('insertion_order')
        .execute();
      expect(rows).toEqual([
        { account_id: accountId, actor: 'seller', action: 'batch.submitted', details: { photos: 12 } },
        { account_id: null, actor: 'system', action: 'batch.completed', details: {} },
      ]);
    });
  });
});
