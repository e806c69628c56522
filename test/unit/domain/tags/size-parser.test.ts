import { describe, expect, it } from 'vitest';
import { findSizes, type SizeType } from '../../../../src/domain/tags/size-parser.ts';

/** The best reading of a tag: its size and size type. */
function readSize(text: string): [string, SizeType | null] | null {
  const [best] = [...findSizes(text)].sort((a, b) => b.confidence - a.confidence);
  return best === undefined ? null : [best.size, best.sizeType];
}

describe('findSizes', () => {
  describe('letter sizes', () => {
    it.each([
      ['M', 'M'],
      ['SIZE M', 'M'],
      ['Size: L', 'L'],
      ['SZ XL', 'XL'],
      ['S1ZE S', 'S'],
      ['TAILLE M', 'M'],
      ['LG', 'L'],
      ['MED', 'M'],
      ['SM', 'S'],
      ['SMALL', 'S'],
      ['MEDIUM', 'M'],
      ['LARGE', 'L'],
      ['X-LARGE', 'XL'],
      ['XLARGE', 'XL'],
      ['EXTRA LARGE', 'XL'],
      ['XX-LARGE', 'XXL'],
      ['2X-LARGE', 'XXL'],
      ['3X LARGE', '3XL'],
      ['2XL', 'XXL'],
      ['XXL', 'XXL'],
      ['XXXL', '3XL'],
      ['3XL', '3XL'],
      ['4XL', '4XL'],
      ['5XL', '5XL'],
      ['XS', 'XS'],
      ['X-SMALL', 'XS'],
      ['XXS', 'XXS'],
      ['  m.  ', 'M'],
    ])('reads %j as %s, a regular size', (text, size) => {
      expect(readSize(text)).toEqual([size, 'Regular']);
    });

    it.each([
      ['L/G', 'L'],
      ['M/M', 'M'],
      ['L / G / G', 'L'],
      ['S/P', 'S'],
      ['S/CH', 'S'],
      ['XS/TP', 'XS'],
      ['XL/TG', 'XL'],
      ['XL/XG', 'XL'],
      ['XXL/TTG', 'XXL'],
      ['SIZE/TAILLE/TALLA M/M/M', 'M'],
    ])('reads the multilingual %j as %s', (text, size) => {
      expect(readSize(text)).toEqual([size, 'Regular']);
    });

    it.each([
      ['US M', 'M'],
      ['EUR S / USA S / MEX 26', 'S'],
      ['M (8-10)', 'M'],
      ['L (14/16)', 'L'],
    ])('reads %j as %s', (text, size) => {
      expect(readSize(text)?.[0]).toBe(size);
    });

    it.each([
      ['S/M', 'S/M'],
      ['L/XL', 'L/XL'],
    ])('reads the two-size %j as %s', (text, size) => {
      expect(readSize(text)?.[0]).toBe(size);
    });

    it('reads a size word on one line and the size on the next', () => {
      expect(findSizes('SIZE\nXL')).toMatchObject([{ size: 'XL', text: 'SIZE / XL' }]);
    });

    it('reads an X size inside a sentence, with less confidence than one on its own line', () => {
      const [inText] = findSizes('MENS XL CREW NECK');
      const [alone] = findSizes('XL');
      expect(inText?.size).toBe('XL');
      expect(inText!.confidence).toBeLessThan(alone!.confidence);
    });
  });

  describe("women's numeric sizes", () => {
    it.each([
      ['SIZE 8', '8', 'Regular'],
      ['SIZE: 10', '10', 'Regular'],
      ['SIZE 0', '0', 'Regular'],
      ['8', '8', 'Regular'],
      ['00', '00', 'Regular'],
      ['US 6', '6', 'Regular'],
      ['8P', '8P', 'Petite'],
      ['10 PETITE', '10P', 'Petite'],
      ['PETITE 6', '6P', 'Petite'],
      ['SIZE 8P', '8P', 'Petite'],
      ['PM', 'M', 'Petite'],
      ['XSP', 'XS', 'Petite'],
      ['SP', 'S', 'Petite'],
      ['M PETITE', 'M', 'Petite'],
      ['16W', '16W', 'Plus'],
      ['SIZE 20W', '20W', 'Plus'],
      ['18 PLUS', '18W', 'Plus'],
      ['1X', '1X', 'Plus'],
      ['2X', '2X', 'Plus'],
      ['3X', '3X', 'Plus'],
      ['10T', '10T', 'Tall'],
      ['12 TALL', '12T', 'Tall'],
      ['ST', 'ST', 'Tall'],
      ['SIZE LT', 'LT', 'Tall'],
      ['L TALL', 'LT', 'Tall'],
      ['SIZE 7 JUNIORS', '7', 'Juniors'],
      ['JRS SIZE 5', '5', 'Juniors'],
    ])('reads %j as %s (%s)', (text, size, sizeType) => {
      expect(readSize(text)).toEqual([size, sizeType]);
    });
  });

  describe("men's sizes", () => {
    it.each([
      ['W32 L30', '32x30', 0.9],
      ['W32/L30', '32x30', 0.9],
      ['W32L30', '32x30', 0.9],
      ['32W 30L', '32x30', 0.9],
      ['32W X 30L', '32x30', 0.9],
      ['WAIST 32 INSEAM 30', '32x30', 0.9],
      ['32x30', '32x30', 0.85],
      ['32 X 30', '32x30', 0.85],
      ['32/30', '32x30', 0.7],
      ['W34', '34', 0.75],
      ['34W', '34', 0.75],
      ['WAIST 36', '36', 0.75],
    ])('reads the waist and inseam %j as %s', (text, size, confidence) => {
      expect(findSizes(text)).toMatchObject([{ size, confidence, sizeType: 'Regular' }]);
    });

    it.each([
      ['42R', '42', 'Regular'],
      ['44 REG', '44', 'Regular'],
      ['40L', '40', 'Long'],
      ['38 SHORT', '38', 'Short'],
    ])('reads the suit size %j as %s %s', (text, size, sizeType) => {
      expect(readSize(text)).toEqual([size, sizeType]);
    });

    it.each([
      ['2XLT', '2XLT'],
      ['XLT', 'XLT'],
      ['XXLT', '2XLT'],
      ['3XLT', '3XLT'],
      ['3XB', '3XB'],
      ['1XB', '1XB'],
      ['XL TALL', 'XLT'],
      ['XXL TALL', '2XLT'],
    ])('reads the Big & Tall %j as %s', (text, size) => {
      expect(readSize(text)).toEqual([size, 'Big & Tall']);
    });
  });

  describe('youth and kids sizes', () => {
    it.each([
      ['YOUTH L', 'L', 'Youth'],
      ['Youth M', 'M', 'Youth'],
      ['YL', 'L', 'Youth'],
      ['YXL', 'XL', 'Youth'],
      ['BOYS M', 'M', 'Youth'],
      ['KIDS 14/16', '14/16', 'Youth'],
      ['10/12', '10/12', 'Youth'],
      ['4/5', '4/5', 'Youth'],
      ['6-7', '6/7', 'Youth'],
      ['4T', '4T', null],
      ['2T', '2T', null],
      ['NEWBORN', 'Newborn', null],
      ['0-3 MONTHS', '0-3 Months', null],
      ['6-12M', '6-12 Months', null],
      ['18 MOS', '18 Months', null],
    ])('reads %j as %s (%s)', (text, size, sizeType) => {
      expect(readSize(text)).toEqual([size, sizeType]);
    });

    it('is surer of a kids range that the tag calls youth', () => {
      const [plain] = findSizes('10/12');
      const [youth] = findSizes('YOUTH 10/12');
      expect(youth!.confidence).toBeGreaterThan(plain!.confidence);
    });

    it('reads both the letter and the range on a kids tag', () => {
      expect(findSizes('GIRLS L (10/12)').map((finding) => finding.size)).toEqual(expect.arrayContaining(['L']));
      expect(findSizes('GIRLS M 7/8').map((finding) => [finding.size, finding.sizeType])).toEqual([
        ['M', 'Youth'],
        ['7/8', 'Youth'],
      ]);
    });
  });

  describe('EU, UK and Italian sizes', () => {
    it.each([
      ['EU 38', '6'],
      ['EUR 36', '4'],
      ['FR 40', '8'],
      ['UK 10', '6'],
      ['UK 8', '4'],
      ['IT 42', '6'],
    ])('converts %j to the US women’s size %s, without much confidence', (text, size) => {
      const [finding] = findSizes(text);
      expect(finding?.size).toBe(size);
      expect(finding!.confidence).toBeLessThanOrEqual(0.5);
    });

    it('reads one size from a tag that prints several systems', () => {
      expect(findSizes('US 6 / UK 10 / EU 38')).toMatchObject([{ size: '6', confidence: 0.85 }]);
    });
  });

  it.each([
    ['ONE SIZE', 'One Size'],
    ['One Size Fits Most', 'One Size'],
    ['O/S', 'One Size'],
    ['OSFA', 'One Size'],
  ])('reads %j as %s', (text, size) => {
    expect(readSize(text)).toEqual([size, null]);
  });

  it.each([
    ['12/25/2023', 'a date'],
    ['12/25', 'a day and month'],
    ['$19.99', 'a price'],
    ['100%', 'a percentage'],
    ['30°C', 'a temperature'],
    ['WASH AT 40°', 'a wash temperature'],
    ['RN 54867', 'an RN number'],
    ['CA 12345', 'a CA number'],
    ['STYLE 12345', 'a style number'],
    ['STY# 55120 FA18', 'a style number with a season'],
    ['1.25 lb', 'a weight'],
    ['S/S TEE', 'short sleeve'],
    ['3/4 SLEEVE', 'sleeve length'],
    ['1/2 ZIP', 'a half zip'],
    ['24/7', 'a phrase'],
    ['50/50 COTTON POLY', 'a blend'],
    ['TUMBLE DRY MEDIUM', 'a dryer setting'],
    ['MACHINE WASH COLD', 'a care instruction'],
    ['MADE IN USA', 'a country'],
    ['3M THINSULATE', 'an insulation brand'],
    ['30', 'a number too large for a women’s size'],
    ['0', 'a lone zero'],
    ['7', 'an odd number with no size word'],
    ['PO Box 3339 Chester CH99 9QS', 'an address'],
    ['LINING: 100% POLYESTER', 'a fibre line'],
    ['', 'nothing'],
  ])('finds no size in %j (%s)', (text) => {
    expect(findSizes(text)).toEqual([]);
  });

  it('keeps the line it read each size from', () => {
    expect(findSizes('LEVI STRAUSS & CO\nW32 L30\nMADE IN MEXICO')).toMatchObject([{ size: '32x30', text: 'W32 L30' }]);
  });
});
