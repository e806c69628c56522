import { describe, expect, it } from 'vitest';
import { readCaptureTime } from '../../../src/adapters/images/exif-capture-time-reader.ts';

interface AsciiTag {
  tag: number;
  text: string;
}

/**
 * An EXIF block as sharp hands it over ("Exif\0\0" then a little-endian TIFF): IFD0 with the
 * given tags and, when `original` is set, an Exif sub-IFD holding DateTimeOriginal.
 */
function craftExif(ifd0Tags: AsciiTag[], original?: string): Buffer {
  const exifTags: AsciiTag[] = original === undefined ? [] : [{ tag: 0x9003, text: original }];
  const ifd0Count = ifd0Tags.length + (exifTags.length > 0 ? 1 : 0);
  const ifd0Size = 2 + ifd0Count * 12 + 4;
  const exifIfdAt = 8 + ifd0Size;
  const exifIfdSize = exifTags.length > 0 ? 2 + exifTags.length * 12 + 4 : 0;
  let dataAt = exifIfdAt + exifIfdSize;
  const tiff = Buffer.alloc(dataAt + 20 * (ifd0Tags.length + exifTags.length) + 8);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);

  const writeIfd = (at: number, tags: AsciiTag[], pointer?: number): void => {
    const count = tags.length + (pointer === undefined ? 0 : 1);
    tiff.writeUInt16LE(count, at);
    let slot = at + 2;
    for (const { tag, text } of tags) {
      tiff.writeUInt16LE(tag, slot);
      tiff.writeUInt16LE(2, slot + 2); // ASCII
      tiff.writeUInt32LE(text.length + 1, slot + 4);
      tiff.writeUInt32LE(dataAt, slot + 8);
      tiff.write(`${text}\0`, dataAt, 'latin1');
      dataAt += text.length + 1 + ((text.length + 1) % 2);
      slot += 12;
    }
    if (pointer !== undefined) {
      tiff.writeUInt16LE(0x8769, slot);
      tiff.writeUInt16LE(4, slot + 2); // LONG
      tiff.writeUInt32LE(1, slot + 4);
      tiff.writeUInt32LE(pointer, slot + 8);
      slot += 12;
    }
    tiff.writeUInt32LE(0, slot);
  };
  writeIfd(8, ifd0Tags, exifTags.length > 0 ? exifIfdAt : undefined);
  if (exifTags.length > 0) writeIfd(exifIfdAt, exifTags);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

const DATE_TIME = 0x0132;

describe('readCaptureTime', () => {
  it('prefers DateTimeOriginal and reads its digits as UTC', () => {
    const exif = craftExif([{ tag: DATE_TIME, text: '2024:05:06 07:08:09' }], '2024:03:04 10:11:12');
    expect(readCaptureTime(exif)?.toISOString()).toBe('2024-03-04T10:11:12.000Z');
  });

  it('falls back to DateTime when the camera wrote no DateTimeOriginal', () => {
    const exif = craftExif([{ tag: DATE_TIME, text: '2024:05:06 07:08:09' }]);
    expect(readCaptureTime(exif)?.toISOString()).toBe('2024-05-06T07:08:09.000Z');
  });

  it('gives null when there is no EXIF, no date, a blank date or unreadable EXIF', () => {
    expect(readCaptureTime(undefined)).toBeNull();
    expect(readCaptureTime(craftExif([]))).toBeNull();
    expect(readCaptureTime(craftExif([], '    :  :     :  :  '))).toBeNull();
    expect(readCaptureTime(Buffer.from('Exif\0\0garbage', 'latin1'))).toBeNull();
  });
});
