import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMatrixShaperProfile } from '../../../src/adapters/images/icc-matrix-shaper-reader.ts';
import type { MatrixShaperProfile } from '../../../src/adapters/images/icc-matrix-shaper-reader.ts';
import { encodeIccTaggedTiff } from '../../../src/adapters/images/icc-tagged-tiff-encoder.ts';
import { SrgbPixelConverter } from '../../../src/adapters/images/srgb-pixel-converter.ts';

/** The profile libvips embeds for a name ('p3', 'srgb'), read back from a tiny JPEG. */
async function readBundledProfile(name: string): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#777' } }).withIccProfile(name).jpeg().toBuffer();
  const { icc } = await sharp(jpeg).metadata();
  if (!icc) throw new Error(`No ${name} profile`);
  return icc;
}

/** Every 5th level of each channel: 52³ colours, saturated corners included. */
function renderColourCube(): { rgb: Uint8Array; count: number } {
  const levels = Array.from({ length: 52 }, (_, i) => Math.min(255, i * 5));
  const rgb = new Uint8Array(levels.length ** 3 * 3);
  let p = 0;
  for (const r of levels) for (const g of levels) for (const b of levels) rgb.set([r, g, b], (p++) * 3);
  return { rgb, count: p };
}

describe('SrgbPixelConverter', () => {
  let p3: Buffer;

  beforeAll(async () => {
    p3 = await readBundledProfile('p3');
  });

  it('converts Display P3 to sRGB within one level of lcms (the colour engine of libvips)', async () => {
    const { rgb, count } = renderColourCube();
    const tiff = encodeIccTaggedTiff(rgb, count, 1, p3);
    const reference = await sharp(tiff).toColourspace('srgb').raw().toBuffer();
    const converted = Uint8Array.from(rgb);
    new SrgbPixelConverter(readMatrixShaperProfile(p3)!).convertInPlace(converted);
    let largest = 0;
    let total = 0;
    for (let i = 0; i < converted.length; i += 1) {
      const difference = Math.abs(converted[i]! - reference[i]!);
      largest = Math.max(largest, difference);
      total += difference;
    }
    expect(largest).toBeLessThanOrEqual(1);
    expect(total / converted.length).toBeLessThan(0.05);
  });

  it('leaves sRGB pixels as they are when the profile is sRGB itself', async () => {
    const { rgb } = renderColourCube();
    const converted = Uint8Array.from(rgb);
    new SrgbPixelConverter(readMatrixShaperProfile(await readBundledProfile('srgb'))!).convertInPlace(converted);
    let largest = 0;
    for (let i = 0; i < converted.length; i += 1) largest = Math.max(largest, Math.abs(converted[i]! - rgb[i]!));
    expect(largest).toBeLessThanOrEqual(1);
  });

  it('clips colours outside sRGB instead of wrapping them: pure P3 red becomes pure sRGB red', () => {
    const pixel = Uint8Array.from([255, 0, 0]);
    new SrgbPixelConverter(readMatrixShaperProfile(p3)!).convertInPlace(pixel);
    expect([...pixel]).toEqual([255, 0, 0]);
  });

  it('maps through gamma and sampled curves as well as parametric ones', () => {
    const identity: MatrixShaperProfile['colorants'] = [
      [0.4360747, 0.2225045, 0.0139322],
      [0.3850649, 0.7168786, 0.0971045],
      [0.1430804, 0.0606169, 0.7141733],
    ];
    // Linear-light input (gamma 1): mid-grey 128 is 50% light, which sRGB encodes as 188.
    const linear = new SrgbPixelConverter({ curves: [(x) => x, (x) => x, (x) => x], colorants: identity });
    const grey = Uint8Array.from([128, 128, 128]);
    linear.convertInPlace(grey);
    expect([...grey]).toEqual([188, 188, 188]);
  });

  it('refuses a buffer that is not packed RGB', () => {
    expect(() => new SrgbPixelConverter(readMatrixShaperProfile(p3)!).convertInPlace(new Uint8Array(4))).toThrow(RangeError);
  });
});

describe('readMatrixShaperProfile', () => {
  it('reads the colorants and curves of a version 4 matrix/TRC profile (Display P3)', async () => {
    const profile = readMatrixShaperProfile(await readBundledProfile('p3'));
    expect(profile).not.toBeNull();
    // Display P3's red, adapted to D50, as the profile stores it.
    expect(profile!.colorants[0][0]).toBeCloseTo(0.515, 2);
    expect(profile!.colorants[0][1]).toBeCloseTo(0.241, 2);
    // The sRGB curve: encoded 0.5 is 21.4% light.
    expect(profile!.curves[0](0.5)).toBeCloseTo(0.214, 3);
  });

  it('reads version 2 curv tags: a single gamma and a table of samples', () => {
    const gamma = craftMatrixProfile({ curve: craftCurv([Math.round(2.2 * 256)]) });
    expect(readMatrixShaperProfile(gamma)!.curves[1](0.5)).toBeCloseTo(0.5 ** (563 / 256), 4);
    const table = craftMatrixProfile({ curve: craftCurv([0, 16384, 65535]) });
    expect(readMatrixShaperProfile(table)!.curves[2](0.25)).toBeCloseTo(0.125, 3);
    const identity = craftMatrixProfile({ curve: craftCurv([]) });
    expect(readMatrixShaperProfile(identity)!.curves[0](0.3)).toBeCloseTo(0.3, 6);
  });

  it('leaves lookup-table profiles, CMYK profiles and truncated data to the colour engine', () => {
    expect(readMatrixShaperProfile(craftMatrixProfile({ extraTag: 'A2B0' }))).toBeNull();
    expect(readMatrixShaperProfile(craftMatrixProfile({ space: 'CMYK' }))).toBeNull();
    expect(readMatrixShaperProfile(craftMatrixProfile({}).subarray(0, 150))).toBeNull();
    expect(readMatrixShaperProfile(new Uint8Array(10))).toBeNull();
  });
});

/** A minimal matrix/TRC profile: sRGB-like colorants and the same curve for the three channels. */
function craftMatrixProfile(options: { curve?: Buffer; space?: string; extraTag?: string }): Buffer {
  const curve = options.curve ?? craftCurv([256]);
  const xyz = (x: number, y: number, z: number): Buffer => {
    const tag = Buffer.alloc(20);
    tag.write('XYZ ', 0, 'latin1');
    [x, y, z].forEach((value, i) => tag.writeInt32BE(Math.round(value * 65536), 8 + i * 4));
    return tag;
  };
  const tags: Array<[string, Buffer]> = [
    ['rXYZ', xyz(0.436, 0.2225, 0.0139)],
    ['gXYZ', xyz(0.3851, 0.7169, 0.0971)],
    ['bXYZ', xyz(0.1431, 0.0606, 0.7142)],
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ];
  if (options.extraTag) tags.push([options.extraTag, Buffer.alloc(32)]);
  const table = Buffer.alloc(4 + tags.length * 12);
  table.writeUInt32BE(tags.length, 0);
  let offset = 128 + table.length;
  const bodies: Buffer[] = [];
  tags.forEach(([signature, body], i) => {
    table.write(signature, 4 + i * 12, 'latin1');
    table.writeUInt32BE(offset, 8 + i * 12);
    table.writeUInt32BE(body.length, 12 + i * 12);
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const header = Buffer.alloc(128);
  header.write(options.space ?? 'RGB ', 16, 'latin1');
  header.write('XYZ ', 20, 'latin1');
  header.write('acsp', 36, 'latin1');
  const profile = Buffer.concat([header, table, ...bodies]);
  profile.writeUInt32BE(profile.length, 0);
  return profile;
}

function craftCurv(entries: number[]): Buffer {
  const tag = Buffer.alloc(12 + entries.length * 2);
  tag.write('curv', 0, 'latin1');
  tag.writeUInt32BE(entries.length, 8);
  entries.forEach((value, i) => tag.writeUInt16BE(value, 12 + i * 2));
  return tag;
}
