import { describe, expect, it } from 'vitest';
import { findClothingCategory } from '../../../../src/domain/listing/clothing-category-catalog.ts';
import { chooseBundledCategory } from '../../../../src/domain/listing/compose-listing.ts';
import { deriveListingFacts } from '../../../../src/domain/listing/listing-facts.ts';
import { CATEGORY_CASES } from './category-cases.ts';
import { buildAttributes } from './item-attributes.fixture.ts';

function accuracy(cases: typeof CATEGORY_CASES): number {
  const hits = cases.filter((item) => chooseBundledCategory(deriveListingFacts(buildAttributes(item.attributes))).categoryId === item.expectedCategoryId);
  return hits.length / cases.length;
}

describe('offline category matching on real-style items', () => {
  it('has at least 50 items, each expecting a real bundled leaf', () => {
    expect(CATEGORY_CASES.length).toBeGreaterThanOrEqual(50);
    for (const item of CATEGORY_CASES) expect(findClothingCategory(item.expectedCategoryId), item.description).toBeDefined();
  });

  it('puts at least 95% of the items it was tuned on in the expected leaf', () => {
    expect(accuracy(CATEGORY_CASES.filter((item) => !item.heldOut))).toBeGreaterThanOrEqual(0.95);
  });

  it('puts at least 80% of the held-out items in the expected leaf', () => {
    const heldOut = CATEGORY_CASES.filter((item) => item.heldOut);
    expect(heldOut.length).toBeGreaterThanOrEqual(15);
    expect(accuracy(heldOut)).toBeGreaterThanOrEqual(0.8);
  });
});
