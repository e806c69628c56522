import { describe, expect, it } from 'vitest';
import { guardVisionClaims, UNVERIFIED_CEILING } from '../../../src/domain/analysis/accuracy-guard.ts';
import type { VisionClaim } from '../../../src/domain/analysis/vision-findings.ts';
import { MIN_CLAIM_CONFIDENCE } from '../../../src/domain/listing/listing-facts.ts';

const shown = ['p-front', 'p-tag'];
const noOcr = new Map<string, string>();

function claim(extra: Partial<VisionClaim> & Pick<VisionClaim, 'attribute' | 'value'>): VisionClaim {
  return { confidence: 0.8, photos: [1], seenText: null, ...extra };
}

describe('the accuracy guard on vision claims', () => {
  it('ties each claim to the photos it names, as vision evidence', () => {
    const { attributes, unverified } = guardVisionClaims([claim({ attribute: 'color', value: 'Navy', photos: [1, 2] })], shown, noOcr);
    expect(attributes.color).toEqual([
      { value: 'Navy', confidence: 0.8, evidence: [{ photoId: 'p-front', source: 'vision' }, { photoId: 'p-tag', source: 'vision' }] },
    ]);
    expect(unverified).toEqual([]);
  });

  it('drops a claim that names no photo, or only photos that were not shown', () => {
    const { attributes, unverified } = guardVisionClaims(
      [claim({ attribute: 'pattern', value: 'Striped', photos: [] }), claim({ attribute: 'style', value: 'Hoodie', photos: [7] })],
      shown,
      noOcr,
    );
    expect(attributes).toEqual({});
    expect(unverified.map((entry) => [entry.attribute, entry.kept])).toEqual([
      ['pattern', false],
      ['style', false],
    ]);
    expect(unverified[1]?.reason).toContain('photo 7');
  });

  it('keeps a tag fact whose words the model did not quote below what a listing prints, and says so', () => {
    const { attributes, unverified } = guardVisionClaims([claim({ attribute: 'brand', value: 'Nike', photos: [2], confidence: 0.95 })], shown, noOcr);
    expect(attributes.brand?.[0]?.confidence).toBe(UNVERIFIED_CEILING);
    expect(UNVERIFIED_CEILING).toBeLessThan(MIN_CLAIM_CONFIDENCE);
    expect(unverified).toEqual([expect.objectContaining({ attribute: 'brand', value: 'Nike', photoIds: ['p-tag'], kept: true })]);
  });

  it('marks a tag fact unverified when the quoted words do not contain it', () => {
    const { unverified } = guardVisionClaims([claim({ attribute: 'size', value: 'Large', photos: [2], seenText: 'SIZE M' })], shown, noOcr);
    expect(unverified[0]?.reason).toContain('SIZE M');
  });

  it('trusts a quoted tag fact, a little more when OCR read the same words on that photo', () => {
    const quoted = [claim({ attribute: 'countryOfOrigin', value: 'Vietnam', photos: [2], seenText: 'MADE IN VIETNAM', confidence: 0.8 })];
    const alone = guardVisionClaims(quoted, shown, noOcr);
    expect(alone.attributes.countryOfOrigin?.[0]).toEqual({
      value: 'Vietnam',
      confidence: 0.8,
      evidence: [{ photoId: 'p-tag', source: 'vision', text: 'MADE IN VIETNAM' }],
    });
    const confirmed = guardVisionClaims(quoted, shown, new Map([['p-tag', 'PATAGONIA\nMADE IN VIETNAM']]));
    expect(confirmed.attributes.countryOfOrigin?.[0]?.confidence).toBe(0.85);
  });

  it('joins repeated claims of one value and orders an attribute best first', () => {
    const { attributes } = guardVisionClaims(
      [
        claim({ attribute: 'color', value: 'Black', confidence: 0.4 }),
        claim({ attribute: 'color', value: 'Navy', confidence: 0.7, photos: [1] }),
        claim({ attribute: 'color', value: 'navy', confidence: 0.9, photos: [2] }),
      ],
      shown,
      noOcr,
    );
    expect(attributes.color?.map((entry) => [entry.value, entry.confidence, entry.evidence.length])).toEqual([
      ['Navy', 0.9, 2],
      ['Black', 0.4, 1],
    ]);
  });
});
