import { describe, expect, it } from 'vitest';
import type { ListingDraft } from '../../../../src/contracts/item.ts';
import { applyAspectEditsToFacts, applyListingPatch, isSameDraft, mergeSellerEdits, type ListingPatch } from '../../../../src/domain/listing/listing-edits.ts';
import { deriveListingFacts } from '../../../../src/domain/listing/listing-facts.ts';
import { buildAttributes } from './item-attributes.fixture.ts';

const composed: ListingDraft = {
  title: "Levi's Men's Jeans Size 32x30 Blue",
  descriptionHtml: '<div><p>Pre-owned jeans.</p></div>',
  categoryId: '11483',
  categoryName: 'Jeans',
  conditionId: 3000,
  conditionDescription: null,
  aspects: { Brand: ["Levi's"], Color: ['Blue'], Size: ['32'] },
  productCode: null,
};

describe('applyListingPatch', () => {
  it.each<{ patch: ListingPatch; field: string; check: (draft: ListingDraft) => void }>([
    { patch: { title: '  Vintage   Levi’s 501  ' }, field: 'title', check: (draft: ListingDraft) => expect(draft.title).toBe('Vintage Levi’s 501') },
    { patch: { descriptionHtml: '<p>Mine</p>' }, field: 'descriptionHtml', check: (draft: ListingDraft) => expect(draft.descriptionHtml).toBe('<p>Mine</p>') },
    { patch: { categoryId: '57989' }, field: 'category', check: (draft: ListingDraft) => expect(draft).toMatchObject({ categoryId: '57989', categoryName: 'Pants' }) },
    { patch: { conditionId: 2990 }, field: 'conditionId', check: (draft: ListingDraft) => expect(draft.conditionId).toBe(2990) },
    { patch: { conditionDescription: '  ' }, field: 'conditionDescription', check: (draft: ListingDraft) => expect(draft.conditionDescription).toBeNull() },
    { patch: { productCode: '012345678905' }, field: 'productCode', check: (draft: ListingDraft) => expect(draft.productCode).toBe('012345678905') },
    { patch: { aspects: { color: ['Navy '] } }, field: 'aspects.Color', check: (draft: ListingDraft) => expect(draft.aspects.Color).toEqual(['Navy']) },
    { patch: { aspects: { Size: null } }, field: 'aspects.Size', check: (draft: ListingDraft) => expect(draft.aspects.Size).toBeUndefined() },
    { patch: { aspects: { Fit: ['Slim', 'Slim', ''] } }, field: 'aspects.Fit', check: (draft: ListingDraft) => expect(draft.aspects.Fit).toEqual(['Slim']) },
  ])('edits $field and marks it as the seller’s', ({ patch, field, check }) => {
    const { draft, editedFields } = applyListingPatch(composed, [], patch, { categoryName: patch.categoryId ? 'Pants' : null });
    check(draft);
    expect(editedFields).toEqual([field]);
  });

  it('keeps the fields edited before and leaves the draft it was given alone', () => {
    const { draft, editedFields } = applyListingPatch(composed, ['title'], { aspects: { Color: ['Black'] } });
    expect(editedFields).toEqual(['title', 'aspects.Color']);
    expect(composed.aspects.Color).toEqual(['Blue']);
    expect(draft.aspects.Color).toEqual(['Black']);
  });
});

describe('mergeSellerEdits', () => {
  const fresh: ListingDraft = {
    ...composed,
    title: "Levi's Men's 501 Jeans Size 32x30 Dark Blue",
    aspects: { Brand: ["Levi's"], Color: ['Dark Blue'], Size: ['32'], Style: ['501'] },
  };

  it('takes everything fresh when the seller edited nothing', () => {
    expect(mergeSellerEdits(fresh, composed, [])).toEqual(fresh);
  });

  it('keeps every field the seller edited, and only those', () => {
    const sellers: ListingDraft = { ...composed, title: 'My own title', aspects: { ...composed.aspects, Color: ['Indigo'] }, conditionId: 2990 };
    const merged = mergeSellerEdits(fresh, sellers, ['title', 'aspects.Color', 'conditionId']);
    expect(merged).toMatchObject({ title: 'My own title', conditionId: 2990 });
    expect(merged.aspects).toEqual({ Brand: ["Levi's"], Color: ['Indigo'], Size: ['32'], Style: ['501'] });
  });

  it('keeps an item specific the seller removed removed', () => {
    const sellers: ListingDraft = { ...composed, aspects: { Brand: ["Levi's"], Color: ['Blue'] } };
    expect(mergeSellerEdits(fresh, sellers, ['aspects.Size']).aspects.Size).toBeUndefined();
  });

  it('keeps the category the seller chose', () => {
    const sellers: ListingDraft = { ...composed, categoryId: '57989', categoryName: 'Pants' };
    expect(mergeSellerEdits(fresh, sellers, ['category'])).toMatchObject({ categoryId: '57989', categoryName: 'Pants' });
  });
});

describe('applyAspectEditsToFacts', () => {
  it('lets the seller’s item specifics correct what the photos said', () => {
    const facts = deriveListingFacts(buildAttributes({ brand: 'Levis', color: 'Blue', department: 'Men' }));
    const draft: ListingDraft = { ...composed, aspects: { Brand: ["Levi's"], Color: ['Black'], Department: ['Women'] } };
    expect(applyAspectEditsToFacts(facts, draft, ['aspects.Color', 'aspects.Department'])).toMatchObject({
      brand: 'Levis',
      color: 'Black',
      department: 'Women',
    });
  });
});

describe('isSameDraft', () => {
  it('ignores the order of item specific names, nothing else', () => {
    const reordered: ListingDraft = { ...composed, aspects: { Size: ['32'], Color: ['Blue'], Brand: ["Levi's"] } };
    expect(isSameDraft(composed, reordered)).toBe(true);
    expect(isSameDraft(composed, { ...composed, title: 'other' })).toBe(false);
    expect(isSameDraft(composed, { ...composed, aspects: { ...composed.aspects, Color: ['Red'] } })).toBe(false);
  });
});
