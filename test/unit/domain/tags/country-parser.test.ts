import { describe, expect, it } from 'vitest';
import { findCountriesOfOrigin } from '../../../../src/domain/tags/country-parser.ts';

const countriesIn = (text: string): string[] => findCountriesOfOrigin(text).map((finding) => finding.country);

describe('findCountriesOfOrigin', () => {
  it.each([
    ['MADE IN CHINA', 'China'],
    ['MACE iN CHINA', 'China'],
    ['Made in China', 'China'],
    ['Made in Viet Nam', 'Vietnam'],
    ['MADE IN VIETNAM', 'Vietnam'],
    ['MADE IN BANGLADESH', 'Bangladesh'],
    ['MADE IN INDIA', 'India'],
    ['MADE IN INDONESIA', 'Indonesia'],
    ['MADE IN CAMBODIA', 'Cambodia'],
    ['MADE IN SRI LANKA', 'Sri Lanka'],
    ['MADE IN U.S.A.', 'United States'],
    ['Made in USA of imported fabric', 'United States'],
    ['MADE IN THE USA', 'United States'],
    ['Made in the United States of America', 'United States'],
    ['MADE IN ITALY', 'Italy'],
    ['MADE IN MEXICO', 'Mexico'],
    ['MADE IN GUATEMALA', 'Guatemala'],
    ['MADE IN EL SALVADOR', 'El Salvador'],
    ['MADE IN HONG KONG', 'Hong Kong'],
    ['MADE IN KOREA', 'Korea, Republic of'],
    ['MADE IN PORTUGAL', 'Portugal'],
    ['MADE IN TURKEY', 'Turkey'],
    ['MADE IN JORDAN', 'Jordan'],
    ['MADE IN ENGLAND', 'United Kingdom'],
    ['MADE IN SCOTLAND', 'United Kingdom'],
    ['MADE IN SAIPAN (USA)', 'Northern Mariana Islands'],
    ['MADE IN P.R.C.', 'China'],
    ["MADE IN THE PEOPLE'S REPUBLIC OF CHINA", 'China'],
    ['Product of Canada', 'Canada'],
    ['Assembled in Mexico', 'Mexico'],
    ['FABRIQUÉ AU CANADA', 'Canada'],
    ['FABRIQUÉ EN CHINE', 'China'],
    ['FABRIQUE EN INDE', 'India'],
    ['HECHO EN MÉXICO', 'Mexico'],
    ['HECHO EN CHINA', 'China'],
    ['FABRICADO EN ESPAÑA', 'Spain'],
    ['FATTO IN ITALIA', 'Italy'],
    ['HERGESTELLT IN DEUTSCHLAND', 'Germany'],
    ['FEITO NO BRASIL', 'Brazil'],
  ])('reads %j as %s', (text, country) => {
    expect(countriesIn(text)).toEqual([country]);
  });

  it.each([
    ['MADE lN CHINA', 'China'],
    ['MADE IN CHlNA', 'China'],
    ['MADE 1N INDIA', 'India'],
    ['MADEINBANGLADESH', 'Bangladesh'],
    ['MADE IN: VIETNAM.', 'Vietnam'],
    ['MADE IN\nVIETNAM', 'Vietnam'],
    ['MADE IN IND0NESIA', 'Indonesia'],
  ])('reads the OCR-noisy %j as %s', (text, country) => {
    expect(countriesIn(text)).toEqual([country]);
  });

  it('reads a multilingual label as one country, once per line it appears on', () => {
    const findings = findCountriesOfOrigin('MADE IN CHINA\nFABRIQUÉ EN CHINE\nHECHO EN CHINA');
    expect(new Set(findings.map((finding) => finding.country))).toEqual(new Set(['China']));
    expect(findings.map((finding) => finding.text)).toEqual(['MADE IN CHINA', 'FABRIQUÉ EN CHINE', 'HECHO EN CHINA']);
  });

  it('keeps two different countries when a label names both', () => {
    expect(countriesIn('SHELL MADE IN CHINA\nASSEMBLED IN VIETNAM')).toEqual(['China', 'Vietnam']);
  });

  it('quotes the line it read, across a line break', () => {
    expect(findCountriesOfOrigin('NeroGiardini\nMADE IN\nITALY')).toEqual([{ country: 'Italy', text: 'MADE IN / ITALY' }]);
  });

  it.each([
    ['CHINA', 'a country without "made in"'],
    ['Designed in California', 'a design studio'],
    ['MADE IN HEAVEN', 'not a country'],
    ['Made with love', 'no place at all'],
    ['MADE INDIANA JONES', 'a country inside a longer word'],
    ['', 'nothing'],
  ])('reads no country from %j (%s)', (text) => {
    expect(findCountriesOfOrigin(text)).toEqual([]);
  });
});
