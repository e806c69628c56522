import type { ListingDraft } from '../../contracts/item.ts';
import type { ListingField, ListingPatchRequest } from '../../contracts/listing.ts';
import { normalizeDepartment } from './department.ts';
import type { ListingFacts } from './listing-facts.ts';
import { collapseWhitespace } from './text-casing.ts';

export type ListingPatch = Omit<ListingPatchRequest, 'expectedVersion'>;

export function aspectField(name: string): ListingField {
  return `aspects.${name}`;
}

function addField(fields: ListingField[], field: ListingField): void {
  if (!fields.includes(field)) fields.push(field);
}

/** The draft's own spelling of an aspect name, so "color" edits "Color" rather than adding a second one. */
function findAspectKey(aspects: Record<string, string[]>, name: string): string {
  const wanted = name.trim().toLowerCase();
  return Object.keys(aspects).find((key) => key.toLowerCase() === wanted) ?? name.trim();
}

/**
 * Applies a seller's edit to the draft. Every field the edit touches becomes seller-owned: a
 * re-analysis will not change it until the seller asks. Removing an item specific is an edit too.
 */
export function applyListingPatch(
  current: ListingDraft,
  editedFields: readonly ListingField[],
  patch: ListingPatch,
  options: { categoryName?: string | null } = {},
): { draft: ListingDraft; editedFields: ListingField[] } {
  const draft: ListingDraft = { ...current, aspects: { ...current.aspects } };
  const fields = [...editedFields];
  if (patch.title !== undefined) {
    draft.title = collapseWhitespace(patch.title);
    addField(fields, 'title');
  }
  if (patch.descriptionHtml !== undefined) {
    draft.descriptionHtml = patch.descriptionHtml;
    addField(fields, 'descriptionHtml');
  }
  if (patch.categoryId !== undefined) {
    draft.categoryId = patch.categoryId;
    draft.categoryName = patch.categoryName ?? options.categoryName ?? `Category ${patch.categoryId}`;
    addField(fields, 'category');
  } else if (patch.categoryName !== undefined) {
    draft.categoryName = patch.categoryName;
    addField(fields, 'category');
  }
  if (patch.conditionId !== undefined) {
    draft.conditionId = patch.conditionId;
    addField(fields, 'conditionId');
  }
  if (patch.conditionDescription !== undefined) {
    const text = patch.conditionDescription === null ? '' : patch.conditionDescription.trim();
    draft.conditionDescription = text === '' ? null : text;
    addField(fields, 'conditionDescription');
  }
  if (patch.productCode !== undefined) {
    draft.productCode = patch.productCode;
    addField(fields, 'productCode');
  }
  for (const [name, values] of Object.entries(patch.aspects ?? {})) {
    const key = findAspectKey(draft.aspects, name);
    const kept = (values ?? []).map((value) => collapseWhitespace(value)).filter((value) => value !== '');
    if (kept.length === 0) delete draft.aspects[key];
    else draft.aspects[key] = [...new Set(kept)];
    addField(fields, aspectField(key));
  }
  return { draft, editedFields: fields };
}

/**
 * A fresh composition merged with the listing the seller worked on: every field the seller edited
 * keeps the seller's value (an item specific the seller removed stays removed), the rest is new.
 */
export function mergeSellerEdits(fresh: ListingDraft, current: ListingDraft, editedFields: readonly ListingField[]): ListingDraft {
  const merged: ListingDraft = { ...fresh, aspects: { ...fresh.aspects } };
  for (const field of editedFields) {
    switch (field) {
      case 'title':
        merged.title = current.title;
        break;
      case 'descriptionHtml':
        merged.descriptionHtml = current.descriptionHtml;
        break;
      case 'category':
        merged.categoryId = current.categoryId;
        merged.categoryName = current.categoryName;
        break;
      case 'conditionId':
        merged.conditionId = current.conditionId;
        break;
      case 'conditionDescription':
        merged.conditionDescription = current.conditionDescription;
        break;
      case 'productCode':
        merged.productCode = current.productCode;
        break;
      default: {
        const name = field.slice('aspects.'.length);
        const freshKey = findAspectKey(merged.aspects, name);
        delete merged.aspects[freshKey];
        const currentKey = findAspectKey(current.aspects, name);
        const values = current.aspects[currentKey];
        if (values !== undefined) merged.aspects[currentKey] = [...values];
      }
    }
  }
  return merged;
}

/** The facts as the seller corrected them through item specifics, so title and description follow. */
export function applyAspectEditsToFacts(facts: ListingFacts, draft: ListingDraft, editedFields: readonly ListingField[]): ListingFacts {
  const edited = new Set(editedFields.filter((field) => field.startsWith('aspects.')).map((field) => field.slice(8).toLowerCase()));
  if (edited.size === 0) return facts;
  const read = (name: string): string | null | undefined => {
    if (!edited.has(name.toLowerCase())) return undefined;
    const values = draft.aspects[findAspectKey(draft.aspects, name)];
    return values && values.length > 0 ? values.join(', ') : null;
  };
  const next: ListingFacts = { ...facts };
  const assign = <K extends keyof ListingFacts>(key: K, aspect: string, convert: (value: string) => ListingFacts[K]): void => {
    const value = read(aspect);
    if (value === undefined) return;
    next[key] = value === null ? null : convert(value);
  };
  const asText = (value: string): string => value;
  assign('brand', 'Brand', asText);
  assign('itemType', 'Type', asText);
  assign('department', 'Department', (value) => normalizeDepartment(value));
  assign('size', 'Size', asText);
  assign('sizeType', 'Size Type', asText);
  assign('color', 'Color', asText);
  assign('material', 'Material', asText);
  assign('pattern', 'Pattern', asText);
  assign('sleeveLength', 'Sleeve Length', asText);
  assign('neckline', 'Neckline', asText);
  assign('style', 'Style', asText);
  assign('countryOfOrigin', 'Country/Region of Manufacture', asText);
  return next;
}

function sortAspects(aspects: Record<string, string[]>): Array<[string, string[]]> {
  return Object.entries(aspects).sort(([a], [b]) => a.localeCompare(b, 'en'));
}

/** True when two drafts say the same thing (item specifics compared without regard to order of names). */
export function isSameDraft(a: ListingDraft, b: ListingDraft): boolean {
  const { aspects: aspectsA, ...restA } = a;
  const { aspects: aspectsB, ...restB } = b;
  const keys = Object.keys(restA) as Array<keyof typeof restA>;
  if (keys.some((key) => restA[key] !== restB[key])) return false;
  return JSON.stringify(sortAspects(aspectsA)) === JSON.stringify(sortAspects(aspectsB));
}
