import { describe, expect, it } from 'vitest';
import { convertLabToHex, convertRgbToLab, nameColour } from '../../../../src/domain/colour/ebay-colours.ts';

function name(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return nameColour(convertRgbToLab((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff));
}

describe('nameColour', () => {
  it.each([
    ['#0b0b0b', 'Black'],
    ['#16181f', 'Black'],
    ['#737270', 'Gray'],
    ['#cecece', 'White'],
    ['#fafafa', 'White'],
    ['#1c2841', 'Blue'],
    ['#7291af', 'Blue'],
    ['#637e98', 'Blue'],
    ['#c3255e', 'Pink'],
    ['#ac6785', 'Pink'],
    ['#6e291e', 'Red'],
    ['#b22222', 'Red'],
    ['#298d88', 'Green'],
    ['#556b2f', 'Green'],
    ['#bda58e', 'Beige'],
    ['#87655a', 'Brown'],
    ['#ff8c00', 'Orange'],
    ['#f5d000', 'Yellow'],
    ['#6a0dad', 'Purple'],
  ])('names %s %s', (hex, expected) => {
    expect(name(hex)).toBe(expected);
  });
});

describe('CIELAB conversion', () => {
  it('round-trips sRGB colours', () => {
    for (const hex of ['#000000', '#ffffff', '#7291af', '#c3255e', '#298d88']) {
      const value = Number.parseInt(hex.slice(1), 16);
      expect(convertLabToHex(convertRgbToLab((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff))).toBe(hex);
    }
  });

  it('puts white at L 100 and black at L 0 with no hue', () => {
    expect(convertRgbToLab(255, 255, 255).l).toBeCloseTo(100, 1);
    expect(convertRgbToLab(0, 0, 0)).toEqual({ l: 0, a: 0, b: 0 });
  });
});
