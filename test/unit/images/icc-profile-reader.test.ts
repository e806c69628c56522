import { describe, expect, it } from 'vitest';
import { isSrgbProfile, readIccDescription } from '../../../src/adapters/images/icc-profile-reader.ts';

/** An ICC profile with nothing but a header and one description tag, as version 2 or 4 writes it. */
function craftProfile(description: string, version: 2 | 4): Buffer {
  const tag = version === 2 ? craftDescTag(description) : craftMlucTag(description);
  const tagTable = Buffer.alloc(4 + 12);
  tagTable.writeUInt32BE(1, 0);
  tagTable.write('desc', 4, 'latin1');
  tagTable.writeUInt32BE(128 + tagTable.length, 8);
  tagTable.writeUInt32BE(tag.length, 12);
  const header = Buffer.alloc(128);
  header.write('RGB ', 16, 'latin1');
  header.write('acsp', 36, 'latin1');
  const profile = Buffer.concat([header, tagTable, tag]);
  profile.writeUInt32BE(profile.length, 0);
  return profile;
}

function craftDescTag(text: string): Buffer {
  const ascii = Buffer.from(`${text}\0`, 'latin1');
  const tag = Buffer.alloc(12 + ascii.length + 79);
  tag.write('desc', 0, 'latin1');
  tag.writeUInt32BE(ascii.length, 8);
  ascii.copy(tag, 12);
  return tag;
}

function craftMlucTag(text: string): Buffer {
  const utf16 = Buffer.from(text, 'utf16le').swap16();
  const tag = Buffer.alloc(28 + utf16.length);
  tag.write('mluc', 0, 'latin1');
  tag.writeUInt32BE(1, 8);
  tag.writeUInt32BE(12, 12);
  tag.write('enUS', 16, 'latin1');
  tag.writeUInt32BE(utf16.length, 20);
  tag.writeUInt32BE(28, 24);
  utf16.copy(tag, 28);
  return tag;
}

describe('readIccDescription', () => {
  it('reads a version 2 ASCII description', () => {
    expect(readIccDescription(craftProfile('sRGB IEC61966-2.1', 2))).toBe('sRGB IEC61966-2.1');
  });

  it('reads a version 4 multi-language description', () => {
    expect(readIccDescription(craftProfile('Display P3', 4))).toBe('Display P3');
  });

  it('gives null for a truncated or description-less profile instead of throwing', () => {
    expect(readIccDescription(craftProfile('Display P3', 4).subarray(0, 140))).toBeNull();
    expect(readIccDescription(Buffer.alloc(64))).toBeNull();
  });
});

describe('isSrgbProfile', () => {
  it('recognises sRGB profiles by name and nothing else', () => {
    expect(isSrgbProfile(craftProfile('sRGB IEC61966-2.1', 2))).toBe(true);
    expect(isSrgbProfile(craftProfile('sRGB', 4))).toBe(true);
    expect(isSrgbProfile(craftProfile('Display P3', 4))).toBe(false);
    expect(isSrgbProfile(craftProfile('Adobe RGB (1998)', 2))).toBe(false);
    expect(isSrgbProfile(craftProfile('scRGB-like', 2))).toBe(false);
  });
});
