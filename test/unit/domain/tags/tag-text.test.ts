import { describe, expect, it } from 'vitest';
import {
  blankSpan,
  foldTagText,
  quoteLines,
  splitTagLines,
  toleranceKey,
  toleratePattern,
} from '../../../../src/domain/tags/tag-text.ts';

describe('foldTagText', () => {
  it.each([
    ['Algodón', 'ALGODON'],
    ['Fabriqué en Chine', 'FABRIQUE EN CHINE'],
    ['Größe', 'GROßE'],
    ['Fjällräven', 'FJALLRAVEN'],
  ])('folds %j to upper case without accents (ß stays: its capital is two letters)', (text, folded) => {
    expect(foldTagText(text)).toBe(folded);
  });

  it('keeps every position, so a match in the folded text points into the original', () => {
    const text = 'Hecho en México\nß and ﬁ stay put';
    expect(foldTagText(text)).toHaveLength(text.length);
  });
});

describe('splitTagLines', () => {
  it('gives each non-empty line with its offsets, whatever the line ending', () => {
    const text = 'SIZE\r\n\r\nM\rMADE IN USA\n';
    expect(splitTagLines(text)).toEqual([
      { text: 'SIZE', start: 0, end: 4 },
      { text: 'M', start: 8, end: 9 },
      { text: 'MADE IN USA', start: 10, end: 21 },
    ]);
  });
});

describe('quoteLines', () => {
  const text = 'NeroGiardini\nMADE IN\nITALY\n';

  it('quotes the line a span sits on', () => {
    expect(quoteLines(text, 0, 4)).toBe('NeroGiardini');
  });

  it('joins the lines a span crosses', () => {
    expect(quoteLines(text, 13, 26)).toBe('MADE IN / ITALY');
  });
});

describe('blankSpan', () => {
  it('replaces a span with as many spaces', () => {
    expect(blankSpan('DO NOT TUMBLE DRY', 0, 7)).toBe('       TUMBLE DRY');
  });
});

describe('toleratePattern and toleranceKey', () => {
  it.each(['CHINA', 'CHlNA', 'CH1NA', 'CH|NA'])('match %j to the spelling CHINA', (text) => {
    expect(new RegExp(`^${toleratePattern('CHINA')}$`).test(text.toUpperCase())).toBe(true);
    expect(toleranceKey(text.toUpperCase())).toBe(toleranceKey('CHINA'));
  });

  it('lets a space in a spelling match dots, hyphens and apostrophes', () => {
    const pattern = new RegExp(`^${toleratePattern('U S A')}$`);
    expect(['USA', 'U.S.A', 'U S A', 'U-S-A'].every((text) => pattern.test(text))).toBe(true);
    expect(toleranceKey('U.S.A.')).toBe(toleranceKey('USA'));
  });

  it('reads 0 as O', () => {
    expect(new RegExp(`^${toleratePattern('COTTON')}$`).test('C0TT0N')).toBe(true);
  });
});
