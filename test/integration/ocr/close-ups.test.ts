import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TesseractTextRecognizer } from '../../../src/adapters/ocr/tesseract-text-recognizer.ts';
import { SharpImageSampler } from '../../../src/adapters/pixels/sharp-image-sampler.ts';
import { readLabelText } from '../../../src/domain/segmentation/label-text.ts';
import { compileSkuPattern } from '../../../src/domain/segmentation/sku-pattern.ts';
import { findSizes } from '../../../src/domain/tags/size-parser.ts';
import { findTagRegionsToReread } from '../../../src/domain/tags/tag-region.ts';
import {
  drawDeskSvg,
  drawFabricSvg,
  drawLabelSvg,
  drawTag,
  layInPerspective,
  layOnBackground,
  photographQuickly,
  Random,
  sansFont,
} from '../../../scripts/lib/camera-roll-drawing.ts';

/** A woven tag with a big lone size letter, on a fabric, photographed; as the pipeline's 1024 px AI rendition. */
async function photographTag(size: string): Promise<Buffer> {
  const random = new Random(11);
  const tag = await drawTag(
    {
      brand: 'Nike',
      size,
      material: '100% COTTON',
      countryOfOrigin: 'MADE IN VIETNAM',
      style: { background: '#f4f1ea', ink: '#1e1e1e', brandInk: '#1e1e1e', brandFont: sansFont, stitch: '#8a8172' },
    },
    random,
  );
  const scene = await layOnBackground(drawFabricSvg(1200, 1600, '#4a6a8a', random), { width: 1200, height: 1600 }, tag, random, 4);
  return (await photographQuickly(scene, random, 3, 0.6)).resize(1024, 1024, { fit: 'inside' }).jpeg({ quality: 85 }).toBuffer();
}

describe('reading close-ups of labels and tags', () => {
  let recognizer: TesseractTextRecognizer;
  const sampler = new SharpImageSampler();

  beforeAll(() => {
    recognizer = new TesseractTextRecognizer({ workers: 2 });
  });

  afterAll(async () => {
    await recognizer.close();
  });

  it('gives every line it reads its position in the picture', async () => {
    const photo = await photographTag('M');
    const read = await recognizer.recognize(photo);
    const material = read.lines.find((line) => line.text.includes('COTTON'));
    expect(material?.region).toBeDefined();
    const { width = 0, height = 0 } = await sharp(photo).metadata();
    expect(material!.region!.left + material!.region!.width).toBeLessThanOrEqual(width);
    expect(material!.region!.top + material!.region!.height).toBeLessThanOrEqual(height);
  });

  it('reads a lone size letter on a tag from a close-up of the gap between its lines, read as a block', async () => {
    const photo = await photographTag('M');
    const whole = await recognizer.recognize(photo);
    expect(whole.text).toContain('COTTON');
    const regions = findTagRegionsToReread(whole, findSizes(whole.text).length > 0);
    const sizes: string[] = [];
    for (const region of regions) {
      const closeUp = await sampler.crop(photo, region, { longestSide: Math.max(region.width, region.height) });
      sizes.push(...findSizes((await recognizer.recognize(closeUp, { layout: 'block' })).text).map((found) => found.size));
    }
    expect(sizes).toContain('M');
  });

  it('reads a label turned too far for a whole-photo read from the panel turned level', async () => {
    const random = new Random(4);
    const label = drawLabelSvg({ skuText: 'SKU 10277', barcode: null, weightText: '567 g', hand: 'printed' }, random);
    const png = await sharp(Buffer.from(label.svg)).png().toBuffer();
    const scene = await layInPerspective(drawDeskSvg(1200, 900, '#6b4a32', random), { width: 1200, height: 900 }, png, random, {
      skew: 0.03,
      maxTurnDegrees: 9,
      scale: 0.72,
    });
    const photo = await (await photographQuickly(scene, random, 4, 0.7)).resize(1024, 1024, { fit: 'inside' }).jpeg().toBuffer();
    const panels = await sampler.findPanels(photo);
    expect(panels.length).toBeGreaterThan(0);
    const [panel] = panels;
    expect(Math.abs(panel!.angle)).toBeGreaterThan(2);
    const level = await sampler.crop(photo, panel!.region, { longestSide: 1200, levelAngle: panel!.angle });
    const text = (await recognizer.recognize(level)).text;
    const read = readLabelText(text, compileSkuPattern(null), { sellerPattern: false });
    expect(read).toMatchObject({ kind: 'sku', sku: '10277' });
  });
});
