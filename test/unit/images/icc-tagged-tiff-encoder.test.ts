import { describe, expect, it } from 'vitest';
import { encodeIccTaggedTiff } from '../../../src/adapters/images/icc-tagged-tiff-encoder.ts';

function readEntries(tiff: Buffer): Map<number, { type: number; count: number; value: number }> {
  const ifd = tiff.readUInt32LE(4);
  const entries = new Map<number, { type: number; count: number; value: number }>();
  for (let i = 0; i < tiff.readUInt16LE(ifd); i += 1) {
    const at = ifd + 2 + i * 12;
    const type = tiff.readUInt16LE(at + 2);
    const count = tiff.readUInt32LE(at + 4);
    const value = type === 3 && count === 1 ? tiff.readUInt16LE(at + 8) : tiff.readUInt32LE(at + 8);
    entries.set(tiff.readUInt16LE(at), { type, count, value });
  }
  return entries;
}

describe('encodeIccTaggedTiff', () => {
  const pixels = Uint8Array.from({ length: 3 * 2 * 3 }, (_, i) => i * 10);
  const icc = Buffer.from('odd-length profile', 'latin1');

  it('writes a little-endian baseline RGB TIFF whose strip holds the pixels unchanged', () => {
    const tiff = encodeIccTaggedTiff(pixels, 3, 2, icc);
    expect(tiff.toString('latin1', 0, 2)).toBe('II');
    expect(tiff.readUInt16LE(2)).toBe(42);
    const entries = readEntries(tiff);
    expect(entries.get(256)?.value).toBe(3);
    expect(entries.get(257)?.value).toBe(2);
    expect(entries.get(262)?.value).toBe(2);
    expect(entries.get(277)?.value).toBe(3);
    const strip = entries.get(273)!.value;
    expect(strip % 2).toBe(0);
    expect([...tiff.subarray(strip, strip + pixels.length)]).toEqual([...pixels]);
    expect(tiff.length).toBe(strip + pixels.length);
  });

  it('embeds the ICC profile byte for byte under tag 34675', () => {
    const tiff = encodeIccTaggedTiff(pixels, 3, 2, icc);
    const tag = readEntries(tiff).get(34675)!;
    expect(tag.count).toBe(icc.length);
    expect(tiff.subarray(tag.value, tag.value + tag.count).equals(icc)).toBe(true);
  });

  it('keeps tags in ascending order, as readers may require', () => {
    const tags = [...readEntries(encodeIccTaggedTiff(pixels, 3, 2, icc)).keys()];
    expect(tags).toEqual([...tags].sort((a, b) => a - b));
  });

  it('refuses pixels that do not match the stated size', () => {
    expect(() => encodeIccTaggedTiff(pixels, 4, 2, icc)).toThrow(RangeError);
  });
});
