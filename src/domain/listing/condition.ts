import type { ItemAttributes } from '../../contracts/attributes.ts';
import type { ConditionId } from '../../contracts/item.ts';
import { MIN_CLAIM_CONFIDENCE } from './listing-facts.ts';
import { collapseWhitespace } from './text-casing.ts';

/**
 * eBay's apparel conditions. The Inventory API names them with ConditionEnum values that do not
 * always read like the condition (3000 "Pre-owned - Good" is USED_EXCELLENT); the mapping is eBay's
 * "Item condition ID and name values" table.
 */
export type InventoryConditionEnum =
  | 'NEW'
  | 'NEW_OTHER'
  | 'NEW_WITH_DEFECTS'
  | 'PRE_OWNED_EXCELLENT'
  | 'USED_EXCELLENT'
  | 'PRE_OWNED_FAIR';

export interface ApparelCondition {
  conditionId: ConditionId;
  inventoryEnum: InventoryConditionEnum;
  /** The name eBay shows buyers in clothing categories. */
  label: string;
}

export const APPAREL_CONDITIONS: Readonly<Record<ConditionId, ApparelCondition>> = {
  1000: { conditionId: 1000, inventoryEnum: 'NEW', label: 'New with tags' },
  1500: { conditionId: 1500, inventoryEnum: 'NEW_OTHER', label: 'New without tags' },
  1750: { conditionId: 1750, inventoryEnum: 'NEW_WITH_DEFECTS', label: 'New with imperfections' },
  2990: { conditionId: 2990, inventoryEnum: 'PRE_OWNED_EXCELLENT', label: 'Pre-owned - Excellent' },
  3000: { conditionId: 3000, inventoryEnum: 'USED_EXCELLENT', label: 'Pre-owned - Good' },
  3010: { conditionId: 3010, inventoryEnum: 'PRE_OWNED_FAIR', label: 'Pre-owned - Fair' },
};

export function describeCondition(conditionId: ConditionId): ApparelCondition {
  return APPAREL_CONDITIONS[conditionId];
}

export type FlawSeverity = 'minor' | 'major';

export interface Flaw {
  text: string;
  severity: FlawSeverity;
}

export type ConditionGrade = 'new' | 'new_with_defects' | 'excellent' | 'good' | 'fair';

/** What the condition claims say, read as signals. */
export interface ConditionSignals {
  tagsAttached: boolean;
  tagsAbsent: boolean;
  retailTagSeen: boolean;
  grade: ConditionGrade | null;
  flaws: Flaw[];
}

export interface ConditionDecision extends ApparelCondition {
  flaws: string[];
  /** Sent as eBay's conditionDescription; null when there is nothing to add. */
  conditionDescription: string | null;
  /** Why this condition, in words the seller reads on the review screen. */
  reason: string;
}

/** Claims that would upgrade an item to new or excellent must be this sure. */
const UPGRADE_MIN_CONFIDENCE = 0.6;
const MAX_FLAW_CHARS = 200;
const MAX_CONDITION_DESCRIPTION_CHARS = 1000;

const FLAW_WORDS =
  '(?:flaws?|stain(?:s|ed)?|spots?|marks?|holes?|tears?|torn|rips?|ripped|snags?|pilling|pills|piling|' +
  'fad(?:e|ed|ing)|discolou?r(?:ed|ation)?|yellowing|bleach(?:ed)?|missing|broken|cracks?|cracked|peeling|' +
  'scuffs?|scuffed|fray(?:ed|ing)?|odou?rs?|smells?|loose threads?|pulls?|repair(?:ed|s)?|mended|shrunk|' +
  'stretched|damage[ds]?|wear (?:on|at|around|to))';
const FLAW = new RegExp(`\\b${FLAW_WORDS}\\b`, 'i');
const NEGATED_FLAWS = new RegExp(
  `\\b(?:no|without|free of|zero|not any|never any)\\s+(?:(?:visible|major|noticeable|obvious|signs? of)\\s+)*` +
    `${FLAW_WORDS}(?:\\s*(?:,|or|and|/|nor)\\s*(?:(?:visible|major|noticeable)\\s+)*${FLAW_WORDS})*`,
  'gi',
);
const MAJOR_FLAW =
  /\b(holes?|tears?|torn|rips?|ripped|broken|missing|bleach(?:ed)?|odou?rs?|smells?|cracks?|cracked|peeling|shrunk|stretched|(?:large|big|major|heavy|noticeable)\s+(?:\w+\s+)?(?:stains?|marks?|spots?|wear|fading|pilling))\b/i;

const TAGS_ATTACHED =
  /\bnwt\b|\bnew with tags?\b|\btags? (?:are |still )*attached\b|\bwith (?:the )?(?:original |retail |hang |price |store )?tags?\b/i;
const TAGS_ABSENT = /\bnwot\b|\bnew without tags?\b|\bwithout (?:the )?tags?\b|\bno tags?\b|\btags? (?:removed|cut|missing)\b/i;
/** Tag wording that uses flaw words ("tags missing") without describing a flaw. */
const TAG_PHRASES = /\btags? (?:are )?(?:removed|cut|missing)\b|\bmissing (?:the )?(?:retail )?tags?\b/gi;
const RETAIL_TAG = /\bhang ?tags?\b|\bretail tags?\b|\bprice tags?\b|\bswing tags?\b|\bstore tags?\b/i;
const GRADES: ReadonlyArray<readonly [ConditionGrade, RegExp]> = [
  ['new_with_defects', /\bnew with (?:imperfections|defects)\b|\birregular\b|\bfactory seconds?\b/i],
  ['new', /\bnwt\b|\bnwot\b|\bbrand new\b|^new$|\bnew with(?:out)? tags?\b|\bunworn\b|\bnever worn\b|\bnew other\b/i],
  ['fair', /\bfair\b|\bheavy wear\b|\bwell worn\b|\bas is\b|\bplay condition\b/i],
  ['excellent', /\bexcellent\b|\blike new\b|\bmint\b|\bewc\b|\beuc\b|\bbarely worn\b|\bworn once\b/i],
  ['good', /\bgood\b|\bguc\b|\bgently (?:used|worn)\b|\blight wear\b|\bpre-?owned\b|\bused\b/i],
];

function readFlaw(value: string): Flaw | null {
  const withoutNegations = value.replace(TAG_PHRASES, ' ').replace(NEGATED_FLAWS, ' ');
  if (!FLAW.test(withoutNegations)) return null;
  const text = value.length > MAX_FLAW_CHARS ? `${value.slice(0, MAX_FLAW_CHARS - 1).trimEnd()}\u2026` : value;
  return { text, severity: MAJOR_FLAW.test(withoutNegations) ? 'major' : 'minor' };
}

/** Reads every condition claim: tags, a stated grade, and flaws (a flaw counts even when unsure). */
export function readConditionSignals(attributes: ItemAttributes): ConditionSignals {
  const signals: ConditionSignals = {
    tagsAttached: false,
    tagsAbsent: false,
    retailTagSeen: false,
    grade: null,
    flaws: [],
  };
  const claims = [...(attributes.condition ?? [])].sort((a, b) => b.confidence - a.confidence);
  for (const claim of claims) {
    if (claim.confidence < MIN_CLAIM_CONFIDENCE) continue;
    const value = collapseWhitespace(claim.value);
    if (value === '') continue;
    const sure = claim.confidence >= UPGRADE_MIN_CONFIDENCE;
    const absent = TAGS_ABSENT.test(value);
    signals.tagsAbsent ||= absent;
    signals.tagsAttached ||= sure && !absent && TAGS_ATTACHED.test(value);
    signals.retailTagSeen ||= RETAIL_TAG.test(value);
    const grade = GRADES.find(([, pattern]) => pattern.test(value))?.[0] ?? null;
    const upgrades = grade === 'new' || grade === 'excellent';
    if (signals.grade === null && grade !== null && (sure || !upgrades)) signals.grade = grade;
    const flaw = readFlaw(value);
    if (flaw && !signals.flaws.some((known) => known.text.toLowerCase() === flaw.text.toLowerCase())) {
      signals.flaws.push(flaw);
    }
  }
  return signals;
}

function describeFlaws(flaws: readonly Flaw[]): string {
  const text = `Flaws: ${flaws.map((flaw) => flaw.text.replace(/[.;]+$/, '')).join('; ')}.`;
  return text.length > MAX_CONDITION_DESCRIPTION_CHARS
    ? `${text.slice(0, MAX_CONDITION_DESCRIPTION_CHARS - 1)}\u2026`
    : text;
}

function decide(
  conditionId: ConditionId,
  flaws: readonly Flaw[],
  reason: string,
  description: string | null = null,
): ConditionDecision {
  return {
    ...APPAREL_CONDITIONS[conditionId],
    flaws: flaws.map((flaw) => flaw.text),
    conditionDescription: flaws.length > 0 ? describeFlaws(flaws) : description,
    reason,
  };
}

/**
 * The eBay condition the photos support. Pre-owned Good unless a claim says otherwise: New with
 * tags needs a claim that the tags are attached (a retail barcode alone is not enough, it may be
 * printed on a care label), and visible flaws move the item down.
 */
export function decideCondition(
  attributes: ItemAttributes,
  evidence: { productCode?: string | null } = {},
): ConditionDecision {
  const signals = readConditionSignals(attributes);
  const { flaws } = signals;
  const hasFlaws = flaws.length > 0;
  const hasMajorFlaw = flaws.some((flaw) => flaw.severity === 'major');

  if (signals.tagsAttached && !signals.tagsAbsent) {
    return hasFlaws
      ? decide(1750, flaws, 'The retail tags are attached, but the photos show flaws.')
      : decide(1000, flaws, 'A photo shows the retail tags still attached.');
  }
  if (signals.grade === 'new_with_defects') {
    return decide(1750, flaws, 'Described as new with imperfections.', 'New with imperfections.');
  }
  if (signals.grade === 'new') {
    return hasFlaws
      ? decide(1750, flaws, 'Described as new, but the photos show flaws.')
      : decide(1500, flaws, 'Described as new, without tags attached.', 'New without tags.');
  }

  const sawRetailCode = Boolean(evidence.productCode) || signals.retailTagSeen;
  const retailNote = sawRetailCode
    ? ' A retail tag or product code was seen, but no photo shows the tags attached, so it is not listed as new.'
    : '';
  if (hasMajorFlaw) return decide(3010, flaws, `The photos show significant flaws.${retailNote}`);
  if (signals.grade === 'fair') return decide(3010, flaws, `Described as fair.${retailNote}`);
  if (hasFlaws) return decide(3000, flaws, `Pre-owned with minor flaws.${retailNote}`);
  if (signals.grade === 'excellent') {
    return decide(2990, flaws, `Described as excellent and no flaws were seen.${retailNote}`);
  }
  return decide(3000, flaws, `No tags or flaws seen: Pre-owned - Good is the default.${retailNote}`);
}
