import { ConditionId } from '../../contracts/item.ts';

/**
 * The parts of eBay's Taxonomy `AspectMetadata` (getItemAspectsForCategory) that listing
 * composition reads. The eBay adapter and the bundled aspect data both arrive in this shape.
 */
export interface EbayAspectValueShape {
  localizedValue: string;
  valueConstraints?: Array<{
    applicableForLocalizedAspectName?: string;
    applicableForLocalizedAspectValues?: string[];
  }>;
}

export interface EbayAspectShape {
  localizedAspectName: string;
  aspectConstraint?: {
    aspectDataType?: string;
    aspectMode?: string;
    aspectRequired?: boolean;
    aspectUsage?: string;
    itemToAspectCardinality?: string;
    aspectMaxLength?: number;
    aspectFormat?: string;
    aspectEnabledForVariations?: boolean;
  };
  aspectValues?: EbayAspectValueShape[];
}

export interface EbayAspectMetadataShape {
  aspects?: EbayAspectShape[];
}

export type AspectMode = 'FREE_TEXT' | 'SELECTION_ONLY';
export type AspectCardinality = 'SINGLE' | 'MULTI';
export type AspectDataType = 'STRING' | 'STRING_ARRAY' | 'NUMBER' | 'DATE';

/** One value eBay offers for an aspect, valid only when other aspects hold one of the listed values. */
export interface AspectOption {
  value: string;
  /** "Size" 46 → { "Size Type": ["Big & Tall"] }; empty when the value is always valid. */
  requires: Readonly<Record<string, readonly string[]>>;
}

export interface AspectDefinition {
  name: string;
  required: boolean;
  /** eBay flags it RECOMMENDED: buyers filter on it. */
  recommended: boolean;
  mode: AspectMode;
  cardinality: AspectCardinality;
  dataType: AspectDataType;
  /** The longest value eBay takes for this aspect, when it says. */
  maxLength: number | null;
  /** For SELECTION_ONLY the only values allowed; for FREE_TEXT eBay's suggestions. */
  options: readonly AspectOption[];
}

export type AspectSource = 'ebay' | 'bundled';

/** Everything the listing needs to know about one category's item specifics and conditions. */
export interface CategoryAspectSet {
  categoryId: string;
  source: AspectSource;
  aspects: readonly AspectDefinition[];
  /** Condition IDs the category accepts; null when unknown. */
  allowedConditionIds: readonly ConditionId[] | null;
  /** What the category calls a condition when it differs from clothing ("New with box" for shoes). */
  conditionLabels: Readonly<Partial<Record<ConditionId, string>>>;
}

function readMode(mode: string | undefined): AspectMode {
  return mode === 'SELECTION_ONLY' ? 'SELECTION_ONLY' : 'FREE_TEXT';
}

function readCardinality(cardinality: string | undefined): AspectCardinality {
  return cardinality === 'MULTI' ? 'MULTI' : 'SINGLE';
}

const DATA_TYPES: readonly AspectDataType[] = ['STRING', 'STRING_ARRAY', 'NUMBER', 'DATE'];

function readDataType(dataType: string | undefined): AspectDataType {
  return DATA_TYPES.find((known) => known === dataType) ?? 'STRING';
}

function readOption(value: EbayAspectValueShape): AspectOption {
  const requires: Record<string, string[]> = {};
  for (const constraint of value.valueConstraints ?? []) {
    const name = constraint.applicableForLocalizedAspectName;
    const values = constraint.applicableForLocalizedAspectValues ?? [];
    if (!name || values.length === 0) continue;
    requires[name] = [...(requires[name] ?? []), ...values];
  }
  return { value: value.localizedValue, requires };
}

function readAspect(aspect: EbayAspectShape): AspectDefinition {
  const constraint = aspect.aspectConstraint ?? {};
  const seen = new Set<string>();
  const options: AspectOption[] = [];
  for (const value of aspect.aspectValues ?? []) {
    if (typeof value.localizedValue !== 'string' || value.localizedValue.trim() === '') continue;
    if (seen.has(value.localizedValue)) continue;
    seen.add(value.localizedValue);
    options.push(readOption(value));
  }
  return {
    name: aspect.localizedAspectName,
    required: constraint.aspectRequired === true,
    recommended: constraint.aspectUsage === 'RECOMMENDED',
    mode: readMode(constraint.aspectMode),
    cardinality: readCardinality(constraint.itemToAspectCardinality),
    dataType: readDataType(constraint.aspectDataType),
    maxLength: typeof constraint.aspectMaxLength === 'number' && constraint.aspectMaxLength > 0 ? constraint.aspectMaxLength : null,
    options,
  };
}

/** Reads eBay's aspect metadata for a category into the shape composition works with. */
export function readAspectMetadata(
  categoryId: string,
  metadata: EbayAspectMetadataShape,
  source: AspectSource,
  conditions: { allowed?: readonly number[] | null; labels?: Readonly<Record<string, string>> } = {},
): CategoryAspectSet {
  const aspects = (metadata.aspects ?? [])
    .filter((aspect) => typeof aspect.localizedAspectName === 'string' && aspect.localizedAspectName.trim() !== '')
    .map(readAspect);
  const allowed = conditions.allowed ? conditions.allowed.filter(isConditionId) : null;
  const labels: Partial<Record<ConditionId, string>> = {};
  for (const [id, label] of Object.entries(conditions.labels ?? {})) {
    const numeric = Number(id);
    if (isConditionId(numeric)) labels[numeric] = label;
  }
  return { categoryId, source, aspects, allowedConditionIds: allowed, conditionLabels: labels };
}

function isConditionId(value: number): value is ConditionId {
  return ConditionId.safeParse(value).success;
}

/** The aspect of that name, compared without case. */
export function findAspect(set: CategoryAspectSet, name: string): AspectDefinition | undefined {
  const wanted = name.trim().toLowerCase();
  return set.aspects.find((aspect) => aspect.name.toLowerCase() === wanted);
}
