import { describe, expect, it } from 'vitest';
import { findMainMaterial, parseComposition } from '../../../../src/domain/tags/material-parser.ts';

/** A composition written the way a description would show it: "Shell: 98% Cotton, 2% Spandex". */
function describeComposition(text: string): string[] {
  return parseComposition(text).map(
    (section) =>
      `${section.label ?? 'Main'}: ${section.fibres.map((fibre) => `${fibre.percent}% ${fibre.material}`).join(', ')}`,
  );
}

describe('parseComposition', () => {
  it.each([
    ['100% COTTON', ['Main: 100% Cotton']],
    ['100% POUESTERE | POLYESTER / POLIESTER', ['Main: 100% Polyester']],
    ['98% COTTON 2% ELASTANE', ['Main: 98% Cotton, 2% Spandex']],
    ['COTTON 98% ELASTANE 2%', ['Main: 98% Cotton, 2% Spandex']],
    ['60% Cotton 40% Polyester', ['Main: 60% Cotton, 40% Polyester']],
    ['83% VISCOSE 17% POLYAMIDE', ['Main: 83% Viscose, 17% Nylon']],
    ['95% RAYON 5% SPANDEX', ['Main: 95% Rayon, 5% Spandex']],
    ['95% MODAL 5% ELASTANE', ['Main: 95% Modal, 5% Spandex']],
    ['100% TENCEL LYOCELL', ['Main: 100% Lyocell']],
    ['70% WOOL 30% NYLON', ['Main: 70% Wool, 30% Nylon']],
    ['80% MERINO WOOL 20% NYLON', ['Main: 80% Merino Wool, 20% Nylon']],
    ['100% LAMBSWOOL', ['Main: 100% Lambswool']],
    ['100% CASHMERE', ['Main: 100% Cashmere']],
    ['100% SILK', ['Main: 100% Silk']],
    ['55% LINEN 45% COTTON', ['Main: 55% Linen, 45% Cotton']],
    ['100% ACRYLIC', ['Main: 100% Acrylic']],
    ['50% ALPACA 50% ACRYLIC', ['Main: 50% Alpaca, 50% Acrylic']],
    ['100% GENUINE LEATHER', ['Main: 100% Leather']],
    ['52% HEMP 48% ORGANIC COTTON', ['Main: 52% Hemp, 48% Cotton']],
    ['2.5% ELASTANE 97.5% COTTON', ['Main: 2.5% Spandex, 97.5% Cotton']],
  ])('reads %j', (text, expected) => {
    expect(describeComposition(text)).toEqual(expected);
  });

  it.each([
    ['100% COTON', 'Cotton'],
    ['100% ALGODÓN', 'Cotton'],
    ['ALGODÓN 100%', 'Cotton'],
    ['100% BAUMWOLLE', 'Cotton'],
    ['100% COTONE', 'Cotton'],
    ['100% KATOEN', 'Cotton'],
    ['100% POLIÉSTER', 'Polyester'],
    ['100% POLIAMIDA', 'Nylon'],
    ['100% ÉLASTHANNE', 'Spandex'],
    ['100% VISKOSE', 'Viscose'],
    ['100% LAINE', 'Wool'],
    ['100% SCHURWOLLE', 'Wool'],
    ['100% LANA', 'Wool'],
    ['100% SOIE', 'Silk'],
    ['100% SEDA', 'Silk'],
    ['100% SEIDE', 'Silk'],
    ['100% LIN', 'Linen'],
    ['100% LEINEN', 'Linen'],
    ['100% CACHEMIRE', 'Cashmere'],
    ['100% KASCHMIR', 'Cashmere'],
    ['100% ACRYLIQUE', 'Acrylic'],
    ['100% CUIR', 'Leather'],
    ['100% PIEL', 'Leather'],
  ])('maps the foreign name in %j to %s', (text, material) => {
    expect(findMainMaterial(text)?.material).toBe(material);
  });

  it('reads one list from a label that repeats it in several languages', () => {
    expect(describeComposition('83% VISCOSE 17% POLYAMIDE\n83% VISCOSA 17% POLIAMIDA\n83% VISKOSE 17% POLYAMID')).toEqual([
      'Main: 83% Viscose, 17% Nylon',
    ]);
    expect(describeComposition('100% COTTON / COTON / ALGODÓN / BAUMWOLLE')).toEqual(['Main: 100% Cotton']);
  });

  it.each([
    ['SHELL: 100% NYLON LINING: 100% POLYESTER', ['Shell: 100% Nylon', 'Lining: 100% Polyester']],
    ['SHELL / 100% POLYESTER, LINING / 100% POLYESTER', ['Shell: 100% Polyester', 'Lining: 100% Polyester']],
    ['SHELL\n100% POLYESTER\nFILL\n90% DUCK DOWN 10% FEATHERS', ['Shell: 100% Polyester', 'Filling: 90% Down, 10% Feather']],
    ['BODY: 95% COTTON 5% SPANDEX RIB: 100% COTTON', ['Shell: 95% Cotton, 5% Spandex', 'Rib: 100% Cotton']],
    ['FABRIC: 100% COTTON', ['Shell: 100% Cotton']],
    ['OUTER SHELL: 100% NYLON\nPOCKET LINING: 100% COTTON', ['Shell: 100% Nylon', 'Pocketing: 100% Cotton']],
    ['SELF: 100% POLYESTER CONTRAST: 100% COTTON', ['Shell: 100% Polyester', 'Trim: 100% Cotton']],
    ['DESSUS: 100% POLYESTER DOUBLURE: 100% VISCOSE', ['Shell: 100% Polyester', 'Lining: 100% Viscose']],
    ['SHELL: COTTON 100% LINING: POLYESTER 100%', ['Shell: 100% Cotton', 'Lining: 100% Polyester']],
  ])('keeps sections apart in %j', (text, expected) => {
    expect(describeComposition(text)).toEqual(expected);
  });

  it.each([
    ['1OO% C0TTON', 'Main: 100% Cotton'],
    ['l00% POLYESTER', 'Main: 100% Polyester'],
    ['98 % COTTON, 2 % ELASTANE', 'Main: 98% Cotton, 2% Spandex'],
    ['100%COTTON', 'Main: 100% Cotton'],
    ['83%VISCOSE17%POLYAMIDE', 'Main: 83% Viscose, 17% Nylon'],
    ['100% VlSCOSE', 'Main: 100% Viscose'],
    ['100% P0LYESTER.', 'Main: 100% Polyester'],
    ['* 100% COTTON *', 'Main: 100% Cotton'],
  ])('reads the OCR-noisy %j', (text, expected) => {
    expect(describeComposition(text)).toEqual([expected]);
  });

  it('keeps the line each fibre was read from', () => {
    const [section] = parseComposition('MADE IN CHINA\n60% COTTON 40% POLYESTER\nMACHINE WASH COLD');
    expect(section?.fibres.map((fibre) => fibre.text)).toEqual(['60% COTTON 40% POLYESTER', '60% COTTON 40% POLYESTER']);
  });

  it.each([
    ['100%', 'a percentage alone'],
    ['100% SATISFACTION GUARANTEED', 'a percentage of something else'],
    ['50% OFF', 'a discount'],
    ['COTTON', 'a fibre without a share'],
    ['POLYESTER LINING', 'a fibre without a share'],
    ['110% COTTON', 'more than the whole'],
    ['0% COTTON', 'none of it'],
    ['MACHINE WASH COLD', 'a care line'],
    ['', 'nothing'],
  ])('reads no composition from %j (%s)', (text) => {
    expect(parseComposition(text)).toEqual([]);
  });
});

describe('findMainMaterial', () => {
  it.each([
    ['98% COTTON 2% ELASTANE', 'Cotton', 98],
    ['COTTON 98% ELASTANE 2%', 'Cotton', 98],
    ['35% COTTON 65% POLYESTER', 'Polyester', 65],
    ['SHELL: 100% NYLON LINING: 100% POLYESTER', 'Nylon', 100],
    ['LINING: 100% POLYESTER\nSHELL: 80% WOOL 20% NYLON', 'Wool', 80],
    ['SHELL: 100% NYLON FILL: 90% DUCK DOWN 10% FEATHERS', 'Nylon', 100],
    ['50% ACRYLIC 50% WOOL', 'Acrylic', 50],
    ['95% COTTON 5% OTHER FIBERS', 'Cotton', 95],
  ])('takes the largest share of the shell in %j: %s', (text, material, percent) => {
    expect(findMainMaterial(text)).toMatchObject({ material, percent });
  });

  it('is sure when the shares add up to 100, less so when part of the list was lost', () => {
    expect(findMainMaterial('98% COTTON 2% ELASTANE')?.confidence).toBe(0.9);
    expect(findMainMaterial('98% COTTON 2% EL4STANE')?.confidence).toBe(0.7);
  });

  it.each([
    ['LINING: 100% POLYESTER', 'only a lining'],
    ['POCKETING: 100% COTTON', 'only pocketing'],
    ['100% OTHER FIBERS', 'only unnamed fibres'],
    ['100%', 'no fibre at all'],
  ])('names no main material for %j (%s)', (text) => {
    expect(findMainMaterial(text)).toBeNull();
  });
});
