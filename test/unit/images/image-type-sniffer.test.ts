import { describe, expect, it } from 'vitest';
import { sniffImageType } from '../../../src/adapters/images/image-type-sniffer.ts';
import { PermanentError } from '../../../src/contracts/errors.ts';
import { craftPngBomb, craftZip } from '../../support/bad-input-corpus.ts';

/** An ISO base media `ftyp` box with the given major brand, as HEIF and AVIF files start. */
function craftFtyp(majorBrand: string, compatible: string[]): Buffer {
  const size = 16 + compatible.length * 4;
  const box = Buffer.alloc(size + 32);
  box.writeUInt32BE(size, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(majorBrand, 8, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + i * 4, 'latin1'));
  return box;
}

async function sniffRefusal(content: Uint8Array): Promise<PermanentError> {
  const error: unknown = await sniffImageType(content).then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PermanentError)) throw new Error('expected the upload to be refused');
  expect(error.code).toBe('UNSUPPORTED_TYPE');
  return error;
}

const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const WEBP_START = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(16)]);
const GIF_START = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(16)]);
const TIFF_START = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]), Buffer.alloc(16)]);

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP from their magic bytes', async () => {
    await expect(sniffImageType(JPEG_START)).resolves.toEqual({ mimeType: 'image/jpeg', container: 'jpeg' });
    await expect(sniffImageType(craftPngBomb(10, 10))).resolves.toEqual({ mimeType: 'image/png', container: 'png' });
    await expect(sniffImageType(WEBP_START)).resolves.toEqual({ mimeType: 'image/webp', container: 'webp' });
  });

  it('recognises HEIC and HEIF, and files AVIF under HEIF, the container it uses', async () => {
    await expect(sniffImageType(craftFtyp('heic', ['mif1', 'heic']))).resolves.toEqual({
      mimeType: 'image/heic',
      container: 'heif',
    });
    await expect(sniffImageType(craftFtyp('mif1', ['mif1', 'heic']))).resolves.toEqual({
      mimeType: 'image/heif',
      container: 'heif',
    });
    await expect(sniffImageType(craftFtyp('avif', ['avif', 'mif1']))).resolves.toEqual({
      mimeType: 'image/heif',
      container: 'heif',
    });
  });

  it('refuses GIFs and says animations are not accepted', async () => {
    const error = await sniffRefusal(GIF_START);
    expect(error.message).toMatch(/GIF/);
    expect(error.message).toMatch(/animations/i);
  });

  it('refuses a PDF by naming it and the formats we take', async () => {
    const error = await sniffRefusal(Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n', 'latin1'));
    expect(error.message).toBe('This is a PDF document, not a photo. Upload JPEG, PNG, WebP or HEIC.');
  });

  it('refuses a ZIP archive and suggests unzipping it', async () => {
    const error = await sniffRefusal(craftZip('a.txt', Buffer.from('hello')));
    expect(error.message).toMatch(/ZIP archive/);
    expect(error.message).toMatch(/Unzip/);
  });

  it('refuses SVG drawings, with or without an XML declaration', async () => {
    const bare = await sniffRefusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(bare.message).toMatch(/SVG drawing \(XML text\)/);
    const declared = await sniffRefusal(Buffer.from('\uFEFF<?xml version="1.0"?>\n<svg width="1" height="1"></svg>'));
    expect(declared.message).toMatch(/SVG drawing/);
  });

  it('tells plain text, HTML and other XML apart', async () => {
    expect((await sniffRefusal(Buffer.from('size M, pit to pit 21"\n'))).message).toMatch(/plain text file/);
    expect((await sniffRefusal(Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'))).message).toMatch(/web page/);
    expect((await sniffRefusal(Buffer.from('<?xml version="1.0"?><order id="1"/>'))).message).toMatch(/XML text file/);
    expect((await sniffRefusal(Buffer.from('фото куртки, размер M\n', 'utf8'))).message).toMatch(/plain text file/);
  });

  it('names other image formats it refuses', async () => {
    expect((await sniffRefusal(TIFF_START)).message).toMatch(/TIFF image/);
  });

  it('refuses unrecognisable binary data without guessing what it is', async () => {
    const noise = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 97 + 13) % 256));
    expect((await sniffRefusal(noise)).message).toBe(
      'We could not recognise this file as a photo. Upload JPEG, PNG, WebP or HEIC.',
    );
  });
});
