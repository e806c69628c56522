import { describe, expect, it } from 'vitest';
import type { ItemAttributes } from '../../../src/contracts/attributes.ts';
import { mergeVisionClaims } from '../../../src/domain/analysis/merge-claims.ts';

const fromTag = (value: string, confidence: number, text = value) => ({ value, confidence, evidence: [{ photoId: 'tag', source: 'ocr' as const, text }] });
const fromModel = (value: string, confidence: number) => ({ value, confidence, evidence: [{ photoId: 'tag', source: 'vision' as const, text: value }] });

describe('joining the tag text with the vision model', () => {
  it('keeps the tag text first on brand where the two disagree, both values kept and the conflict shown', () => {
    const local: ItemAttributes = { brand: [fromTag("Levi's", 0.7)] };
    const vision: ItemAttributes = { brand: [fromModel('Wrangler', 0.95)] };
    const { attributes, conflicts } = mergeVisionClaims(local, vision);
    expect(attributes.brand?.map((claim) => claim.value)).toEqual(["Levi's", 'Wrangler']);
    expect(attributes.brand?.[1]?.confidence).toBeLessThan(attributes.brand?.[0]?.confidence ?? 0);
    expect(conflicts).toEqual([
      {
        attribute: 'brand',
        kept: { value: "Levi's", source: 'ocr', photoIds: ['tag'] },
        other: { value: 'Wrangler', source: 'vision', photoIds: ['tag'] },
        reason: expect.stringContaining("The tag's text is kept first"),
      },
    ]);
  });

  it('treats size and material the same way', () => {
    const { attributes, conflicts } = mergeVisionClaims(
      { size: [fromTag('M', 0.6)], material: [fromTag('Cotton', 0.6)] },
      { size: [fromModel('L', 0.9)], material: [fromModel('Polyester', 0.9)] },
    );
    expect(attributes.size?.[0]?.value).toBe('M');
    expect(attributes.material?.[0]?.value).toBe('Cotton');
    expect(conflicts.map((conflict) => conflict.attribute)).toEqual(['size', 'material']);
  });

  it('makes agreeing readings one claim with both evidences, a little surer', () => {
    const { attributes, conflicts } = mergeVisionClaims({ brand: [fromTag('PATAGONIA', 0.8)] }, { brand: [fromModel('Patagonia', 0.9)] });
    expect(attributes.brand).toEqual([
      {
        value: 'PATAGONIA',
        confidence: 0.95,
        evidence: [
          { photoId: 'tag', source: 'ocr', text: 'PATAGONIA' },
          { photoId: 'tag', source: 'vision', text: 'Patagonia' },
        ],
      },
    ]);
    expect(conflicts).toEqual([]);
  });

  it('keeps the more confident reading first where the tag does not outrank the model, and shows the conflict', () => {
    const pixels = { value: 'Blue', confidence: 0.5, evidence: [{ photoId: 'front', source: 'pixels' as const }] };
    const { attributes, conflicts } = mergeVisionClaims({ color: [pixels] }, { color: [fromModel('Navy', 0.8)] });
    expect(attributes.color?.map((claim) => claim.value)).toEqual(['Navy', 'Blue']);
    expect(conflicts[0]).toEqual(expect.objectContaining({ attribute: 'color', kept: expect.objectContaining({ value: 'Navy', source: 'vision' }) }));
  });

  it('adds what only the model saw, and keeps what only the tag said', () => {
    const { attributes, conflicts } = mergeVisionClaims({ rnNumber: [fromTag('RN 51884', 0.9)] }, { itemType: [fromModel('Hoodie', 0.9)] });
    expect(Object.keys(attributes).sort()).toEqual(['itemType', 'rnNumber']);
    expect(conflicts).toEqual([]);
  });
});
