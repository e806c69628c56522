import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharpImageProcessor } from '../../../src/adapters/images/sharp-image-processor.ts';
import { TesseractTextRecognizer } from '../../../src/adapters/ocr/tesseract-text-recognizer.ts';
import { extractTagAttributes } from '../../../src/domain/tags/extract-tag-attributes.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';

describe.skipIf(!hasSharedData())('what real care labels say, read offline (../shared/data/photos/care-labels)', () => {
  let recognizer: TesseractTextRecognizer;
  const processor = new SharpImageProcessor();

  beforeAll(() => {
    recognizer = new TesseractTextRecognizer({ workers: 2 });
  });

  afterAll(async () => {
    await recognizer.close();
  });

  /** The label's attributes from its AI rendition, as the pipeline reads it, turned `turn` degrees first. */
  async function readLabel(file: string, turn = 0) {
    const ai = (await processor.process(await readFile(sharedPath('photos', 'care-labels', file)))).derivatives.ai;
    const image = turn === 0 ? ai : await sharp(ai).rotate(turn).toBuffer();
    const { text } = await recognizer.recognize(image);
    const attributes = extractTagAttributes([{ photoId: file, text }]);
    const values = (name: keyof typeof attributes): string[] => (attributes[name] ?? []).map((claim) => claim.value);
    return Object.assign(values, { attributes });
  }

  it('reads fibre, origin and care instructions, each with its line as evidence', async () => {
    const values = await readLabel('athul_sample_image.jpg');
    expect(values('material')).toEqual(['Cotton']);
    expect(values('countryOfOrigin')).toEqual(['China']);
    expect(values('careInstructions')).toEqual(expect.arrayContaining(['Machine Wash Warm', 'Do Not Bleach', 'Line Dry']));
    expect(values.attributes.material?.[0]?.evidence).toEqual([
      { photoId: 'athul_sample_image.jpg', source: 'ocr', text: expect.stringContaining('COTTON') as string },
    ]);
  });

  it('reads a multilingual label photographed upside down once turned', async () => {
    const values = await readLabel('athul_valid_74_jpg.rf.c7ea5cdcbaf7faeb67a28b095e947198.jpg', 180);
    expect(values('countryOfOrigin')).toEqual(['Italy']);
    expect(values('brand')).toEqual(['Nero Giardini']);
  });
});
