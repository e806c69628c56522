/**
 * Category accuracy of the offline matcher on real-style items, and the time composition takes.
 *
 *   npm run bench:compose
 */
import { performance } from 'node:perf_hooks';
import { composeListingDetails, chooseBundledCategory } from '../src/domain/listing/compose-listing.ts';
import { findClothingCategory } from '../src/domain/listing/clothing-category-catalog.ts';
import { deriveListingFacts } from '../src/domain/listing/listing-facts.ts';
import { validateListing } from '../src/domain/listing/preflight-validator.ts';
import { CATEGORY_CASES, type CategoryCase } from '../test/unit/domain/listing/category-cases.ts';
import { buildAttributes } from '../test/unit/domain/listing/item-attributes.fixture.ts';

interface Outcome {
  item: CategoryCase;
  chosenId: string;
  hit: boolean;
}

function run(item: CategoryCase): Outcome {
  const chosen = chooseBundledCategory(deriveListingFacts(buildAttributes(item.attributes)));
  return { item, chosenId: chosen.categoryId, hit: chosen.categoryId === item.expectedCategoryId };
}

function formatShare(hits: number, total: number): string {
  return `${hits}/${total} = ${((100 * hits) / Math.max(1, total)).toFixed(1)}%`;
}

function nameOf(id: string): string {
  return findClothingCategory(id)?.path.replace('Clothing, Shoes & Accessories > ', '') ?? id;
}

const outcomes = CATEGORY_CASES.map(run);
const tuned = outcomes.filter((outcome) => !outcome.item.heldOut);
const heldOut = outcomes.filter((outcome) => outcome.item.heldOut);
const count = (list: Outcome[]): number => list.filter((outcome) => outcome.hit).length;

console.log('Category matching, offline (bundled eBay US clothing leaves, tree 134)');
for (const outcome of outcomes.filter((entry) => !entry.hit)) {
  console.log(`  miss: ${outcome.item.description}\n        chose    ${nameOf(outcome.chosenId)} (${outcome.chosenId})\n        expected ${nameOf(outcome.item.expectedCategoryId)} (${outcome.item.expectedCategoryId})`);
}
console.log(`  tuning set   ${formatShare(count(tuned), tuned.length)}`);
console.log(`  held-out set ${formatShare(count(heldOut), heldOut.length)}`);
console.log(`  all          ${formatShare(count(outcomes), outcomes.length)}`);

const rounds = 20;
const started = performance.now();
for (let round = 0; round < rounds; round += 1) {
  for (const item of CATEGORY_CASES) {
    const details = composeListingDetails({ sku: 'BENCH-1', attributes: buildAttributes(item.attributes), weightGrams: 450, productCode: null });
    validateListing({ draft: details.draft, aspectSet: details.aspectSet, categoryIsListable: true, photos: [{ id: 'p1', width: 1600, height: 1200 }], sku: 'BENCH-1' });
  }
}
const perItem = (performance.now() - started) / (rounds * CATEGORY_CASES.length);
console.log(`Composition with pre-flight: ${perItem.toFixed(2)} ms per item (${rounds * CATEGORY_CASES.length} items)`);
