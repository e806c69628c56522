import { describe, expect, it } from 'vitest';
import { findCaNumbers, findRnNumbers } from '../../../../src/domain/tags/rn-parser.ts';

describe('findRnNumbers', () => {
  it.each([
    ['RN 54867', '54867'],
    ['RN#54867', '54867'],
    ['RN# 54867', '54867'],
    ['RN: 54867', '54867'],
    ['RN54867', '54867'],
    ['R.N. 54867', '54867'],
    ['rn 54867', '54867'],
    ['RN NO. 54867', '54867'],
    ['RN 118044', '118044'],
    ['RN 5486O', '54860'],
    ['RN 548l7', '54817'],
    ['Levi Strauss & Co. RN 56323 CA 05553', '56323'],
  ])('reads %j as RN %s', (text, number) => {
    expect(findRnNumbers(text).map((finding) => finding.number)).toEqual([number]);
  });

  it('keeps the line the number was read on', () => {
    expect(findRnNumbers('MADE IN CHINA\nRN 51884 CA 38693\n100% POLYESTER')).toEqual([
      { number: '51884', text: 'RN 51884 CA 38693' },
    ]);
  });

  it('reads each number once', () => {
    expect(findRnNumbers('RN 54867\nRN#54867')).toHaveLength(1);
  });

  it.each([
    ['BURN 12345', 'RN inside a word'],
    ['RN 123', 'too short'],
    ['RN 1234567', 'too long'],
    ['RN', 'no number'],
    ['CA 12345', 'a CA number'],
    ['', 'nothing'],
  ])('reads no RN from %j (%s)', (text) => {
    expect(findRnNumbers(text)).toEqual([]);
  });
});

describe('findCaNumbers', () => {
  it.each([
    ['CA 12345', '12345'],
    ['CA#12345', '12345'],
    ['CA 05553', '05553'],
    ['C.A. 38693', '38693'],
    ['RN 56323 CA 05553', '05553'],
  ])('reads %j as CA %s', (text, number) => {
    expect(findCaNumbers(text).map((finding) => finding.number)).toEqual([number]);
  });

  it.each([
    ['LOS ANGELES, CA 90021', 'a street address'],
    ['LOS ANGELES CA 90021-1234', 'a ZIP+4 code'],
    ['CA 123', 'too short'],
    ['AFRICA 12345', 'CA inside a word'],
  ])('reads no CA number from %j (%s)', (text) => {
    expect(findCaNumbers(text)).toEqual([]);
  });
});
