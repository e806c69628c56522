import { describe, expect, it } from 'vitest';
import { APPAREL_CONDITIONS, decideCondition, readConditionSignals } from '../../../../src/domain/listing/condition.ts';
import { buildAttributes } from './item-attributes.fixture.ts';

describe('APPAREL_CONDITIONS', () => {
  it.each([
    { id: 1000, inventoryEnum: 'NEW', label: 'New with tags' },
    { id: 1500, inventoryEnum: 'NEW_OTHER', label: 'New without tags' },
    { id: 1750, inventoryEnum: 'NEW_WITH_DEFECTS', label: 'New with imperfections' },
    { id: 2990, inventoryEnum: 'PRE_OWNED_EXCELLENT', label: 'Pre-owned - Excellent' },
    { id: 3000, inventoryEnum: 'USED_EXCELLENT', label: 'Pre-owned - Good' },
    { id: 3010, inventoryEnum: 'PRE_OWNED_FAIR', label: 'Pre-owned - Fair' },
  ] as const)('maps condition $id to the Inventory API enum $inventoryEnum', ({ id, inventoryEnum, label }) => {
    expect(APPAREL_CONDITIONS[id]).toEqual({ conditionId: id, inventoryEnum, label });
  });
});

describe('decideCondition', () => {
  it.each([
    { claims: [], productCode: null, id: 3000, why: 'nothing is said' },
    { claims: ['Pre-owned, good condition'], productCode: null, id: 3000, why: 'good is stated' },
    { claims: ['New with tags'], productCode: '012345678905', id: 1000, why: 'the tags are attached' },
    { claims: ['NWT'], productCode: null, id: 1000, why: 'NWT is stated' },
    { claims: ['Retail hang tag still attached'], productCode: null, id: 1000, why: 'the hang tag is attached' },
    { claims: ['Hang tag visible'], productCode: '012345678905', id: 3000, why: 'a tag is seen but not said to be attached' },
    { claims: [], productCode: '012345678905', id: 3000, why: 'only a product code was read' },
    { claims: ['New with tags', 'small stain on cuff'], productCode: null, id: 1750, why: 'new with a flaw' },
    { claims: ['NWOT'], productCode: null, id: 1500, why: 'new without tags' },
    { claims: ['Brand new, never worn, tags removed'], productCode: null, id: 1500, why: 'unworn without tags' },
    { claims: ['New with imperfections'], productCode: null, id: 1750, why: 'imperfections are stated' },
    { claims: ['Excellent used condition'], productCode: null, id: 2990, why: 'excellent is stated' },
    { claims: ['Like new, no stains or holes'], productCode: null, id: 2990, why: 'flaws are only denied' },
    { claims: ['Excellent', 'light pilling'], productCode: null, id: 3000, why: 'a minor flaw outweighs excellent' },
    { claims: ['Light pilling on sleeves'], productCode: null, id: 3000, why: 'a minor flaw' },
    { claims: ['Small hole near hem'], productCode: null, id: 3010, why: 'a hole is a major flaw' },
    { claims: ['Missing button on cuff'], productCode: null, id: 3010, why: 'a missing part' },
    { claims: ['Large stain on front'], productCode: null, id: 3010, why: 'a large stain' },
    { claims: ['Fair condition, heavy wear'], productCode: null, id: 3010, why: 'fair is stated' },
  ])('gives $id when $why', ({ claims, productCode, id }) => {
    const attributes = buildAttributes(claims.length > 0 ? { condition: claims } : {});
    expect(decideCondition(attributes, { productCode }).conditionId).toBe(id);
  });

  it('needs a confident claim before listing an item as new with tags', () => {
    const unsure = buildAttributes({ condition: { value: 'new with tags', confidence: 0.4 } });
    expect(decideCondition(unsure).conditionId).toBe(3000);
  });

  it('does not call an item new with tags when another claim says the tags are gone', () => {
    const attributes = buildAttributes({ condition: ['New with tags', 'tags removed'] });
    expect(decideCondition(attributes).conditionId).not.toBe(1000);
  });

  it('says why a product code alone does not make the item new', () => {
    const decision = decideCondition(buildAttributes({}), { productCode: '012345678905' });
    expect(decision.reason).toMatch(/product code/i);
    expect(decision.reason).toMatch(/not listed as new/i);
  });

  it('lists the flaws in the condition description', () => {
    const decision = decideCondition(buildAttributes({ condition: ['Small stain on left cuff', 'Light pilling'] }));
    expect(decision.flaws).toEqual(['Small stain on left cuff', 'Light pilling']);
    expect(decision.conditionDescription).toBe('Flaws: Small stain on left cuff; Light pilling.');
  });

  it('leaves the condition description empty when there is nothing to add', () => {
    expect(decideCondition(buildAttributes({})).conditionDescription).toBeNull();
    expect(decideCondition(buildAttributes({ condition: 'NWT' })).conditionDescription).toBeNull();
  });

  it('carries the Inventory API enum with the decision', () => {
    expect(decideCondition(buildAttributes({})).inventoryEnum).toBe('USED_EXCELLENT');
    expect(decideCondition(buildAttributes({ condition: 'NWT' })).inventoryEnum).toBe('NEW');
  });
});

describe('readConditionSignals', () => {
  it.each([
    { value: 'no stains, holes or odors', flaw: false },
    { value: 'free of pilling and fading', flaw: false },
    { value: 'missing tags', flaw: false },
    { value: 'faded print', flaw: true },
    { value: 'snag on the back', flaw: true },
  ])('treats "$value" as a flaw: $flaw', ({ value, flaw }) => {
    expect(readConditionSignals(buildAttributes({ condition: value })).flaws.length > 0).toBe(flaw);
  });

  it('ignores claims too unsure to print', () => {
    const signals = readConditionSignals(buildAttributes({ condition: { value: 'large hole', confidence: 0.1 } }));
    expect(signals.flaws).toEqual([]);
  });
});
