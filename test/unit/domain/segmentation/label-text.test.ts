import { describe, expect, it } from 'vitest';
import { readLabelText } from '../../../../src/domain/segmentation/label-text.ts';
import { compileSkuPattern } from '../../../../src/domain/segmentation/sku-pattern.ts';

const defaultPattern = compileSkuPattern(null);
const read = (text: string) => readLabelText(text, defaultPattern, { sellerPattern: false });

describe('readLabelText', () => {
  it.each([
    ['EF-10234\n1 Lb 4.2 oz', 'EF-10234', 'EF-10234'],
    ['SKU 10277\n567 g', '10277', 'SKU 10277'],
    ['[IH\n\nEF-10234\n\n1Lb 4.2 oz', 'EF-10234', 'EF-10234'],
    ['JX-0042\n1.251b', 'JX-0042', 'JX-0042'],
  ])('reads %j as a label with the SKU %j, on the line %j', (text, sku, line) => {
    expect(read(text)).toMatchObject({ kind: 'sku', sku, skuText: line });
  });

  it('keeps the weight written on the label', () => {
    expect(read('EF-10234\n1 Lb 4.2 oz').weight).toEqual({ grams: 572.7, text: '1 Lb 4.2 oz', confidence: 1 });
  });

  it('takes a bare code on a garment tag for a style number, not a SKU', () => {
    const tag = "Levi's\nW32 L30\n100% COTTON\nMADE IN MEXICO\nAB-5501";
    expect(read(tag)).toMatchObject({ kind: 'none', sku: null });
  });

  it('still takes a code after the word SKU on a tag-like text', () => {
    expect(read('SKU EF-10234\n100% COTTON')).toMatchObject({ kind: 'sku', sku: 'EF-10234' });
  });

  it("trusts the seller's own pattern anywhere", () => {
    const pattern = compileSkuPattern(String.raw`(?<sku>BIN\d{3})`);
    expect(readLabelText('BIN042\n100% COTTON', pattern, { sellerPattern: true })).toMatchObject({ kind: 'sku', sku: 'BIN042' });
  });

  it('recognises a SKU label whose code could not be read', () => {
    expect(read('SKU ####\n1.2 lb')).toMatchObject({ kind: 'unread-label', sku: null, skuText: 'SKU ####' });
  });

  it.each([
    ['', 'nothing read'],
    ['CARHARTT', 'a brand print on a hoodie'],
    ['1.25 lb', 'a weight alone (a scale or a note is not a label)'],
    ['MAX. 110LB/50KG\nTARE UNIT', "a scale's print"],
  ])('finds no label in %j (%s)', (text) => {
    expect(read(text)).toMatchObject({ kind: 'none', sku: null });
  });
});
