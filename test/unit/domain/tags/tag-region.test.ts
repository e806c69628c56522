import { describe, expect, it } from 'vitest';
import type { OcrReading } from '../../../../src/contracts/readings.ts';
import { findTagRegionsToReread, readsLikeTag, showsTagDetails } from '../../../../src/domain/tags/tag-region.ts';

function reading(lines: Array<[string, number, number, number, number]>): OcrReading {
  return {
    text: lines.map(([text]) => text).join('\n'),
    confidence: 0.8,
    lines: lines.map(([text, left, top, width, height]) => ({ text, confidence: 0.8, region: { left, top, width, height } })),
  };
}

describe('readsLikeTag', () => {
  it.each([
    ["Levi's\n100% COTTON", true],
    ['MADE IN VIETNAM', true],
    ['RN 54867', true],
    ['Machine wash cold', true],
    ['EF-10234\n1.25 LB', false],
    ['', false],
  ])('%j reads like a tag: %s', (text, expected) => {
    expect(readsLikeTag(text)).toBe(expected);
  });
});

describe('showsTagDetails', () => {
  it.each([
    ['CARHARTT', false],
    ["Levi's\n100% COTTON", true],
    ['MADE IN VIETNAM', true],
  ])('%j shows what only a tag prints: %s', (text, expected) => {
    expect(showsTagDetails(text)).toBe(expected);
  });
});

describe('findTagRegionsToReread', () => {
  const tag = reading([
    ['i dm eo', 138, 318, 514, 7],
    ['Nike', 296, 357, 197, 66],
    ['100% COTTON', 252, 559, 282, 31],
    ['MADE IN VIETNAM', 246, 624, 294, 25],
  ]);

  it('frames the gap where a lone size letter was dropped, across the width of the text', () => {
    expect(findTagRegionsToReread(tag, false)).toEqual([
      { left: 246, top: 423, width: 294, height: 136 },
      { left: 246, top: 590, width: 294, height: 34 },
    ]);
  });

  it('frames every line of a tag with no gap, grown by a line and a half', () => {
    const tight = reading([
      ['Patagonia', 200, 300, 400, 40],
      ['100% COTTON', 220, 345, 360, 40],
    ]);
    expect(findTagRegionsToReread(tight, false)).toEqual([{ left: 140, top: 240, width: 520, height: 205 }]);
  });

  it('reads nothing again when the size was found, or the photo is no tag', () => {
    expect(findTagRegionsToReread(tag, true)).toEqual([]);
    expect(findTagRegionsToReread(reading([['EF-10234', 100, 100, 300, 60]]), false)).toEqual([]);
  });

  it('needs line positions', () => {
    expect(findTagRegionsToReread({ text: "Levi's\n100% COTTON", confidence: 0.8, lines: [] }, false)).toEqual([]);
  });
});
