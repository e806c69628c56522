import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../../src/contracts/errors.ts';
import { ItemAnswer, parseItemAnswer, toResponseFormat } from '../../../src/adapters/vision/vision-answer-schema.ts';

const valid = {
  claims: [{ attribute: 'brand', value: 'Patagonia', confidence: 0.9, photos: [2], seenText: 'patagonia' }],
  photos: [{ photo: 1, isSkuPhoto: true, sku: 'EF-10235', weightText: '0.57 kg', scaleReading: null, confidence: 0.9 }],
};

describe('the schema the vision model answers in', () => {
  it('reads a well-formed answer', () => {
    expect(parseItemAnswer(JSON.stringify(valid))).toEqual(valid);
  });

  it.each([
    ['text that is not JSON', 'Sure! The brand is Patagonia.'],
    ['an answer without its photos', JSON.stringify({ claims: valid.claims })],
    ['a confidence above 1', JSON.stringify({ ...valid, claims: [{ ...valid.claims[0], confidence: 2 }] })],
    ['an attribute we do not know', JSON.stringify({ ...valid, claims: [{ ...valid.claims[0], attribute: 'price' }] })],
    ['a photo number that is not a whole number', JSON.stringify({ ...valid, claims: [{ ...valid.claims[0], photos: [1.5] }] })],
    ['a claim with no seenText field', JSON.stringify({ ...valid, claims: [{ attribute: 'color', value: 'Red', confidence: 0.5, photos: [1] }] })],
  ])('refuses %s', (_case, content) => {
    expect(() => parseItemAnswer(content)).toThrow(PermanentError);
    try {
      parseItemAnswer(content);
    } catch (error) {
      expect((error as PermanentError).code).toBe('VALIDATION_FAILED');
    }
  });

  it('asks for strict structured output: every field required, nothing else allowed, no draft marker', () => {
    const format = toResponseFormat('item_analysis', ItemAnswer);
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.strict).toBe(true);
    const schema = format.json_schema.schema as { $schema?: string; additionalProperties?: boolean; required?: string[] };
    expect(schema.$schema).toBeUndefined();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['claims', 'photos']);
    expect(JSON.stringify(schema)).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });
});
