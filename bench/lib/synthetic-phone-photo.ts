import sharp from 'sharp';
import { createSeededRandom } from '../../test/support/seeded-random.ts';

export interface PhonePhotoOptions {
  /** Varies the scene: photos of one seed are identical. */
  seed: number;
  /** Stored (sensor) size; the default is a 12 MP phone's 4032×3024. */
  width?: number;
  height?: number;
  /** Sensor noise amplitude in grey levels: more noise, more bytes (±10 gives ~3 MB at quality 92). */
  noise?: number;
  quality?: number;
}

/**
 * A phone-like JPEG made by code: a scene of shapes and label text drawn at a quarter of the
 * size and enlarged (soft detail, as a lens gives), sensor-like noise, a Display P3 profile,
 * EXIF orientation 6 (held upright: stored landscape, shown portrait) and a capture time.
 * What costs time when ingesting a real phone photo (bytes to entropy-decode, a wide-gamut
 * profile, a rotation) is all here.
 */
export async function renderPhonePhoto(options: PhonePhotoOptions): Promise<Buffer> {
  const width = options.width ?? 4032;
  const height = options.height ?? 3024;
  const random = createSeededRandom(options.seed);
  const small = { width: Math.round(width / 4), height: Math.round(height / 4) };
  const pixels = await sharp(Buffer.from(drawScene(small.width, small.height, random)))
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .removeAlpha()
    .raw()
    .toBuffer();
  addNoise(pixels, options.noise ?? 10, random);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'BenchPhone', Model: 'Twelve' }, IFD2: { DateTimeOriginal: '2024:03:04 10:11:12' } })
    .withIccProfile('p3')
    .jpeg({ quality: options.quality ?? 92 })
    .toBuffer();
}

function drawScene(width: number, height: number, random: () => number): string {
  const colour = (): string => `rgb(${Math.floor(random() * 256)},${Math.floor(random() * 256)},${Math.floor(random() * 256)})`;
  let shapes = '';
  for (let i = 0; i < 24; i += 1) {
    const x = random() * width;
    const y = random() * height;
    const size = (0.05 + random() * 0.3) * Math.min(width, height);
    shapes +=
      i % 2 === 0
        ? `<rect x="${x}" y="${y}" width="${size}" height="${size * 0.7}" fill="${colour()}" transform="rotate(${random() * 40 - 20} ${x} ${y})"/>`
        : `<ellipse cx="${x}" cy="${y}" rx="${size / 2}" ry="${size / 3}" fill="${colour()}"/>`;
  }
  const label =
    `<rect x="${width * 0.3}" y="${height * 0.35}" width="${width * 0.4}" height="${height * 0.3}" fill="white" stroke="black"/>` +
    `<text x="${width * 0.33}" y="${height * 0.47}" font-size="${height / 14}" fill="black">SKU B-${Math.floor(random() * 9000 + 1000)}</text>` +
    `<text x="${width * 0.33}" y="${height * 0.58}" font-size="${height / 22}" fill="black">100% COTTON  MADE IN USA</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="${colour()}"/>${shapes}${label}</svg>`
  );
}

function addNoise(pixels: Buffer, amplitude: number, random: () => number): void {
  const span = amplitude * 2 + 1;
  for (let i = 0; i < pixels.length; i += 1) {
    const value = pixels[i]! + Math.floor(random() * span) - amplitude;
    pixels[i] = value < 0 ? 0 : value > 255 ? 255 : value;
  }
}


/**
 * The same photo with a JPEG comment (COM segment) after the start marker: different bytes, so
 * a different sha256 and a distinct upload, with identical pixels and decoding cost.
 */
export function stampJpeg(jpeg: Buffer, text: string): Buffer[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('Not a JPEG');
  const comment = Buffer.from(text, 'utf8');
  const segment = Buffer.alloc(4);
  segment[0] = 0xff;
  segment[1] = 0xfe;
  segment.writeUInt16BE(comment.length + 2, 2);
  // Pieces, not one buffer: a caller streaming hundreds of copies shares the template's memory.
  return [jpeg.subarray(0, 2), segment, comment, jpeg.subarray(2)];
}

/**
 * Upload parts that are all the template photo, each stamped with its number (so each is a
 * distinct photo to the server), made when the uploader reaches them: a gigabyte of photos
 * costs the uploader only the template in memory.
 */
export function createStampedPhotoParts(
  template: Buffer,
  options: { count: number; namePrefix?: string },
): Array<{ fileName: string; pieces(): Buffer[] }> {
  return Array.from({ length: options.count }, (_, index) => ({
    fileName: `${options.namePrefix ?? 'IMG_'}${String(index + 1).padStart(4, '0')}.jpg`,
    pieces: () => stampJpeg(template, `photo ${index + 1}`),
  }));
}
