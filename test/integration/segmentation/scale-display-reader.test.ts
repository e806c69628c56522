import { readdir, readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SevenSegmentScaleReader } from '../../../src/adapters/pixels/seven-segment-scale-reader.ts';
import { drawDeskSvg, drawScaleSvg, layInPerspective, Random } from '../../../scripts/lib/camera-roll-drawing.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';

/** The readings in ../shared/data/photos/scale-displays/README.md, read by eye. */
const READINGS: Record<string, string> = {
  '3': '20.21',
  '15': '14.33',
  '6': '14.13',
  '10': '19.87',
  '12': '3.93',
  '14': '11.14',
  '17': '15.53',
};

interface DisplayPhoto {
  prefix: string;
  image: Buffer;
  /** The display's box from the photo's YOLO label, in its pixels. */
  region: { left: number; top: number; width: number; height: number };
}

async function loadDisplayPhotos(): Promise<DisplayPhoto[]> {
  const dir = sharedPath('photos', 'scale-displays');
  const photos: DisplayPhoto[] = [];
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.jpg')).sort()) {
    const image = await readFile(`${dir}/${file}`);
    const { width = 0, height = 0 } = await sharp(image).metadata();
    const box = (await readFile(`${dir}/${file.replace(/\.jpg$/, '.yolo.txt')}`, 'utf8')).trim().split(/\s+/).map(Number);
    const [, cx = 0, cy = 0, w = 0, h = 0] = box;
    photos.push({
      prefix: file.split('_')[0] ?? file,
      image,
      region: { left: Math.round((cx - w / 2) * width), top: Math.round((cy - h / 2) * height), width: Math.round(w * width), height: Math.round(h * height) },
    });
  }
  return photos;
}

describe('SevenSegmentScaleReader', () => {
  const reader = new SevenSegmentScaleReader();

  it('reads a drawn LCD scale photographed at an angle', async () => {
    const random = new Random(3);
    const scale = await sharp(Buffer.from(drawScaleSvg('3.93', 'lb'))).png().toBuffer();
    const photo = await layInPerspective(drawDeskSvg(900, 1200, '#8c6d4c', random), { width: 900, height: 1200 }, scale, random, {
      skew: 0.04,
      maxTurnDegrees: 6,
      scale: 0.9,
    });
    expect((await reader.read(await sharp(photo).jpeg().toBuffer()))?.digits).toBe('3.93');
  });

  it('reads the same display turned a quarter, and upside down', async () => {
    const scale = await sharp(Buffer.from(drawScaleSvg('14.33', 'lb'))).flatten({ background: '#777777' }).png().toBuffer();
    for (const angle of [90, 180, 270]) {
      const turned = await sharp(scale).rotate(angle).jpeg().toBuffer();
      expect((await reader.read(turned))?.digits, `turned ${angle}°`).toBe('14.33');
    }
  });

  it('reads nothing in a photo without a display', async () => {
    const desk = await sharp(Buffer.from(drawDeskSvg(900, 700, '#6b4a32', new Random(5)))).jpeg().toBuffer();
    expect(await reader.read(desk)).toBeNull();
  });

  describe.skipIf(!hasSharedData())('on real photos of hanging scales (../shared/data/photos/scale-displays)', () => {
    it('reads every display exactly when told where it is', async () => {
      const photos = await loadDisplayPhotos();
      expect(photos).toHaveLength(7);
      for (const photo of photos) {
        expect((await reader.read(photo.image, { region: photo.region }))?.digits, photo.prefix).toBe(READINGS[photo.prefix]);
      }
    }, 60_000);

    it('finds and reads at least six of the seven displays on its own, and never reads a wrong number', async () => {
      const read: string[] = [];
      for (const photo of await loadDisplayPhotos()) {
        const reading = await reader.read(photo.image);
        if (reading === null) continue;
        expect(reading.digits, photo.prefix).toBe(READINGS[photo.prefix]);
        read.push(photo.prefix);
      }
      expect(read.length).toBeGreaterThanOrEqual(6);
    }, 60_000);

    it('reads no display in garment photos', async () => {
      const dir = sharedPath('photos', 'garments');
      for (const file of (await readdir(dir)).filter((name) => name.endsWith('.jpg')).slice(0, 12)) {
        expect(await reader.read(await readFile(`${dir}/${file}`)), file).toBeNull();
      }
    }, 60_000);
  });
});
