import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListingDraft } from '../../../../src/contracts/item.ts';
import type { PreflightIssue } from '../../../../src/contracts/listing.ts';
import { findBundledAspectSet } from '../../../../src/domain/listing/clothing-aspect-catalog.ts';
import {
  buildPreflightReport,
  decideReviewState,
  EBAY_ERROR_IDS,
  hasValidCheckDigit,
  overridePreflight,
  validateListing,
  type PreflightInput,
} from '../../../../src/domain/listing/preflight-validator.ts';
import { hasSharedData, sharedPath } from '../../../support/shared-data.ts';

const MENS_JEANS = findBundledAspectSet('11483')!;
const MENS_SHOES = findBundledAspectSet('15709')!;

const cleanJeans: ListingDraft = {
  title: "Levi's Men's 501 Jeans Size 32x30 Blue",
  descriptionHtml: '<div><p>Pre-owned Levi’s 501 jeans in blue.</p></div>',
  categoryId: '11483',
  categoryName: 'Jeans',
  conditionId: 3000,
  conditionDescription: null,
  aspects: {
    Brand: ["Levi's"],
    Department: ['Men'],
    Type: ['Jeans'],
    'Size Type': ['Regular'],
    Size: ['32'],
    Color: ['Blue'],
  },
  productCode: null,
};

type Given = Omit<Partial<PreflightInput>, 'draft'> & { draft?: Partial<ListingDraft> };

function input(overrides: Given = {}): PreflightInput {
  const { draft, ...rest } = overrides;
  return {
    aspectSet: MENS_JEANS,
    categoryIsListable: true,
    photos: [{ id: 'front', width: 1600, height: 1200 }],
    sku: 'SKU-1001',
    ...rest,
    draft: { ...cleanJeans, ...draft },
  };
}

function codesOf(issues: readonly PreflightIssue[]): string[] {
  return issues.map((found) => found.code);
}

describe('validateListing', () => {
  it('finds nothing wrong with a complete listing', () => {
    expect(validateListing(input())).toEqual([]);
  });

  it.each<{ case: string; given: Given; code: string; field: string; errorId: number | null; says: RegExp }>([
    { case: 'an empty title', given: { draft: { title: '  ' } }, code: 'TITLE_MISSING', field: 'title', errorId: 25017, says: /no title/ },
    { case: 'a title over 80 characters', given: { draft: { title: 'x'.repeat(85) } }, code: 'TITLE_TOO_LONG', field: 'title', errorId: 25080, says: /85 characters.*shorten it by 5/ },
    { case: 'an empty description', given: { draft: { descriptionHtml: '<div> <p></p> </div>' } }, code: 'DESCRIPTION_MISSING', field: 'descriptionHtml', errorId: 25017, says: /description is empty/ },
    { case: 'a description over 4000 characters', given: { draft: { descriptionHtml: `<p>${'a'.repeat(4100)}</p>` } }, code: 'DESCRIPTION_TOO_LONG', field: 'descriptionHtml', errorId: 25080, says: /4000/ },
    { case: 'a script in the description', given: { draft: { descriptionHtml: '<p>Nice</p><script>alert(1)</script>' } }, code: 'DESCRIPTION_HAS_ACTIVE_CONTENT', field: 'descriptionHtml', errorId: 25002, says: /scripts/ },
    { case: 'an event handler in the description', given: { draft: { descriptionHtml: '<p onclick="x()">Nice</p>' } }, code: 'DESCRIPTION_HAS_ACTIVE_CONTENT', field: 'descriptionHtml', errorId: 25002, says: /event handlers/ },
    { case: 'no category', given: { draft: { categoryId: '' } }, code: 'CATEGORY_MISSING', field: 'category', errorId: 25005, says: /no eBay category/ },
    { case: 'a category eBay does not list in', given: { categoryIsListable: false }, code: 'CATEGORY_UNKNOWN', field: 'category', errorId: 25005, says: /leaf category/ },
    { case: 'a category picked without knowing what the item is', given: { categoryUncertain: true }, code: 'CATEGORY_UNCERTAIN', field: 'category', errorId: null, says: /Nothing read from the photos says what the item is, so "Jeans" is only a starting point/ },
    { case: 'a missing required item specific', given: { draft: { aspects: { ...cleanJeans.aspects, Color: [] } } }, code: 'ASPECT_REQUIRED_MISSING', field: 'aspects.Color', errorId: 25029, says: /eBay requires Color in Jeans/ },
    { case: 'a value eBay does not accept', given: { draft: { aspects: { ...cleanJeans.aspects, Size: ['31x30'] } } }, code: 'ASPECT_VALUE_NOT_ALLOWED', field: 'aspects.Size', errorId: 25022, says: /"31x30" is not a value eBay accepts for Size/ },
    { case: 'two values where eBay takes one', given: { draft: { aspects: { ...cleanJeans.aspects, Color: ['Blue', 'Black'] } } }, code: 'ASPECT_TOO_MANY_VALUES', field: 'aspects.Color', errorId: 25022, says: /takes one value/ },
    { case: 'an item specific name over 40 characters', given: { draft: { aspects: { ...cleanJeans.aspects, ['Fabric Composition Of The Outer Shell Layer']: ['Cotton'] } } }, code: 'ASPECT_NAME_TOO_LONG', field: 'aspects.Fabric Composition Of The Outer Shell Layer', errorId: 25080, says: /40/ },
    { case: 'a value over 50 characters', given: { draft: { aspects: { ...cleanJeans.aspects, Style: ['s'.repeat(51)] } } }, code: 'ASPECT_VALUE_TOO_LONG', field: 'aspects.Style', errorId: 25080, says: /51 characters/ },
    { case: 'a "See photos" value', given: { draft: { aspects: { ...cleanJeans.aspects, Color: ['See photos'] } } }, code: 'ASPECT_PLACEHOLDER', field: 'aspects.Color', errorId: null, says: /"See photos" is not a value for Color/ },
    { case: 'an empty value', given: { draft: { aspects: { ...cleanJeans.aspects, Fit: [' '] } } }, code: 'ASPECT_EMPTY_VALUE', field: 'aspects.Fit', errorId: 25022, says: /empty value/ },
    { case: 'a size that is not of its size type', given: { draft: { aspects: { ...cleanJeans.aspects, Size: ['33'], 'Size Type': ['Big & Tall'] } } }, code: 'SIZE_TYPE_MISMATCH', field: 'aspects.Size Type', errorId: 25022, says: /Size 33 is not a Big & Tall size.*Regular/ },
    { case: 'a condition the category does not take', given: { aspectSet: MENS_SHOES, draft: { categoryId: '15709', categoryName: 'Athletic Shoes', conditionId: 2990, aspects: { Brand: ['Nike'], Department: ['Men'], Type: ['Athletic'], 'US Shoe Size': ['10'], Color: ['Black'] } } }, code: 'CONDITION_NOT_ALLOWED', field: 'conditionId', errorId: 25021, says: /Pre-owned - Excellent \(2990\) is not a condition eBay accepts in Athletic Shoes: choose one of New with box \(1000\)/ },
    { case: 'a condition description over 1000 characters', given: { draft: { conditionDescription: 'worn '.repeat(250) } }, code: 'CONDITION_DESCRIPTION_TOO_LONG', field: 'conditionDescription', errorId: 25080, says: /1000/ },
    { case: 'no photo', given: { photos: [] }, code: 'PHOTO_MISSING', field: 'photos', errorId: 25017, says: /no photo/ },
    { case: 'a photo under 500 pixels', given: { photos: [{ id: 'tiny', width: 480, height: 360 }] }, code: 'PHOTO_TOO_SMALL', field: 'photos.tiny', errorId: 25014, says: /480×360.*500/ },
    { case: 'a SKU over 50 characters', given: { sku: 'S'.repeat(51) }, code: 'SKU_INVALID', field: 'sku', errorId: 25707, says: /50/ },
    { case: 'a UPC with a wrong check digit', given: { draft: { productCode: '012345678906' } }, code: 'PRODUCT_CODE_INVALID', field: 'productCode', errorId: 25016, says: /check digit/ },
  ])('blocks $case', ({ given, code, field, errorId, says }) => {
    const issues = validateListing(input(given));
    const found = issues.find((candidate) => candidate.code === code);
    expect(found, `issues were ${JSON.stringify(issues)}`).toBeDefined();
    expect(found).toMatchObject({ severity: 'error', field, ebayErrorId: errorId });
    expect(found!.message).toMatch(says);
  });

  it.each<{ case: string; given: Given; code: string }>([
    { case: 'a condition description on an item listed as new with tags', given: { draft: { conditionId: 1000, conditionDescription: 'Tags attached.' } }, code: 'CONDITION_DESCRIPTION_IGNORED' },
    { case: 'more than 24 photos', given: { photos: Array.from({ length: 25 }, (_, index) => ({ id: `p${index}`, width: 1600, height: 1600 })) }, code: 'TOO_MANY_PHOTOS' },
    { case: 'HTML in the title', given: { draft: { title: "Levi's <b>501</b> Jeans" } }, code: 'TITLE_HAS_MARKUP' },
    { case: 'a category whose item specifics could not be looked up', given: { aspectSet: null }, code: 'ASPECTS_UNCHECKED' },
  ])('warns about $case without blocking', ({ given, code }) => {
    const issues = validateListing(input(given));
    expect(issues.find((found) => found.code === code)).toMatchObject({ severity: 'warning' });
    expect(decideReviewState(issues, null)).toBe('clean');
  });

  it('suggests the value eBay would take when one is close', () => {
    const issues = validateListing(input({ draft: { aspects: { ...cleanJeans.aspects, 'Size Type': ['Big and Tall'], Size: ['46'] } } }));
    expect(issues.map((found) => found.message)).toEqual([
      '"Big and Tall" is not a value eBay accepts for Size Type in Jeans: did you mean "Big & Tall"?',
    ]);
    const near = validateListing(input({ draft: { aspects: { ...cleanJeans.aspects, Department: ['Mens'] } } }));
    expect(near[0]?.message).toMatch(/did you mean "Men"\?/);
  });

  it('lists eBay’s choices for a required selection-only aspect', () => {
    const { Department: _department, ...aspects } = cleanJeans.aspects;
    const issues = validateListing(input({ draft: { aspects } }));
    expect(issues[0]).toMatchObject({ code: 'ASPECT_REQUIRED_MISSING', message: 'eBay requires Department in Jeans: choose one of Men, Unisex Adults.' });
  });

  it('checks what publishing needs only when publishing', () => {
    expect(validateListing(input())).toEqual([]);
    const issues = validateListing(input({ sku: 'SKU 1', publishing: { price: null, policies: null, merchantLocationKey: null }, photos: [{ id: 'a', width: 1600, height: 1600, url: 'http://example.test/a.jpg' }] }));
    expect(issues.map((found) => [found.code, found.field, found.ebayErrorId])).toEqual([
      ['PHOTO_URL_NOT_HTTPS', 'photos.a', 25015],
      ['SKU_INVALID', 'sku', 25707],
      ['PRICE_MISSING', 'price', 25003],
      ['POLICY_MISSING', 'policies.fulfillmentPolicyId', 25007],
      ['POLICY_MISSING', 'policies.paymentPolicyId', 25008],
      ['POLICY_MISSING', 'policies.returnPolicyId', 25009],
      ['LOCATION_MISSING', 'merchantLocationKey', 25012],
    ]);
  });

  it('gives the same issues in the same order for the same listing', () => {
    const broken = input({ draft: { title: '', aspects: {} }, photos: [] });
    expect(validateListing(broken)).toEqual(validateListing(broken));
    expect(codesOf(validateListing(broken)).slice(0, 2)).toEqual(['TITLE_MISSING', 'ASPECT_REQUIRED_MISSING']);
  });
});

describe('review state and overrides', () => {
  const blocked = validateListing(input({ draft: { aspects: { ...cleanJeans.aspects, Color: [] } } }));

  it('passes a clean listing, holds one with errors', () => {
    expect(buildPreflightReport([], 'bundled', null).state).toBe('clean');
    expect(buildPreflightReport(blocked, 'bundled', null).state).toBe('needs_attention');
  });

  it('passes a listing whose errors the seller accepted, with who, when and why', () => {
    const report = overridePreflight(buildPreflightReport(blocked, 'bundled', null), { reason: 'Colour in photos', actor: 'api', at: '2025-01-01T00:00:00.000Z' });
    expect(report.state).toBe('overridden');
    expect(report.override).toMatchObject({ reason: 'Colour in photos', actor: 'api', acknowledged: [{ code: 'ASPECT_REQUIRED_MISSING', field: 'aspects.Color' }] });
  });

  it('holds the listing again when a new error appears after the override', () => {
    const overridden = overridePreflight(buildPreflightReport(blocked, 'bundled', null), { reason: 'ok', actor: 'api', at: 'now' });
    const worse = validateListing(input({ draft: { aspects: { ...cleanJeans.aspects, Color: [] } }, photos: [] }));
    expect(buildPreflightReport(worse, 'bundled', overridden.override).state).toBe('needs_attention');
  });

  it('drops an override that no longer covers any error', () => {
    const overridden = overridePreflight(buildPreflightReport(blocked, 'bundled', null), { reason: 'ok', actor: 'api', at: 'now' });
    expect(buildPreflightReport([], 'bundled', overridden.override)).toMatchObject({ state: 'clean', override: null });
  });
});

describe('hasValidCheckDigit', () => {
  it.each([
    ['012345678905', true],
    ['012345678906', false],
    ['4006381333931', true],
    ['96385074', true],
    ['12345', false],
  ])('%s → %s', (code, valid) => {
    expect(hasValidCheckDigit(code)).toBe(valid);
  });
});

describe.skipIf(!hasSharedData())('the eBay errorIds the validator reports', () => {
  it('are all errors eBay documents for createOrReplaceInventoryItem, createOffer or publishOffer', () => {
    const catalog = JSON.parse(readFileSync(sharedPath('ebay-openapi', 'derived', 'error_catalog_by_operation.json'), 'utf8')) as Record<
      string,
      Record<string, Record<string, Record<string, unknown>>>
    >;
    const inventory = catalog.sell_inventory_v1!;
    const documented = new Set<number>();
    for (const operation of ['PUT /inventory_item/{sku} (createOrReplaceInventoryItem)', 'POST /offer (createOffer)', 'POST /offer/{offerId}/publish (publishOffer)']) {
      for (const errors of Object.values(inventory[operation] ?? {})) for (const id of Object.keys(errors)) documented.add(Number(id));
    }
    for (const [kind, id] of Object.entries(EBAY_ERROR_IDS)) expect(documented.has(id), `${kind} ${id}`).toBe(true);
  });
});
