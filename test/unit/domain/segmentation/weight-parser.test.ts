import { describe, expect, it } from 'vitest';
import { findWeight, parseScaleReading } from '../../../../src/domain/segmentation/weight-parser.ts';

describe('findWeight', () => {
  it.each([
    ['1.25 lb', 567, '1.25 lb'],
    ['1.25lbs', 567, '1.25lbs'],
    ['2.5 LBS', 1134, '2.5 LBS'],
    ['3 lb.', 1360.8, '3 lb.'],
    ['1.2 pounds', 544.3, '1.2 pounds'],
    ['20.2 oz', 572.7, '20.2 oz'],
    ['16 oz', 453.6, '16 oz'],
    ['12 ounces', 340.2, '12 ounces'],
    ['1 lb 4.2 oz', 572.7, '1 lb 4.2 oz'],
    ['1lb 4oz', 567, '1lb 4oz'],
    ['1 lb, 4 oz', 567, '1 lb, 4 oz'],
    ['1#4oz', 567, '1#4oz'],
    ['1# 4 oz', 567, '1# 4 oz'],
    ['Weight 2 lbs 3 oz', 992.2, '2 lbs 3 oz'],
    ['567 g', 567, '567 g'],
    ['567g', 567, '567g'],
    ['250 grams', 250, '250 grams'],
    ['0.57 kg', 570, '0.57 kg'],
    ['1,5 kg', 1500, '1,5 kg'],
    ['0,75 KG', 750, '0,75 KG'],
    ['1.1 kilos', 1100, '1.1 kilos'],
    ['1,500 g', 1500, '1,500 g'],
  ])('reads %j as %d g', (text, grams, matched) => {
    expect(findWeight(text)).toEqual({ grams, text: matched, confidence: 1 });
  });

  it.each([
    ['WT: 1.2LB', 544.3, '1.2LB'],
    ['WT:1.2LBS', 544.3, '1.2LBS'],
    ['WEIGHT: 0.8 lbs', 362.9, '0.8 lbs'],
    ['SKU EF-10234\nWT 1 lb 2 oz', 510.3, '1 lb 2 oz'],
    ['WT: 2#', 907.2, '2#'],
  ])('finds the weight on a SKU label: %j', (text, grams, matched) => {
    expect(findWeight(text)).toEqual({ grams, text: matched, confidence: 1 });
  });

  it.each([
    ['1O.5 lb', 4762.7, 'O read for 0'],
    ['2Ooz', 567, 'O read for 0 next to the unit'],
    ['l.25 lb', 567, 'l read for 1'],
    ['1.25 LB.', 567, 'a stray full stop'],
  ])('tolerates OCR noise: %j (%s)', (text, grams) => {
    expect(findWeight(text)?.grams).toBe(grams);
  });

  it.each([
    ['1.25 1b', 567, '1.25 1b', 'lb read as 1b'],
    ['1.251b', 567, '1.251b', 'lb read as 1b, the space dropped'],
    ['11b', 453.6, '11b', 'one pound, the space dropped'],
    ['111b', 4989.5, '111b', 'eleven pounds, the space dropped'],
    ['2.5 |b', 1134, '2.5 |b', 'l read as a bar'],
    ['1.2 Ib', 544.3, '1.2 Ib', 'l read as a capital I'],
    ['20.2 0z', 572.7, '20.2 0z', 'o read as a zero'],
    ['1 1b 4.2 oz', 572.7, '1 1b 4.2 oz', 'a misread pound in a pound-and-ounce weight'],
    ['11b4.2oz', 572.7, '11b4.2oz', 'every space dropped'],
    ['2 lbs 3 02', 992.2, '2 lbs 3 02', 'oz read as 02 after pounds'],
    ['0.57 k9', 570, '0.57 k9', 'kg read as k9'],
  ])('forgives %j at a lower confidence (%s)', (text, grams, matched) => {
    const weight = findWeight(text);
    expect(weight).toMatchObject({ grams, text: matched });
    expect(weight?.confidence).toBe(0.75);
  });

  it.each([
    ['1Lb 4.2', 572.7, '1Lb 4.2'],
    ['EF-10234\n1 Lb 4.2\n', 572.7, '1 Lb 4.2'],
    ['1 1b 4.2', 572.7, '1 1b 4.2'],
  ])('reads %j, whose "oz" OCR lost at the end of the line, as pounds and ounces with a low confidence', (text, grams, matched) => {
    expect(findWeight(text)).toEqual({ grams, text: matched, confidence: 0.6 });
  });

  it('skips a number glued to a code and reads the weight after it', () => {
    expect(findWeight('EF-1031g\n0.57 kg')).toEqual({ grams: 570, text: '0.57 kg', confidence: 1 });
  });

  it('reads only the pounds when more text follows them on the line', () => {
    expect(findWeight('1 Lb 4.2 EF-10234')).toEqual({ grams: 453.6, text: '1 Lb', confidence: 1 });
  });

  it('lowers the confidence when letters had to be read as digits', () => {
    expect(findWeight('l.25 lb')).toEqual({ grams: 567, text: 'l.25 lb', confidence: 0.85 });
  });

  it('skips a scale capacity printed next to the reading', () => {
    expect(findWeight('MEIYA MAX. 110LB/50KG\n20.21 lb')).toEqual({ grams: 9167.1, text: '20.21 lb', confidence: 1 });
    expect(findWeight('Max 5kg d=1g\n1.25 kg')).toEqual({ grams: 1250, text: '1.25 kg', confidence: 1 });
  });

  it.each([
    ['$19.99', 'a price'],
    ['19.99', 'a number without a unit'],
    ['1.25', 'a decimal without a unit'],
    ['Size 8 Girls', 'a size, where G starts a word'],
    ['12 pack', 'a count'],
    ['100% cotton', 'a fibre share'],
    ['RN 54867', 'an RN number'],
    ['2#', 'a pound sign without a weight keyword'],
    ['80 kg', 'more than any parcel weighs'],
    ['160 lb', 'more than 70 kg'],
    ['1 lb 20 oz', 'ounces past a pound'],
    ['0 g', 'nothing at all'],
    ['MAX 150 kg', 'only the capacity'],
    ['', 'empty text'],
    ['3 02', 'a number and 02 without pounds before them'],
    ['EF-1031g', 'a SKU whose last digit was read as g'],
  ])('does not take %j for a weight (%s)', (text) => {
    expect(findWeight(text)).toBeNull();
  });
});

describe('parseScaleReading', () => {
  it.each([
    ['20.21', 'lb', 9167.1],
    ['3.93', 'lb', 1782.6],
    ['12.5', 'oz', 354.4],
    ['1.25', 'kg', 1250],
    ['567', 'g', 567],
    ['0,57', 'kg', 570],
  ] as const)('reads %j on a scale set to %s as %d g', (digits, unit, grams) => {
    expect(parseScaleReading(digits, unit)).toEqual({ grams, text: digits, confidence: 1 });
  });

  it('prefers the unit shown on the display over the hint', () => {
    expect(parseScaleReading('14.33 lb', 'kg')).toEqual({ grams: 6500, text: '14.33 lb', confidence: 1 });
    expect(parseScaleReading('11.14 Lb')).toEqual({ grams: 5053, text: '11.14 Lb', confidence: 1 });
  });

  it('reads seven-segment look-alikes as digits', () => {
    expect(parseScaleReading('2O.2l', 'lb')?.grams).toBe(9167.1);
    expect(parseScaleReading('S.2', 'kg')?.grams).toBe(5200);
    expect(parseScaleReading('1B.B', 'oz')?.grams).toBe(533);
  });

  it.each([
    ['20.21', undefined, 'no unit shown and none known'],
    ['', 'lb', 'a blank display'],
    ['--.--', 'lb', 'a display still settling'],
    ['0.00', 'kg', 'an empty scale'],
    ['150.0', 'kg', 'more than 70 kg'],
    ['12.3.4', 'lb', 'not a number'],
  ] as const)('gives no weight for %j with hint %s (%s)', (digits, unit, _why) => {
    expect(parseScaleReading(digits, unit)).toBeNull();
  });
});
