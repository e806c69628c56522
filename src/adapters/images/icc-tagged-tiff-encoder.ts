/**
 * Wraps 8-bit RGB pixels and an ICC profile in a minimal uncompressed little-endian TIFF.
 *
 * sharp can assign an input profile only through the file it reads, and it applies an embedded
 * profile before resizing. Decoding with the profile ignored, resizing, then reading this
 * wrapper lets the colour conversion run on the small image instead of the full-size one.
 */
export function encodeIccTaggedTiff(rgb: Uint8Array, width: number, height: number, icc: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) {
    throw new RangeError(`Expected ${width * height * 3} bytes of RGB pixels, got ${rgb.length}`);
  }
  const entries: Array<[tag: number, type: number, count: number, value: number]> = [];
  const headerBytes = 8;
  const entryCount = 11;
  const ifdBytes = 2 + entryCount * 12 + 4;
  const bitsPerSampleOffset = headerBytes + ifdBytes;
  const iccOffset = bitsPerSampleOffset + 6;
  // TIFF wants values at word boundaries.
  const pixelOffset = iccOffset + icc.length + (icc.length % 2);

  entries.push([256, LONG, 1, width]);
  entries.push([257, LONG, 1, height]);
  entries.push([258, SHORT, 3, bitsPerSampleOffset]);
  entries.push([259, SHORT, 1, 1]); // no compression
  entries.push([262, SHORT, 1, 2]); // RGB
  entries.push([273, LONG, 1, pixelOffset]);
  entries.push([277, SHORT, 1, 3]);
  entries.push([278, LONG, 1, height]);
  entries.push([279, LONG, 1, rgb.length]);
  entries.push([284, SHORT, 1, 1]); // chunky
  entries.push([34675, UNDEFINED, icc.length, iccOffset]);

  const head = Buffer.alloc(pixelOffset);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(headerBytes, 4);
  head.writeUInt16LE(entryCount, headerBytes);
  entries.forEach(([tag, type, count, value], index) => {
    const at = headerBytes + 2 + index * 12;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(count, at + 4);
    // A single SHORT sits in the first two bytes of the value field.
    if (type === SHORT && count === 1) head.writeUInt16LE(value, at + 8);
    else head.writeUInt32LE(value, at + 8);
  });
  head.writeUInt32LE(0, headerBytes + 2 + entryCount * 12);
  for (let i = 0; i < 3; i += 1) head.writeUInt16LE(8, bitsPerSampleOffset + i * 2);
  head.set(icc, iccOffset);
  return Buffer.concat([head, rgb]);
}

const SHORT = 3;
const LONG = 4;
const UNDEFINED = 7;
