import { describe, expect, it } from 'vitest';
import { findBrandByRn, findBrands } from '../../../../src/domain/tags/brand-parser.ts';
import { BRANDS } from '../../../../src/domain/tags/brands.ts';

const brandsIn = (text: string): string[] => findBrands(text).map((finding) => finding.brand);

describe('findBrands', () => {
  it.each([
    ["LEVI'S", "Levi's"],
    ['LEVIS', "Levi's"],
    ['Levi Strauss & Co.', "Levi's"],
    ['LEVI’S', "Levi's"],
    ['the north face', 'The North Face'],
    ['THE NORTH FACE®', 'The North Face'],
    ['POLO RALPH LAUREN', 'Polo Ralph Lauren'],
    ['Polo by Ralph Lauren', 'Polo Ralph Lauren'],
    ['LAUREN RALPH LAUREN', 'Lauren Ralph Lauren'],
    ['RALPH LAUREN', 'Ralph Lauren'],
    ['J.CREW', 'J.Crew'],
    ['L.L.Bean', 'L.L. Bean'],
    ['LLBEAN', 'L.L. Bean'],
    ['H&M', 'H&M'],
    ['Abercrombie & Fitch', 'Abercrombie & Fitch'],
    ['ABERCROMBIE AND FITCH', 'Abercrombie & Fitch'],
    ['Under Armor', 'Under Armour'],
    ['patagonia', 'Patagonia'],
    ['Carhartt', 'Carhartt'],
    ['Eddie Bauer', 'Eddie Bauer'],
    ['CALVIN KLEIN JEANS', 'Calvin Klein'],
    ['TOMMY HILFIGER', 'Tommy Hilfiger'],
    ['OLD NAVY', 'Old Navy'],
    ['Banana Republic', 'Banana Republic'],
    ['Free People', 'Free People'],
    ['lululemon athletica', 'Lululemon Athletica'],
    ['Gildan Heavy Cotton', 'Gildan'],
    ['Fruit of the Loom', 'Fruit of the Loom'],
    ['NeroGiardini', 'Nero Giardini'],
    ['7 For All Mankind', '7 For All Mankind'],
    ['MICHAEL Michael Kors', 'MICHAEL Michael Kors'],
    ['adidas', 'adidas'],
    ['NIKE', 'Nike'],
    ['Columbia Sportswear Company', 'Columbia'],
    ['American Eagle Outfitters', 'American Eagle Outfitters'],
    ['Chico’s', "Chico's"],
    ['Wrangler', 'Wrangler'],
    ['Pendleton Woolen Mills', 'Pendleton'],
    ['Vineyard Vines', 'Vineyard Vines'],
    ['Brooks Brothers', 'Brooks Brothers'],
    ['Kate Spade New York', 'Kate Spade'],
    ['BURBERRYS', 'Burberry'],
    ['True Religion Brand Jeans', 'True Religion'],
    ['Lucky Brand', 'Lucky Brand'],
    ['St. John’s Bay', "St. John's Bay"],
    ['Fjällräven', 'Fjällräven'],
    ['Hermès', 'HERMÈS'],
  ])('reads %j as %s', (text, brand) => {
    expect(brandsIn(text)).toEqual([brand]);
  });

  it('reads a brand inside a line, with less confidence than a brand on its own line', () => {
    const [inLine] = findBrands('©Marks and Spencer plc PO Box 3339 Chester CH99 9QS');
    const [alone] = findBrands('Marks & Spencer');
    expect(inLine).toMatchObject({ brand: 'Marks & Spencer', text: '©Marks and Spencer plc PO Box 3339 Chester CH99 9QS' });
    expect(inLine!.confidence).toBeLessThan(alone!.confidence);
  });

  it('counts legal words around a brand as part of its label', () => {
    expect(findBrands('Patagonia, Inc.')).toMatchObject([{ brand: 'Patagonia', confidence: 0.9 }]);
  });

  it('takes a brand that is also a common word only weakly inside a sentence', () => {
    const [alone] = findBrands('GAP');
    const [inSentence] = findBrands('mind the gap between');
    expect(alone).toMatchObject({ brand: 'Gap', confidence: 0.85 });
    expect(inSentence).toMatchObject({ brand: 'Gap', confidence: 0.45 });
  });

  it.each([
    ['AG', 'AG Adriano Goldschmied'],
    ['JORDAN', 'Jordan'],
    ['ONLY', 'ONLY'],
    ['CK', 'Calvin Klein'],
  ])('reads the short or everyday name %j only when it stands alone', (text, brand) => {
    expect(findBrands(text)).toMatchObject([{ brand, confidence: 0.6 }]);
    expect(findBrands(`Something ${text} else`)).toEqual([]);
  });

  it.each([
    ['DRY CLEAN ONLY', 'a care instruction'],
    ['MADE IN JORDAN', 'a country of origin'],
    ['MADE IN\nJORDAN', 'a country of origin broken over two lines'],
    ['DRY CLEAN\nONLY', 'a care instruction broken over two lines'],
    ['CHECK SIZE', 'letters inside a word'],
    ['GUESSING', 'a brand inside a longer word'],
    ['100% COTTON', 'a fibre line'],
    ['The Gap, Inc. RN 54023', 'a company name with an RN (only a weak mention)'],
  ])('does not read a confident brand from %j (%s)', (text) => {
    expect(findBrands(text).every((finding) => finding.confidence < 0.5)).toBe(true);
  });

  it('reads several brands on several lines, each with its line', () => {
    expect(findBrands('Nike\nMADE IN VIETNAM\nCarhartt WIP')).toEqual([
      { brand: 'Nike', confidence: 0.9, text: 'Nike' },
      { brand: 'Carhartt WIP', confidence: 0.9, text: 'Carhartt WIP' },
    ]);
  });
});

describe('findBrandByRn', () => {
  it.each([
    ['51884', 'Patagonia'],
    ['56323', 'Nike'],
  ])('knows RN %s belongs to %s', (rn, brand) => {
    expect(findBrandByRn(rn)).toBe(brand);
  });

  it('knows nothing of an RN number it was not given', () => {
    expect(findBrandByRn('99999')).toBeNull();
  });
});

describe('the bundled brand list', () => {
  it('holds the brands resellers meet most, at least 250 of them', () => {
    expect(BRANDS.length).toBeGreaterThanOrEqual(250);
    expect(new Set(BRANDS.map((entry) => entry.name)).size).toBe(BRANDS.length);
  });

  it.each(BRANDS.map((entry) => [entry.name, entry] as const))('reads every spelling of %s as that brand', (_name, entry) => {
    for (const spelling of [entry.name, ...(entry.aliases ?? []), ...(entry.weakAliases ?? [])]) {
      expect(brandsIn(spelling), spelling).toEqual([entry.name]);
    }
  });

  it('lists RN numbers only as 5 or 6 digits', () => {
    for (const rn of BRANDS.flatMap((entry) => entry.rnNumbers ?? [])) expect(rn).toMatch(/^\d{5,6}$/);
  });
});
