import { describe, expect, it } from 'vitest';
import { planRegrouping, type CurrentGrouping } from '../../../../src/domain/segmentation/regroup-items.ts';
import type { SegmentablePhoto } from '../../../../src/domain/segmentation/segment-batch.ts';

const START = Date.parse('2024-05-01T10:00:00Z');
const options = { timeGapMinutes: 30 };

/** Photo `id` shot at `minute`; `sku` makes it a SKU label, `grams` gives it a weight. */
function shot(id: string, minute: number, label?: { sku: string | null; grams?: number }): SegmentablePhoto {
  return {
    id,
    originalName: `${id}.jpg`,
    sequence: minute + 1,
    capturedAt: new Date(START + minute * 60_000),
    usable: true,
    skuLabel: label === undefined ? null : { sku: label.sku, source: 'barcode', text: label.sku ?? '' },
    productCodes: [],
    weight: label?.grams === undefined ? null : { grams: label.grams, text: `${label.grams} g`, source: 'label', confidence: 0.9 },
  };
}

/** A batch segmented as: orphan o1; item A (sku-a, a1, a2); item B (sku-b, b1, b2, b3); item C (sku-c, c1). */
const photos = [
  shot('o1', 0),
  shot('sku-a', 1, { sku: 'EF-1', grams: 500 }),
  shot('a1', 2),
  shot('a2', 3),
  shot('sku-b', 4, { sku: 'EF-2', grams: 600 }),
  shot('b1', 5),
  shot('b2', 6),
  shot('b3', 7),
  shot('sku-c', 8, { sku: 'EF-3', grams: 700 }),
  shot('c1', 9),
];
const current: CurrentGrouping = {
  items: [
    { id: 'A', skuPhotoId: 'sku-a', photoIds: ['sku-a', 'a1', 'a2'] },
    { id: 'B', skuPhotoId: 'sku-b', photoIds: ['sku-b', 'b1', 'b2', 'b3'] },
    { id: 'C', skuPhotoId: 'sku-c', photoIds: ['sku-c', 'c1'] },
  ],
  orphanPhotoIds: ['o1'],
};

const shape = (plan: ReturnType<typeof planRegrouping>) =>
  plan.items.map((item) => ({ id: item.id, position: item.position, sku: item.sku, skuPhotoId: item.skuPhotoId, photoIds: item.photoIds }));

describe('planRegrouping', () => {
  it('moves photos into another item, keeping shooting order, and touches both items only', () => {
    const plan = planRegrouping(current, photos, { kind: 'move', photoIds: ['a2'], toItemId: 'B' }, options);
    expect(shape(plan)).toEqual([
      { id: 'A', position: 1, sku: 'EF-1', skuPhotoId: 'sku-a', photoIds: ['sku-a', 'a1'] },
      { id: 'B', position: 2, sku: 'EF-2', skuPhotoId: 'sku-b', photoIds: ['sku-b', 'a2', 'b1', 'b2', 'b3'] },
      { id: 'C', position: 3, sku: 'EF-3', skuPhotoId: 'sku-c', photoIds: ['sku-c', 'c1'] },
    ]);
    expect(plan.touchedItemIds).toEqual(['A', 'B']);
    expect(plan.deletedItemIds).toEqual([]);
  });

  it('moves a photo out to the orphans, and an orphan into an item', () => {
    const out = planRegrouping(current, photos, { kind: 'move', photoIds: ['c1'], toItemId: null }, options);
    expect(out.orphanPhotoIds).toEqual(['o1', 'c1']);
    expect(out.items.find((item) => item.id === 'C')?.flags.map((flag) => flag.code)).toEqual(['NO_ITEM_PHOTOS']);
    const back = planRegrouping(current, photos, { kind: 'move', photoIds: ['o1'], toItemId: 'A' }, options);
    expect(back.orphanPhotoIds).toEqual([]);
    expect(back.items[0]?.photoIds).toEqual(['sku-a', 'o1', 'a1', 'a2']);
  });

  it('deletes an item that loses every photo', () => {
    const plan = planRegrouping(current, photos, { kind: 'move', photoIds: ['sku-c', 'c1'], toItemId: 'B' }, options);
    expect(plan.deletedItemIds).toEqual(['C']);
    expect(plan.items.map((item) => item.id)).toEqual(['A', 'B']);
    const merged = plan.items[1];
    expect(merged?.photoIds).toEqual(['sku-b', 'b1', 'b2', 'b3', 'sku-c', 'c1']);
    // Another label among the item's photos is shown, not silently dropped.
    expect(merged?.flags).toContainEqual(expect.objectContaining({ code: 'MULTIPLE_SKUS', photoId: 'sku-c' }));
  });

  it('splits an item at a photo: that photo opens a new item, placed right after, and positions follow', () => {
    const plan = planRegrouping(current, photos, { kind: 'split', fromPhotoId: 'b2' }, options);
    expect(shape(plan)).toEqual([
      { id: 'A', position: 1, sku: 'EF-1', skuPhotoId: 'sku-a', photoIds: ['sku-a', 'a1', 'a2'] },
      { id: 'B', position: 2, sku: 'EF-2', skuPhotoId: 'sku-b', photoIds: ['sku-b', 'b1'] },
      { id: null, position: 3, sku: null, skuPhotoId: 'b2', photoIds: ['b2', 'b3'] },
      { id: 'C', position: 4, sku: 'EF-3', skuPhotoId: 'sku-c', photoIds: ['sku-c', 'c1'] },
    ]);
    expect(plan.touchedItemIds).toEqual(['B']);
    // A SKU photo chosen by hand with no code read: the new item has no SKU and no weight yet.
    expect(plan.items[2]?.flags.map((flag) => flag.code)).toEqual(['NO_WEIGHT']);
  });

  it('refuses to split an item at its first photo', () => {
    expect(() => planRegrouping(current, photos, { kind: 'split', fromPhotoId: 'sku-b' }, options)).toThrow(/already starts/);
  });

  it('merges items into the first by shooting order, the others deleted', () => {
    const plan = planRegrouping(current, photos, { kind: 'merge', itemIds: ['C', 'B'] }, options);
    expect(shape(plan)).toEqual([
      { id: 'A', position: 1, sku: 'EF-1', skuPhotoId: 'sku-a', photoIds: ['sku-a', 'a1', 'a2'] },
      { id: 'B', position: 2, sku: 'EF-2', skuPhotoId: 'sku-b', photoIds: ['sku-b', 'b1', 'b2', 'b3', 'sku-c', 'c1'] },
    ]);
    expect(plan.deletedItemIds).toEqual(['C']);
    expect(plan.touchedItemIds).toEqual(['B']);
  });

  it('marks a photo of an item as its SKU photo, which then comes first and gives the SKU', () => {
    const relabelled = photos.map((photo) => (photo.id === 'b1' ? shot('b1', 5, { sku: 'EF-22', grams: 650 }) : photo));
    const plan = planRegrouping(current, relabelled, { kind: 'mark-sku-photo', photoId: 'b1' }, options);
    expect(plan.items[1]).toMatchObject({ id: 'B', skuPhotoId: 'b1', sku: 'EF-22', photoIds: ['b1', 'sku-b', 'b2', 'b3'] });
    expect(plan.items[1]?.weight).toMatchObject({ grams: 650, photoId: 'b1' });
    expect(plan.touchedItemIds).toEqual(['B']);
  });

  it('opens a new item at an orphan marked as a SKU photo, with the orphans after it', () => {
    const withOrphans = [...photos, shot('o2', 0.5)];
    const plan = planRegrouping({ ...current, orphanPhotoIds: ['o1', 'o2'] }, withOrphans, { kind: 'mark-sku-photo', photoId: 'o1' }, options);
    expect(plan.orphanPhotoIds).toEqual([]);
    expect(plan.items[0]).toMatchObject({ id: null, position: 1, skuPhotoId: 'o1', photoIds: ['o1', 'o2'] });
    expect(plan.items.map((item) => item.position)).toEqual([1, 2, 3, 4]);
    expect(plan.touchedItemIds).toEqual([]);
  });

  it('says which photo or item it does not know', () => {
    expect(() => planRegrouping(current, photos, { kind: 'move', photoIds: ['nope'], toItemId: 'A' }, options)).toThrow(/Photo nope/);
    expect(() => planRegrouping(current, photos, { kind: 'move', photoIds: ['a1'], toItemId: 'Z' }, options)).toThrow(/Item Z/);
    expect(() => planRegrouping(current, photos, { kind: 'merge', itemIds: ['A', 'A'] }, options)).toThrow(/two items/);
  });
});
