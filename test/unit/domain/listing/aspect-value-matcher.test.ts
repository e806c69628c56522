import { describe, expect, it } from 'vitest';
import { isPlaceholderValue, matchAspectValue, measureEditDistance, spellLikeSuggestion } from '../../../../src/domain/listing/aspect-value-matcher.ts';

const COLORS = ['Beige', 'Black', 'Blue', 'Brown', 'Gray', 'Green', 'Ivory', 'Multicolor', 'Red', 'White'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '28', '29', '30', '32', '33', '34', '10', '12'];
const COUNTRIES = ['China', 'Korea, Republic of', 'Mexico', 'United Kingdom', 'United States', 'Vietnam'];
const SLEEVES = ['Sleeveless', 'Short Sleeve', '3/4 Sleeve', 'Long Sleeve'];
const SIZE_TYPES = ['Regular', 'Big & Tall', 'Petite', 'Plus'];
const MATERIALS = ['Cotton', 'Polyester', 'Rayon', 'Spandex', 'Wool'];

describe('matchAspectValue', () => {
  it.each([
    { raw: 'black', options: COLORS, aspect: 'Color', value: 'Black', kind: 'exact' },
    { raw: 'BLUE', options: COLORS, aspect: 'Color', value: 'Blue', kind: 'exact' },
    { raw: 'grey', options: COLORS, aspect: 'Color', value: 'Gray', kind: 'spelling' },
    { raw: 'Multi-Colored', options: COLORS, aspect: 'Color', value: 'Multicolor', kind: 'spelling' },
    { raw: 'Navy', options: COLORS, aspect: 'Color', value: 'Blue', kind: 'family' },
    { raw: 'Burgundy', options: COLORS, aspect: 'Color', value: 'Red', kind: 'family' },
    { raw: 'Heather Gray', options: COLORS, aspect: 'Color', value: 'Gray', kind: 'family' },
    { raw: 'Dark Navy', options: COLORS, aspect: 'Color', value: 'Blue', kind: 'contained' },
    { raw: 'X-Large', options: SIZES, aspect: 'Size', value: 'XL', kind: 'spelling' },
    { raw: '2XL', options: SIZES, aspect: 'Size', value: 'XXL', kind: 'spelling' },
    { raw: 'xxxl', options: SIZES, aspect: 'Size', value: '3XL', kind: 'spelling' },
    { raw: 'Medium', options: SIZES, aspect: 'Size', value: 'M', kind: 'spelling' },
    { raw: '32', options: SIZES, aspect: 'Size', value: '32', kind: 'exact' },
    { raw: 'USA', options: COUNTRIES, aspect: 'Country/Region of Manufacture', value: 'United States', kind: 'spelling' },
    { raw: 'South Korea', options: COUNTRIES, aspect: 'Country/Region of Manufacture', value: 'Korea, Republic of', kind: 'spelling' },
    { raw: 'Viet Nam', options: COUNTRIES, aspect: 'Country/Region of Manufacture', value: 'Vietnam', kind: 'exact' },
    { raw: 'short sleeved', options: SLEEVES, aspect: 'Sleeve Length', value: 'Short Sleeve', kind: 'spelling' },
    { raw: 'Three Quarter Sleeve', options: SLEEVES, aspect: 'Sleeve Length', value: '3/4 Sleeve', kind: 'spelling' },
    { raw: 'Big and Tall', options: SIZE_TYPES, aspect: 'Size Type', value: 'Big & Tall', kind: 'exact' },
    { raw: 'Missy', options: SIZE_TYPES, aspect: 'Size Type', value: 'Regular', kind: 'spelling' },
    { raw: 'Polyster', options: MATERIALS, aspect: 'Material', value: 'Polyester', kind: 'fuzzy' },
    { raw: 'Viscose', options: MATERIALS, aspect: 'Material', value: 'Rayon', kind: 'family' },
    { raw: '100% Cotton', options: MATERIALS, aspect: 'Material', value: 'Cotton', kind: 'contained' },
  ])('matches "$raw" to "$value" ($kind)', ({ raw, options, aspect, value, kind }) => {
    expect(matchAspectValue(raw, options, { aspectName: aspect, allowFamily: true, allowFuzzy: true })).toEqual({ value, kind });
  });

  it.each([
    { raw: 'Teal Blue Green', options: COLORS, why: 'two colours named equally' },
    { raw: 'Navy/White', options: COLORS, why: 'two colours' },
    { raw: '31', options: SIZES, why: 'a size eBay does not list is not rounded to a neighbour' },
    { raw: '10/12', options: SIZES, why: 'a size range is not cut to one of its numbers' },
    { raw: '34x30', options: SIZES, why: 'waist by inseam is not a size of its own' },
    { raw: 'Chartreuse', options: COLORS, why: 'an unknown shade' },
    { raw: '', options: COLORS, why: 'nothing was read' },
  ])('matches nothing for "$raw": $why', ({ raw, options }) => {
    expect(matchAspectValue(raw, options, { aspectName: 'Color', allowFamily: true, allowFuzzy: true })).toBeNull();
  });

  it('maps a shade to its family only when allowed (SELECTION_ONLY aspects)', () => {
    expect(matchAspectValue('Navy', COLORS, { aspectName: 'Color' })).toBeNull();
    expect(matchAspectValue('Navy', COLORS, { aspectName: 'Color', allowFamily: true })?.value).toBe('Blue');
  });

  it('forgives a typo only when asked, and never in a value with digits', () => {
    expect(matchAspectValue('Polyster', MATERIALS, { aspectName: 'Material' })).toBeNull();
    expect(matchAspectValue('3XLL', SIZES, { aspectName: 'Size', allowFuzzy: true })).toBeNull();
  });

  it('only ever answers with one of the options given', () => {
    const inputs = ['navy', 'grey heather', 'off white', 'cream', 'olive drab', 'hot pink', 'blk', 'whte', 'Blu'];
    for (const raw of inputs) {
      const match = matchAspectValue(raw, COLORS, { aspectName: 'Color', allowFamily: true, allowFuzzy: true });
      if (match) expect(COLORS).toContain(match.value);
    }
  });
});

describe('spellLikeSuggestion', () => {
  it('writes a free-text value the way eBay suggests it, and leaves others alone', () => {
    expect(spellLikeSuggestion('grey', COLORS)).toBe('Gray');
    expect(spellLikeSuggestion('black', COLORS)).toBe('Black');
    expect(spellLikeSuggestion('Navy', COLORS)).toBeNull();
  });
});

describe('isPlaceholderValue', () => {
  it.each(['See photos', 'see pics', 'Please see pictures', 'SEE DESCRIPTION', 'See tag', 'As pictured', 'As shown', 'N/A', 'n/a', 'NA', 'Unknown', 'none', 'Does not apply', '?', '--', 'TBD', 'Various', ''])(
    'refuses "%s"',
    (value) => {
      expect(isPlaceholderValue(value)).toBe(true);
    },
  );

  it.each(['Navy', 'Seersucker', 'No', 'Other', 'Unbranded', 'See by Chloé', 'Asian Inspired', 'Nautica'])('accepts "%s"', (value) => {
    expect(isPlaceholderValue(value)).toBe(false);
  });
});

describe('measureEditDistance', () => {
  it.each([
    { a: 'polyester', b: 'polyster', distance: 1 },
    { a: 'cotton', b: 'cototn', distance: 1 },
    { a: 'wool', b: 'wool', distance: 0 },
    { a: 'linen', b: 'nylon', distance: 4 },
  ])('counts $distance between $a and $b', ({ a, b, distance }) => {
    expect(measureEditDistance(a, b, 5)).toBe(distance);
  });
});
