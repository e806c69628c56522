import { describe, expect, it } from 'vitest';
import { claimMeasurements, findMeasurements } from '../../../../src/domain/tags/measurement-parser.ts';

describe('findMeasurements', () => {
  it.each([
    ['Pit to pit 21.5 in', 'pitToPit', 21.5, 0.85],
    ['P2P: 22"', 'pitToPit', 22, 0.85],
    ['Armpit to armpit 52 cm', 'pitToPit', 20.5, 0.85],
    ['Chest flat 20 inches', 'pitToPit', 20, 0.85],
    ['Length 28in', 'length', 28, 0.85],
    ['Total length: 71 cm', 'length', 28, 0.85],
    ['Inseam 30 1/2', 'inseam', 30.5, 0.6],
    ['INSEAM 32"', 'inseam', 32, 0.85],
    ['Waist flat 16"', 'waist', 16, 0.85],
    ['Rise 10.5"', 'rise', 10.5, 0.85],
    ['Shoulder to shoulder 18 in', 'shoulder', 18, 0.85],
    ['Sleeve 25"', 'sleeve', 25, 0.85],
    ['p2p 21', 'pitToPit', 21, 0.6],
    ['Largo 70 cm', null, 0, 0],
  ])('reads %j', (text, name, inches, confidence) => {
    const found = findMeasurements(text);
    if (name === null) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toEqual([{ name, inches, source: 'measured', confidence, text }]);
  });

  it('reads every measurement of a written note, one per line', () => {
    const note = 'P2P 21"\nLength 28"\nSleeve 24.5"';
    expect(findMeasurements(note).map((finding) => [finding.name, finding.inches])).toEqual([
      ['pitToPit', 21],
      ['length', 28],
      ['sleeve', 24.5],
    ]);
  });

  it.each([
    ['Length 3"', 'far too short for a garment'],
    ['Pit to pit 95"', 'far too wide'],
    ['Chest pocket', 'a word without a number'],
    ['LEGGINGS 2', 'a word that starts like a measurement'],
    ['Waist 32 Inseam 30 style 5501', 'nothing wrong: reads waist and inseam'],
  ])('is careful with %j (%s)', (text) => {
    const found = findMeasurements(text);
    if (text.startsWith('Waist')) {
      expect(found.map((finding) => finding.name)).toEqual(['inseam', 'waist']);
    } else {
      expect(found).toEqual([]);
    }
  });
});

describe('claimMeasurements', () => {
  it("keeps a jeans tag's waist and inseam as the tag's, and a measured one beside it", () => {
    const claims = claimMeasurements([
      { photoId: 'tag', text: "Levi's\nW32 L30" },
      { photoId: 'note', text: 'Waist flat 16"\nInseam 29.5"' },
    ]);
    expect(claims.map((claim) => [claim.name, claim.inches, claim.source])).toEqual([
      ['waist', 16, 'measured'],
      ['inseam', 29.5, 'measured'],
      ['waist', 32, 'tag'],
      ['inseam', 30, 'tag'],
    ]);
    expect(claims[2]?.evidence).toEqual([{ photoId: 'tag', source: 'ocr', text: 'W32 L30' }]);
  });

  it('adds the photos that show the same measurement as evidence of one claim', () => {
    const claims = claimMeasurements([
      { photoId: 'a', text: 'P2P 21"' },
      { photoId: 'b', text: 'P2P 21"' },
    ]);
    expect(claims).toHaveLength(1);
    expect(claims[0]?.evidence.map((evidence) => evidence.photoId)).toEqual(['a', 'b']);
  });
});
