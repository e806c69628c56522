import { describe, expect, it } from 'vitest';
import { claimGarmentColours } from '../../../../src/domain/colour/colour-claims.ts';
import { findGarmentColours, type RgbPixels } from '../../../../src/domain/colour/garment-colours.ts';

type Rgb = readonly [number, number, number];

/**
 * A flat-lay photo in numbers: `background` everywhere, a garment of `garment` (or several colours in
 * vertical stripes) filling the middle `share` of each side, with a little noise.
 */
function flatLay(background: Rgb, garment: Rgb | readonly Rgb[], share = 0.6, size = 80): RgbPixels {
  const data = new Uint8Array(size * size * 3);
  const stripes = Array.isArray(garment[0]) ? (garment as readonly Rgb[]) : [garment as Rgb];
  const from = Math.round((size * (1 - share)) / 2);
  const to = size - from;
  let seed = 7;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5) * 10;
  };
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const inside = x >= from && x < to && y >= from && y < to;
      const colour = inside ? (stripes[Math.floor(((x - from) / (to - from)) * stripes.length)] ?? stripes[0]!) : background;
      for (let channel = 0; channel < 3; channel += 1) {
        data[(y * size + x) * 3 + channel] = Math.max(0, Math.min(255, Math.round(colour[channel]! + noise())));
      }
    }
  }
  return { data, width: size, height: size, channels: 3 };
}

const OAK_FLOOR: Rgb = [176, 132, 88];
const WHITE_SHEET: Rgb = [236, 234, 230];

describe('findGarmentColours', () => {
  it('names the garment, not the floor it lies on', () => {
    const colours = findGarmentColours(flatLay(OAK_FLOOR, [30, 50, 110]));
    expect(colours[0]?.name).toBe('Blue');
    expect(colours.map((colour) => colour.name)).not.toContain('Brown');
    expect(colours.map((colour) => colour.name)).not.toContain('Beige');
  });

  it('sees a white shirt on a dark bed, and a black one on a white sheet', () => {
    expect(findGarmentColours(flatLay([60, 30, 40], [235, 235, 235]))[0]?.name).toBe('White');
    expect(findGarmentColours(flatLay(WHITE_SHEET, [20, 20, 22]))[0]?.name).toBe('Black');
  });

  it('keeps everything when the garment fills the frame', () => {
    const closeUp = flatLay([200, 40, 60], [200, 40, 60], 1);
    expect(findGarmentColours(closeUp)[0]).toMatchObject({ name: 'Red', share: 1 });
  });

  it('gives each colour of a two-colour garment its share', () => {
    const colours = findGarmentColours(flatLay(WHITE_SHEET, [[200, 30, 40], [30, 60, 150]]));
    const names = colours.map((colour) => colour.name);
    expect(names).toEqual(expect.arrayContaining(['Red', 'Blue']));
    for (const colour of colours.filter((entry) => entry.name === 'Red' || entry.name === 'Blue')) {
      expect(colour.share).toBeGreaterThan(0.3);
    }
  });

  it('gives the same answer for the same picture', () => {
    const photo = flatLay(OAK_FLOOR, [120, 30, 40]);
    expect(findGarmentColours(photo)).toEqual(findGarmentColours(photo));
  });
});

describe('claimGarmentColours', () => {
  it('claims the colour most photos show, with each photo and measured colour as evidence', () => {
    const claims = claimGarmentColours([
      { photoId: 'p1', colours: [{ name: 'Blue', share: 0.9, hex: '#223366' }, { name: 'White', share: 0.1, hex: '#eeeeee' }] },
      { photoId: 'p2', colours: [{ name: 'Blue', share: 0.8, hex: '#253a6a' }, { name: 'Gray', share: 0.2, hex: '#777777' }] },
    ]);
    expect(claims[0]).toMatchObject({ value: 'Blue', confidence: 0.77 });
    expect(claims[0]?.evidence).toEqual([
      { photoId: 'p1', source: 'pixels', text: '90% of the garment is close to #223366 (Blue)' },
      { photoId: 'p2', source: 'pixels', text: '80% of the garment is close to #253a6a (Blue)' },
    ]);
    expect(claims.map((claim) => claim.value)).toEqual(['Blue']);
  });

  it('adds Multicolor ahead of two strong hues and keeps both', () => {
    const claims = claimGarmentColours([
      { photoId: 'p1', colours: [{ name: 'Red', share: 0.5, hex: '#aa2222' }, { name: 'Blue', share: 0.45, hex: '#2233aa' }] },
    ]);
    expect(claims.map((claim) => claim.value)).toEqual(['Multicolor', 'Red', 'Blue']);
  });

  it('does not call a garment multicoloured for black and white', () => {
    const claims = claimGarmentColours([
      { photoId: 'p1', colours: [{ name: 'Black', share: 0.5, hex: '#111111' }, { name: 'White', share: 0.5, hex: '#eeeeee' }] },
    ]);
    expect(claims.map((claim) => claim.value)).toEqual(['Black', 'White']);
  });

  it('claims nothing without measured photos', () => {
    expect(claimGarmentColours([])).toEqual([]);
    expect(claimGarmentColours([{ photoId: 'p1', colours: [] }])).toEqual([]);
  });
});
