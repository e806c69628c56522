import { describe, expect, it } from 'vitest';
import { compileSkuPattern, DEFAULT_SKU_PATTERN, findSku } from '../../../../src/domain/segmentation/sku-pattern.ts';

describe('the default SKU pattern', () => {
  const pattern = compileSkuPattern(null);

  it.each([
    ['EF-10234', 'EF-10234'],
    ['SKU 10234', '10234'],
    ['SKU: A12-B3', 'A12-B3'],
    ['A12-B3', 'A12-B3'],
    ['sku no. 778', '778'],
    ['SKU#EF-10234', 'EF-10234'],
    ['SKU NUMBER 55120', '55120'],
    ['SKU10234', '10234'],
    ['ABCD-0001', 'ABCD-0001'],
    ['B7-22-04', 'B7-22-04'],
    ['ef-10234', 'ef-10234'],
  ])('reads %j as the seller code %j', (text, sku) => {
    expect(findSku(text, pattern)).toBe(sku);
  });

  it.each([
    ['SKU EF-10234\nWT: 1.2 LB', 'EF-10234'],
    ['Item EF-10234  1 lb 4 oz', 'EF-10234'],
    ['EF - 10234', 'EF-10234'],
    ['  SKU:  A12-B3.  ', 'A12-B3'],
    ['SKU 10234 - 1.2 LB', '10234'],
  ])('finds the code on a whole label: %j', (text, sku) => {
    expect(findSku(text, pattern)).toBe(sku);
  });

  it.each([
    ['XL', 'a size'],
    ['XL-32', 'a size with a number'],
    ['W32-L30', 'a waist and length'],
    ['$19.99', 'a price'],
    ['12/25/2023', 'a date'],
    ['12-25-2023', 'a date with dashes'],
    ['JAN-2023', 'a month'],
    ['1.2 LB', 'a weight'],
    ['RN 54867', 'an RN number'],
    ['RN-54867', 'an RN number with a hyphen'],
    ['CA-12345', 'a CA number'],
    ['STYLE-5501', 'a style number'],
    ['T-SHIRT', 'a word with a hyphen'],
    ['Hello world', 'plain words'],
    ['A762060D', 'a brand style code without hyphen'],
    ['COVID-19', 'a word longer than a SKU prefix'],
    ['CH99 9QS', 'a postcode'],
    ['100% COTTON', 'a fibre share'],
    ['SKU NUMBER', 'the prefix alone'],
  ])('finds no SKU in %j (%s)', (text) => {
    expect(findSku(text, pattern)).toBeNull();
  });

  it('is a valid, case-insensitive regular expression source', () => {
    expect(() => new RegExp(DEFAULT_SKU_PATTERN, 'i')).not.toThrow();
    expect(compileSkuPattern(null).flags).toContain('i');
  });
});

describe('findSku with a seller pattern', () => {
  it('returns the named group "sku" when there is one', () => {
    expect(findSku('LOT 7 / ITEM 0042', compileSkuPattern(String.raw`ITEM\s+(?<sku>\d{4})`))).toBe('0042');
  });

  it('returns the first capture group otherwise', () => {
    expect(findSku('bin 12 code JX0042', compileSkuPattern(String.raw`code\s+(JX\d+)`))).toBe('JX0042');
  });

  it('returns the whole match without a "SKU" prefix when the pattern has no group', () => {
    expect(findSku('SKU: JX0042', compileSkuPattern(String.raw`SKU:\s*JX\d+`))).toBe('JX0042');
  });

  it('gives the same answer on every call, even for a global pattern', () => {
    const global = new RegExp(String.raw`JX\d+`, 'g');
    expect(findSku('JX0042', global)).toBe('JX0042');
    expect(findSku('JX0042', global)).toBe('JX0042');
  });

  it('throws on an invalid seller pattern', () => {
    expect(() => compileSkuPattern('([unclosed')).toThrow(SyntaxError);
  });
});
