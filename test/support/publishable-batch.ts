import sharp from 'sharp';
import type { ConditionId, ListingDraft } from '../../src/contracts/item.ts';
import type { PhotoStore } from '../../src/ports/photo-store.ts';
import type { BatchRecord, ItemRecord, ListingRecord, PhotoRecord, Repositories } from '../../src/ports/repositories.ts';

export interface PublishableItem {
  item: ItemRecord;
  listing: ListingRecord;
  photos: PhotoRecord[];
  price: { value: number; currency: string };
}

export interface PublishableBatchOptions {
  items: number;
  photosPerItem?: number;
  skuOf?: (index: number) => string;
  conditionOf?: (index: number) => ConditionId;
  /** Every item's first photo has the same bytes (a reused stock shot). */
  sharedFirstPhoto?: boolean;
  /** Items without a price estimate. */
  unpriced?: readonly number[];
  /** Changes an item's listing (a category that refuses its condition, say). */
  adjustListing?: (index: number, draft: ListingDraft) => ListingDraft;
}

/** A small distinct JPEG: each index gets its own colour, so its own bytes and hash. */
async function drawPhoto(index: number): Promise<Buffer> {
  const hue = (index * 47) % 256;
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: hue, g: 255 - hue, b: (index * 13) % 256 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

function draftOf(index: number, conditionId: ConditionId): ListingDraft {
  return {
    title: `Levi's 501 Jeans Men's 32x30 Blue No ${index + 1}`,
    descriptionHtml: `<p>Classic straight jeans, number ${index + 1}.</p>`,
    categoryId: '11483',
    categoryName: 'Jeans',
    conditionId,
    conditionDescription: conditionId >= 1750 ? 'Light fading at the knees.' : null,
    aspects: { Brand: ["Levi's"], 'Size Type': ['Regular'], Size: ['32'], Color: ['Blue'], Department: ['Men'] },
    productCode: null,
  };
}

/**
 * A completed batch of items waiting in review as the pipeline leaves them: photos ingested (their
 * eBay rendition in the photo store), a SKU and a weight, a clean listing (saved and versioned) and
 * a price. Publishing starts from here.
 */
export async function seedPublishableBatch(
  repositories: Repositories,
  photoStore: PhotoStore,
  options: PublishableBatchOptions,
): Promise<{ batch: BatchRecord; accountId: string; items: PublishableItem[] }> {
  const account = await repositories.accounts.ensureDefault();
  const batch = await repositories.batches.create({ accountId: account.id, name: 'Publishing test' });
  const photosPerItem = options.photosPerItem ?? 2;
  const shared = options.sharedFirstPhoto ? await photoStore.write(await drawPhoto(9999)) : null;
  const photoIdsByItem: string[][] = [];
  let sequence = 0;
  for (let index = 0; index < options.items; index += 1) {
    const ids: string[] = [];
    for (let photo = 0; photo < photosPerItem; photo += 1) {
      sequence += 1;
      const stored = photo === 0 && shared ? shared : await photoStore.write(await drawPhoto(sequence));
      const { photo: record } = await repositories.photos.addReceived({
        batchId: batch.id,
        originalName: `IMG_${String(sequence).padStart(4, '0')}.jpg`,
        // Two records of one batch may not share a hash; the shared bytes are told apart by name here.
        sha256: `${stored.sha256.slice(0, 56)}${String(sequence).padStart(8, '0')}`,
        bytes: stored.bytes,
        originalKey: stored.key,
      });
      await repositories.photos.markIngested(record.id, {
        mimeType: 'image/jpeg',
        width: 640,
        height: 480,
        capturedAt: null,
        thumbnailKey: stored.key,
        aiKey: stored.key,
        ebayKey: stored.key,
        quality: { sharpness: 120, blurry: false, brightness: 128, tooDark: false, tooBright: false, tooSmall: false },
        barcodes: [],
      });
      ids.push(record.id);
    }
    photoIdsByItem.push(ids);
  }
  await repositories.batches.submit(batch.id);
  const items = await repositories.items.replaceForBatch(
    batch.id,
    photoIdsByItem.map((photoIds, index) => ({
      position: index + 1,
      sku: options.skuOf?.(index) ?? `EF-${String(10_000 + index)}`,
      skuPhotoId: null,
      weight: { grams: 380 + index, text: `${380 + index} g`, photoId: photoIds[0] ?? '', source: 'label' as const, confidence: 0.9 },
      productCode: null,
      flags: [],
      photoIds,
    })),
    [],
  );
  const seeded: PublishableItem[] = [];
  for (const [index, item] of items.entries()) {
    const composed = draftOf(index, options.conditionOf?.(index) ?? 3000);
    const draft = options.adjustListing?.(index, composed) ?? composed;
    await repositories.listings.save(item.id, draft);
    await repositories.listingVersions.append({
      itemId: item.id,
      source: 'compose',
      actor: 'pipeline',
      note: null,
      draft,
      editedFields: [],
      preflight: { state: 'clean', issues: [], override: null, aspectSource: 'bundled' },
      composition: null,
    });
    const price = { value: 20 + index, currency: 'USD' };
    if (!options.unpriced?.includes(index)) {
      await repositories.prices.save(item.id, { status: 'estimated', source: 'sold', currency: price.currency, amount: price.value, sampleSize: 12 });
    }
    await repositories.items.setStatus(item.id, 'ready_for_review');
    const listing = await repositories.listings.get(item.id);
    const photos = (await repositories.items.listPhotos(item.id)).filter((photo) => photo.role === 'item');
    const current = await repositories.items.get(item.id);
    if (!listing || !current) throw new Error(`Item ${index + 1} was not seeded`);
    seeded.push({ item: current, listing, photos, price });
  }
  await repositories.batches.markCompleted(batch.id);
  return { batch, accountId: account.id, items: seeded };
}
