import { describe, expect, it } from 'vitest';
import type { Barcode } from '../../../../src/contracts/photo.ts';
import type { PhotoReadings } from '../../../../src/contracts/readings.ts';
import {
  createReadingRules,
  describePhotoForSegmentation,
  type PhotoFacts,
} from '../../../../src/domain/segmentation/photo-readings.ts';

const rules = createReadingRules({ skuPattern: null });

function photo(readings: PhotoReadings, barcodes: Barcode[] = [], usable = true): PhotoFacts {
  return { id: 'p1', originalName: 'IMG_0001.jpg', sequence: 1, capturedAt: null, usable, barcodes, readings };
}

function ocr(text: string, confidence = 0.8): PhotoReadings['ocr'] {
  return { text, confidence, lines: text.split('\n').map((line) => ({ text: line, confidence })) };
}

describe('describePhotoForSegmentation', () => {
  it('takes a SKU barcode first, even when OCR read the code differently', () => {
    const described = describePhotoForSegmentation(
      photo({ ocr: ocr('EF-1O234\n1.25 LB') }, [{ format: 'Code128', text: 'EF-10234', kind: 'sku' }]),
      rules,
    );
    expect(described.skuLabel).toEqual({ sku: 'EF-10234', source: 'barcode', text: 'EF-10234' });
    expect(described.weight).toEqual({ grams: 567, text: '1.25 LB', source: 'label', confidence: 0.8 });
  });

  it('never opens an item on a retail UPC: the code becomes a product code', () => {
    const described = describePhotoForSegmentation(
      photo({ ocr: ocr('Gap\n$39.95') }, [{ format: 'UPC-A', text: '036602301467', kind: 'product' }]),
      rules,
    );
    expect(described.skuLabel).toBeNull();
    expect(described.productCodes).toEqual(['036602301467']);
  });

  it('opens an item on OCR text that matches the SKU pattern', () => {
    expect(describePhotoForSegmentation(photo({ ocr: ocr('SKU 10277\n567 g') }), rules).skuLabel).toEqual({
      sku: '10277',
      source: 'ocr',
      text: 'SKU 10277',
    });
  });

  it('reads a label from a panel turned level when the whole photo showed none', () => {
    const readings: PhotoReadings = {
      ocr: ocr(''),
      panels: [{ region: { left: 10, top: 10, width: 300, height: 200 }, text: 'SKU 10277\n567 g', confidence: 0.9 }],
    };
    const described = describePhotoForSegmentation(photo(readings), rules);
    expect(described.skuLabel?.sku).toBe('10277');
    expect(described.weight?.grams).toBe(567);
  });

  it("follows a confident vision model's verdict when nothing else marks the photo", () => {
    const readings: PhotoReadings = {
      ocr: ocr(''),
      skuVerdict: { isSkuPhoto: true, sku: 'EF-9', weightText: '1.2 lb', confidence: 0.8, provider: 'vision' },
    };
    const described = describePhotoForSegmentation(photo(readings), rules);
    expect(described.skuLabel).toMatchObject({ sku: 'EF-9', source: 'vision' });
    expect(described.weight).toMatchObject({ grams: 544.3, source: 'vision', confidence: 0.8 });
  });

  it('ignores an unsure vision verdict', () => {
    const readings: PhotoReadings = {
      ocr: ocr(''),
      skuVerdict: { isSkuPhoto: true, sku: null, weightText: null, confidence: 0.3, provider: 'vision' },
    };
    expect(describePhotoForSegmentation(photo(readings), rules).skuLabel).toBeNull();
  });

  it('reads a scale display with the unit it shows', () => {
    const readings: PhotoReadings = { ocr: ocr(''), scaleDisplay: { digits: '3.93', unit: 'lb', confidence: 0.8 } };
    expect(describePhotoForSegmentation(photo(readings), rules).weight).toEqual({
      grams: 1782.6,
      text: '3.93 lb',
      source: 'scale',
      confidence: 0.8,
    });
  });

  it("reads a display without a unit only with the seller's scale unit, a little less sure", () => {
    const readings: PhotoReadings = { ocr: ocr(''), scaleDisplay: { digits: '3.93', unit: null, confidence: 0.8 } };
    expect(describePhotoForSegmentation(photo(readings), rules).weight).toBeNull();
    const withUnit = createReadingRules({ skuPattern: null, scaleUnit: 'lb' });
    expect(describePhotoForSegmentation(photo(readings), withUnit).weight).toMatchObject({ grams: 1782.6, confidence: 0.72 });
  });

  it('lowers the confidence of a weight whose unit OCR misread', () => {
    const weight = describePhotoForSegmentation(photo({ ocr: ocr('EF-1\n1.251b', 0.9) }), rules).weight;
    expect(weight).toMatchObject({ grams: 567, confidence: 0.68 });
  });

  it('says nothing of a rejected photo', () => {
    const described = describePhotoForSegmentation(photo({ ocr: ocr('SKU 10277\n567 g') }, [], false), rules);
    expect(described.usable).toBe(false);
    expect(described.weight).toBeNull();
  });
});
