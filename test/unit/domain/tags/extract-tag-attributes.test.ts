import { describe, expect, it } from 'vitest';
import { ItemAttributes } from '../../../../src/contracts/attributes.ts';
import { extractTagAttributes } from '../../../../src/domain/tags/extract-tag-attributes.ts';

/** Real care-label texts, as read by eye from the team's care-label photos. */
const COTTON_CARE_LABEL =
  '100% COTTON\nMachine wash warm gentle cycle, use wash net. Do not bleach. Line dry in shade. Cool iron, use press cloth. Do not dryclean.\nMADE IN CHINA';
const MARKS_AND_SPENCER_LABEL = 'WASH AT 30°C ... 83% VISCOSE 17% POLYAMIDE ©Marks and Spencer plc PO Box 3339 Chester CH99 9QS';
const DRY_CLEAN_LABEL =
  'SHELL / 100% POLYESTER, LINING / 100% POLYESTER, DO NOT WASH, DO NOT BLEACH, DO NOT TUMBLE DRY, DO NOT IRON, DRY CLEAN ONLY';
const NERO_GIARDINI_LABEL = 'NeroGiardini\nMADE IN ITALY\nA762060D';

/** Attribute → values, best first. */
function valuesOf(attributes: ItemAttributes): Record<string, string[]> {
  return Object.fromEntries(Object.entries(attributes).map(([name, claims]) => [name, (claims ?? []).map((claim) => claim.value)]));
}

describe('extractTagAttributes', () => {
  it('reads the cotton care label: material, country and care', () => {
    expect(valuesOf(extractTagAttributes([{ photoId: 'p1', text: COTTON_CARE_LABEL }]))).toEqual({
      material: ['Cotton'],
      countryOfOrigin: ['China'],
      careInstructions: ['Do Not Dry Clean', 'Do Not Bleach', 'Machine Wash Warm', 'Gentle Cycle', 'Line Dry', 'Cool Iron'],
    });
  });

  it('reads the Marks & Spencer label: brand, material and wash temperature', () => {
    const attributes = extractTagAttributes([{ photoId: 'p2', text: MARKS_AND_SPENCER_LABEL }]);
    expect(valuesOf(attributes)).toEqual({
      brand: ['Marks & Spencer'],
      material: ['Viscose'],
      careInstructions: ['Wash at 30°C'],
    });
  });

  it('reads the dry-clean-only coat label: the shell, not the lining, is the material', () => {
    const attributes = extractTagAttributes([{ photoId: 'p3', text: DRY_CLEAN_LABEL }]);
    expect(valuesOf(attributes)).toEqual({
      material: ['Polyester'],
      careInstructions: ['Dry Clean Only', 'Do Not Wash', 'Do Not Bleach', 'Do Not Tumble Dry', 'Do Not Iron'],
    });
  });

  it('reads the Nero Giardini label: brand and country, and takes no size or SKU from its style code', () => {
    expect(valuesOf(extractTagAttributes([{ photoId: 'p4', text: NERO_GIARDINI_LABEL }]))).toEqual({
      brand: ['Nero Giardini'],
      countryOfOrigin: ['Italy'],
    });
  });

  it('reads OCR-noisy versions of the same labels', () => {
    const attributes = extractTagAttributes([
      { photoId: 'p1', text: 'l00% C0TTON\nMachine wash warm. Do not b1each.\nMADE lN CHlNA' },
      { photoId: 'p2', text: 'WASH AT 30°C ... 83% VlSCOSE 17% P0LYAMIDE ©Marks and Spencer plc' },
      { photoId: 'p3', text: 'SHELL / 1OO% POLYESTER, LINING / 100% POLYESTER, DRY CLEAN ONLY.' },
      { photoId: 'p4', text: 'NeroGiardini ,\nMADE IN ITALY.\nA762060D' },
    ]);
    expect(valuesOf(attributes)).toMatchObject({
      brand: ['Nero Giardini', 'Marks & Spencer'],
      material: ['Cotton', 'Viscose', 'Polyester'],
      countryOfOrigin: ['China', 'Italy'],
    });
  });

  it('gives every claim its photo, its source and the line it was read on', () => {
    const attributes = extractTagAttributes([{ photoId: 'p1', text: COTTON_CARE_LABEL }]);
    expect(attributes.material?.[0]).toEqual({
      value: 'Cotton',
      confidence: 0.9,
      evidence: [{ photoId: 'p1', source: 'ocr', text: '100% COTTON' }],
    });
    expect(attributes.countryOfOrigin?.[0]?.evidence).toEqual([{ photoId: 'p1', source: 'ocr', text: 'MADE IN CHINA' }]);
    expect(ItemAttributes.safeParse(attributes).success).toBe(true);
  });

  it('reads a neck tag and a care tag of one item together', () => {
    const attributes = extractTagAttributes([
      { photoId: 'neck', text: "LEVI'S\nW32 L30\n505" },
      { photoId: 'care', text: '99% COTTON 1% ELASTANE\nMADE IN MEXICO\nRN 56323\nMACHINE WASH COLD' },
    ]);
    expect(valuesOf(attributes)).toEqual({
      brand: ["Levi's", 'Nike'],
      size: ['32x30'],
      sizeType: ['Regular'],
      material: ['Cotton'],
      countryOfOrigin: ['Mexico'],
      rnNumber: ['56323'],
      careInstructions: ['Machine Wash Cold'],
    });
    expect(attributes.brand?.[1]?.evidence).toEqual([{ photoId: 'care', source: 'ocr', text: 'RN 56323' }]);
  });

  it('keeps values that disagree side by side, best first, for the seller to settle', () => {
    const attributes = extractTagAttributes([
      { photoId: 'neck', text: 'SIZE M' },
      { photoId: 'care', text: 'L' },
    ]);
    expect(attributes.size?.map((claim) => [claim.value, claim.confidence])).toEqual([
      ['M', 0.9],
      ['L', 0.8],
    ]);
  });

  it('grows more confident when several photos show the same value, and lists each photo', () => {
    const attributes = extractTagAttributes([
      { photoId: 'a', text: 'MADE IN CHINA' },
      { photoId: 'b', text: 'MADE IN CHINA' },
    ]);
    expect(attributes.countryOfOrigin).toEqual([
      {
        value: 'China',
        confidence: 0.95,
        evidence: [
          { photoId: 'a', source: 'ocr', text: 'MADE IN CHINA' },
          { photoId: 'b', source: 'ocr', text: 'MADE IN CHINA' },
        ],
      },
    ]);
  });

  it('does not count one photo twice when it repeats a value', () => {
    const attributes = extractTagAttributes([{ photoId: 'a', text: 'MADE IN CHINA\nFABRIQUÉ EN CHINE' }]);
    expect(attributes.countryOfOrigin?.[0]?.confidence).toBe(0.9);
    expect(attributes.countryOfOrigin?.[0]?.evidence).toHaveLength(2);
  });

  it('reads a brand from the RN number when the list knows its owner, less surely than a printed name', () => {
    const attributes = extractTagAttributes([{ photoId: 'care', text: 'RN 51884\nMADE IN VIETNAM' }]);
    expect(attributes.brand).toEqual([
      { value: 'Patagonia', confidence: 0.6, evidence: [{ photoId: 'care', source: 'ocr', text: 'RN 51884' }] },
    ]);
    expect(attributes.rnNumber?.[0]?.value).toBe('51884');
  });

  it('reads size type claims next to sizes', () => {
    const attributes = extractTagAttributes([{ photoId: 'neck', text: 'J.Crew\n8P' }]);
    expect(valuesOf(attributes)).toEqual({ brand: ['J.Crew'], size: ['8P'], sizeType: ['Petite'] });
  });

  it('claims nothing from photos without tag text', () => {
    expect(extractTagAttributes([])).toEqual({});
    expect(extractTagAttributes([{ photoId: 'front', text: '' }, { photoId: 'back', text: '  \n ' }])).toEqual({});
    expect(extractTagAttributes([{ photoId: 'price', text: '$19.99 12/25/2023 100%' }])).toEqual({});
  });

  it('lets text from a photo that is no tag count for less than a tag', () => {
    const attributes = extractTagAttributes([
      { photoId: 'garment', text: 'LG', weight: 0.6 },
      { photoId: 'tag', text: 'Nike\nM' },
    ]);
    expect(attributes.size?.map((claim) => [claim.value, claim.confidence])).toEqual([
      ['M', 0.8],
      ['L', 0.48],
    ]);
  });
});
