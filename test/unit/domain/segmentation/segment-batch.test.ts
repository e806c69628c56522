import { describe, expect, it } from 'vitest';
import { WeightReading } from '../../../../src/contracts/attributes.ts';
import { ItemFlag } from '../../../../src/contracts/item.ts';
import { segmentBatch, type SegmentablePhoto } from '../../../../src/domain/segmentation/segment-batch.ts';

const START = Date.parse('2024-05-01T10:00:00Z');
let nextSequence = 0;

/** A photo shot `minute` minutes into the session; named and uploaded in shooting order unless told. */
function shot(id: string, minute: number | null, overrides: Partial<SegmentablePhoto> = {}): SegmentablePhoto {
  nextSequence += 1;
  return {
    id,
    originalName: `IMG_${String(nextSequence).padStart(4, '0')}.jpg`,
    sequence: nextSequence,
    capturedAt: minute === null ? null : new Date(START + minute * 60_000),
    usable: true,
    skuLabel: null,
    productCodes: [],
    weight: null,
    ...overrides,
  };
}

function label(sku: string | null, grams: number | null = 500): Partial<SegmentablePhoto> {
  return {
    skuLabel: { sku, source: 'barcode', text: sku ?? '' },
    weight: grams === null ? null : { grams, text: `${grams} g`, source: 'label', confidence: 0.9 },
  };
}

const options = { timeGapMinutes: 30 };
const flagCodes = (flags: ItemFlag[]): string[] => flags.map((flag) => flag.code);

describe('segmentBatch', () => {
  it('opens an item at each SKU photo and gives it the photos that follow', () => {
    const result = segmentBatch(
      [
        shot('sku-1', 0, label('EF-1')),
        shot('a', 1),
        shot('b', 2),
        shot('sku-2', 3, label('EF-2')),
        shot('c', 4),
      ],
      options,
    );
    expect(result.orphanPhotoIds).toEqual([]);
    expect(result.items.map((item) => [item.position, item.sku, item.skuPhotoId, item.photoIds])).toEqual([
      [1, 'EF-1', 'sku-1', ['sku-1', 'a', 'b']],
      [2, 'EF-2', 'sku-2', ['sku-2', 'c']],
    ]);
    expect(result.items.every((item) => item.flags.length === 0)).toBe(true);
  });

  it('leaves photos shot before the first SKU photo as orphans', () => {
    const result = segmentBatch([shot('early-1', 0), shot('early-2', 1), shot('sku', 2, label('EF-1')), shot('a', 3)], options);
    expect(result.orphanPhotoIds).toEqual(['early-1', 'early-2']);
    expect(result.items[0]?.photoIds).toEqual(['sku', 'a']);
  });

  it('makes every photo an orphan when no SKU photo is found', () => {
    const result = segmentBatch([shot('a', 0), shot('b', 1)], options);
    expect(result).toEqual({ items: [], orphanPhotoIds: ['a', 'b'] });
  });

  it('ignores rejected photos entirely', () => {
    const result = segmentBatch(
      [shot('broken-sku', 0, { ...label('EF-0'), usable: false }), shot('sku', 1, label('EF-1')), shot('broken', 2, { usable: false }), shot('a', 3)],
      options,
    );
    expect(result.items).toHaveLength(1);
    expect(result.items[0]?.photoIds).toEqual(['sku', 'a']);
    expect(result.orphanPhotoIds).toEqual([]);
  });

  it('follows shooting order, not upload order', () => {
    const result = segmentBatch(
      [
        shot('a', 2, { sequence: 1 }),
        shot('sku', 1, { ...label('EF-1'), sequence: 2 }),
        shot('b', 3, { sequence: 0 }),
      ],
      options,
    );
    expect(result.items[0]?.photoIds).toEqual(['sku', 'a', 'b']);
  });

  it('orders by natural file name when capture times are missing', () => {
    const result = segmentBatch(
      [
        shot('ten', null, { originalName: 'IMG_10.jpg', sequence: 0 }),
        shot('sku', null, { ...label('EF-1'), originalName: 'IMG_1.jpg', sequence: 1 }),
        shot('two', null, { originalName: 'IMG_2.jpg', sequence: 2 }),
      ],
      options,
    );
    expect(result.items[0]?.photoIds).toEqual(['sku', 'two', 'ten']);
  });

  it('flags an item whose SKU photo has no item photos after it', () => {
    const result = segmentBatch([shot('sku-1', 0, label('EF-1')), shot('sku-2', 1, label('EF-2')), shot('a', 2)], options);
    expect(flagCodes(result.items[0]!.flags)).toEqual(['NO_ITEM_PHOTOS']);
    expect(result.items[0]?.flags[0]?.photoId).toBe('sku-1');
    expect(result.items[1]?.flags).toEqual([]);
  });

  it('flags a long pause inside an item and names the photo after it', () => {
    const result = segmentBatch([shot('sku', 0, label('EF-1')), shot('a', 5), shot('late', 50), shot('b', 52)], options);
    const [gap] = result.items[0]!.flags;
    expect(gap?.code).toBe('TIME_GAP');
    expect(gap?.photoId).toBe('late');
    expect(gap?.message).toContain('45 minutes');
    expect(ItemFlag.safeParse(gap).success).toBe(true);
  });

  it('does not flag a pause exactly as long as the limit, nor one between two items', () => {
    const result = segmentBatch(
      [shot('sku-1', 0, label('EF-1')), shot('a', 30), shot('sku-2', 120, label('EF-2')), shot('b', 121)],
      options,
    );
    expect(result.items.flatMap((item) => flagCodes(item.flags))).toEqual([]);
  });

  it('flags every long pause in an item, including one right after the SKU photo', () => {
    const result = segmentBatch([shot('sku', 0, label('EF-1')), shot('a', 40), shot('b', 90)], options);
    expect(result.items[0]!.flags.map((flag) => [flag.code, flag.photoId])).toEqual([
      ['TIME_GAP', 'a'],
      ['TIME_GAP', 'b'],
    ]);
  });

  it('skips the time check for photos without a capture time', () => {
    const result = segmentBatch([shot('sku', 0, label('EF-1')), shot('a', null), shot('b', 300)], options);
    expect(flagCodes(result.items[0]!.flags)).not.toContain('TIME_GAP');
  });

  it('takes the weight from the SKU label, with the photo it was read on', () => {
    const result = segmentBatch([shot('sku', 0, label('EF-1', 567)), shot('a', 1)], options);
    expect(result.items[0]?.weight).toEqual({ grams: 567, text: '567 g', source: 'label', confidence: 0.9, photoId: 'sku' });
    expect(WeightReading.safeParse(result.items[0]?.weight).success).toBe(true);
  });

  it('takes the weight from a scale photo inside the item when the label has none', () => {
    const scale = { grams: 9167.1, text: '20.21', source: 'scale' as const, confidence: 0.7 };
    const result = segmentBatch([shot('sku', 0, label('EF-1', null)), shot('a', 1), shot('scale', 2, { weight: scale })], options);
    expect(result.items[0]?.weight).toEqual({ ...scale, photoId: 'scale' });
    expect(flagCodes(result.items[0]!.flags)).not.toContain('NO_WEIGHT');
  });

  it('prefers the label weight over a scale photo', () => {
    const scale = { grams: 900, text: '0.90', source: 'scale' as const, confidence: 0.7 };
    const result = segmentBatch([shot('sku', 0, label('EF-1', 567)), shot('scale', 1, { weight: scale })], options);
    expect(result.items[0]?.weight?.photoId).toBe('sku');
  });

  it('flags an item with no weight anywhere', () => {
    const result = segmentBatch([shot('sku', 0, label('EF-1', null)), shot('a', 1)], options);
    expect(result.items[0]?.weight).toBeNull();
    expect(flagCodes(result.items[0]!.flags)).toEqual(['NO_WEIGHT']);
  });

  it('fills the product code from a retail tag on any photo of the item, never opening an item for it', () => {
    const result = segmentBatch(
      [shot('sku', 0, label('EF-1')), shot('front', 1), shot('hang-tag', 2, { productCodes: ['036602301467'] }), shot('back', 3)],
      options,
    );
    expect(result.items).toHaveLength(1);
    expect(result.items[0]?.productCode).toBe('036602301467');
    expect(result.items[0]?.photoIds).toEqual(['sku', 'front', 'hang-tag', 'back']);
  });

  it('leaves the product code empty when no photo shows one', () => {
    const result = segmentBatch([shot('sku', 0, label('EF-1')), shot('a', 1)], options);
    expect(result.items[0]?.productCode).toBeNull();
  });

  it('treats a label shot twice in a row as one item with two SKU photos', () => {
    const result = segmentBatch(
      [shot('label', 0, label('EF-1', null)), shot('label-on-scale', 1, label('ef-1 ', 567)), shot('a', 2)],
      options,
    );
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({
      skuPhotoId: 'label',
      sku: 'EF-1',
      photoIds: ['label', 'label-on-scale', 'a'],
      weight: { grams: 567, photoId: 'label-on-scale' },
      flags: [],
    });
  });

  it('opens a new item for the same SKU shot again after item photos', () => {
    const result = segmentBatch([shot('sku', 0, label('EF-1')), shot('a', 1), shot('sku-again', 2, label('EF-1')), shot('b', 3)], options);
    expect(result.items.map((item) => item.photoIds)).toEqual([
      ['sku', 'a'],
      ['sku-again', 'b'],
    ]);
  });

  it('opens an item for a SKU photo whose code could not be read, and never merges it with the previous label', () => {
    const result = segmentBatch([shot('sku', 0, label('EF-1')), shot('unreadable', 1, label(null)), shot('a', 2)], options);
    expect(result.items.map((item) => [item.sku, item.photoIds])).toEqual([
      ['EF-1', ['sku']],
      [null, ['unreadable', 'a']],
    ]);
  });

  it('handles an empty batch', () => {
    expect(segmentBatch([], options)).toEqual({ items: [], orphanPhotoIds: [] });
  });

  it('takes a weight written on an item photo when neither label nor scale has one', () => {
    const note = { grams: 680.4, text: '1.5 lb', source: 'label' as const, confidence: 0.8 };
    const result = segmentBatch([shot('sku', 0, label('EF-1', null)), shot('a', 1), shot('note', 2, { weight: note })], options);
    expect(result.items[0]?.weight).toEqual({ ...note, photoId: 'note' });
    expect(flagCodes(result.items[0]?.flags ?? [])).not.toContain('NO_WEIGHT');
  });

  it('prefers a scale display to a weight written elsewhere among the item photos', () => {
    const note = { grams: 680.4, text: '1.5 lb', source: 'label' as const, confidence: 0.8 };
    const scale = { grams: 700, text: '0.70 kg', source: 'scale' as const, confidence: 0.7 };
    const result = segmentBatch(
      [shot('sku', 0, label('EF-1', null)), shot('note', 1, { weight: note }), shot('scale', 2, { weight: scale })],
      options,
    );
    expect(result.items[0]?.weight?.photoId).toBe('scale');
  });
});
