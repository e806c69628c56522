import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SharpImageSampler } from '../../../src/adapters/pixels/sharp-image-sampler.ts';
import { findGarmentColours } from '../../../src/domain/colour/garment-colours.ts';
import { GARMENT_COLOURS_BY_EYE } from '../../support/camera-roll-generator.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';

describe.skipIf(!hasSharedData())('garment colours of real second-hand clothes photos (../shared/data/photos/garments)', () => {
  const sampler = new SharpImageSampler();

  it('names the colour a person sees for at least 20 of the 24 garments, on beds, floors and doors', async () => {
    const misses: string[] = [];
    for (const [file, accepted] of Object.entries(GARMENT_COLOURS_BY_EYE)) {
      const pixels = await sampler.readPixels(await readFile(sharedPath('photos', 'garments', file)), { maxSide: 96 });
      const top = findGarmentColours(pixels)[0]?.name ?? 'none';
      if (!accepted.includes(top)) misses.push(`${file}: ${top}, by eye ${accepted.join('/')}`);
    }
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(4);
  });
});
