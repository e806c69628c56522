/** Maps an encoded channel value in 0..1 to linear light in 0..1. */
export type ToneCurve = (encoded: number) => number;

/**
 * An RGB display profile of the matrix/TRC kind (sRGB, Display P3, Adobe RGB, ProPhoto: what
 * cameras and phones embed): one tone curve per channel, then a 3×3 matrix to XYZ under D50.
 */
export interface MatrixShaperProfile {
  curves: [ToneCurve, ToneCurve, ToneCurve];
  /** The XYZ (D50, relative to the media white) of full red, green and blue: the matrix columns. */
  colorants: [Xyz, Xyz, Xyz];
}

export type Xyz = [x: number, y: number, z: number];

interface TagEntry {
  offset: number;
  size: number;
}

/**
 * Reads the curves and colorants of a matrix/TRC RGB profile. Null for anything else (CMYK,
 * grey, Lab, or an RGB profile with lookup tables, whose A2B table a colour engine prefers),
 * which is then left to a full colour engine.
 */
export function readMatrixShaperProfile(icc: Uint8Array): MatrixShaperProfile | null {
  if (icc.byteLength < 132) return null;
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  if (readSignature(icc, 16) !== 'RGB ' || readSignature(icc, 20) !== 'XYZ ') return null;
  const tags = readTagTable(icc, view);
  if (!tags || tags.has('A2B0') || tags.has('A2B1')) return null;

  const colorants: Xyz[] = [];
  const curves: ToneCurve[] = [];
  for (const channel of ['r', 'g', 'b'] as const) {
    const colorant = tags.get(`${channel}XYZ`);
    const curve = tags.get(`${channel}TRC`);
    if (!colorant || !curve) return null;
    const xyz = readXyzTag(icc, view, colorant);
    const tone = readCurveTag(icc, view, curve);
    if (!xyz || !tone) return null;
    colorants.push(xyz);
    curves.push(tone);
  }
  return {
    curves: [curves[0]!, curves[1]!, curves[2]!],
    colorants: [colorants[0]!, colorants[1]!, colorants[2]!],
  };
}

function readTagTable(icc: Uint8Array, view: DataView): Map<string, TagEntry> | null {
  const count = view.getUint32(128);
  if (132 + count * 12 > icc.byteLength) return null;
  const tags = new Map<string, TagEntry>();
  for (let i = 0; i < count; i += 1) {
    const entry = 132 + i * 12;
    const offset = view.getUint32(entry + 4);
    const size = view.getUint32(entry + 8);
    if (offset + size > icc.byteLength || size < 8) return null;
    tags.set(readSignature(icc, entry), { offset, size });
  }
  return tags;
}

function readXyzTag(icc: Uint8Array, view: DataView, tag: TagEntry): Xyz | null {
  if (readSignature(icc, tag.offset) !== 'XYZ ' || tag.size < 20) return null;
  return [readS15Fixed16(view, tag.offset + 8), readS15Fixed16(view, tag.offset + 12), readS15Fixed16(view, tag.offset + 16)];
}

function readCurveTag(icc: Uint8Array, view: DataView, tag: TagEntry): ToneCurve | null {
  const type = readSignature(icc, tag.offset);
  if (type === 'curv') return readSampledCurve(view, tag);
  if (type === 'para') return readParametricCurve(view, tag);
  return null;
}

/** `curv`: no entries is the identity, one is a gamma (u8Fixed8), more are evenly spaced samples. */
function readSampledCurve(view: DataView, tag: TagEntry): ToneCurve | null {
  const count = view.getUint32(tag.offset + 8);
  if (tag.size < 12 + count * 2) return null;
  if (count === 0) return (x) => x;
  if (count === 1) {
    const gamma = view.getUint16(tag.offset + 12) / 256;
    return (x) => x ** gamma;
  }
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i += 1) samples[i] = view.getUint16(tag.offset + 12 + i * 2) / 65535;
  return (x) => {
    const at = clampUnit(x) * (count - 1);
    const below = Math.floor(at);
    const above = Math.min(below + 1, count - 1);
    const fraction = at - below;
    return samples[below]! + (samples[above]! - samples[below]!) * fraction;
  };
}

const PARAMETER_COUNTS = [1, 3, 4, 5, 7] as const;

/** `para`: the five function types of ICC v4 (§10.18), from a plain gamma to the sRGB-like curves. */
function readParametricCurve(view: DataView, tag: TagEntry): ToneCurve | null {
  const type = view.getUint16(tag.offset + 8);
  const count = PARAMETER_COUNTS[type as 0 | 1 | 2 | 3 | 4];
  if (count === undefined || tag.size < 12 + count * 4) return null;
  const p = Array.from({ length: 7 }, (_, i) => (i < count ? readS15Fixed16(view, tag.offset + 12 + i * 4) : 0));
  const [g, a, b, c, d, e, f] = p as [number, number, number, number, number, number, number];
  switch (type) {
    case 0:
      return (x) => clampUnit(x) ** g;
    case 1:
      return (x) => (x >= -b / a ? (a * x + b) ** g : 0);
    case 2:
      return (x) => (x >= -b / a ? (a * x + b) ** g + c : c);
    case 3:
      return (x) => (x >= d ? (a * x + b) ** g : c * x);
    default:
      return (x) => (x >= d ? (a * x + b) ** g + e : c * x + f);
  }
}

function readS15Fixed16(view: DataView, at: number): number {
  return view.getInt32(at) / 65536;
}

function readSignature(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

function clampUnit(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
