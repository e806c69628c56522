/**
 * Reads the human-readable description of an ICC profile ("sRGB IEC61966-2.1", "Display P3"),
 * from a version 2 `desc` or version 4 `mluc` description tag. Null when there is none.
 */
export function readIccDescription(icc: Uint8Array): string | null {
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  if (icc.byteLength < 132) return null;
  const tagCount = view.getUint32(128);
  for (let i = 0; i < tagCount; i += 1) {
    const entry = 132 + i * 12;
    if (entry + 12 > icc.byteLength) return null;
    if (readSignature(icc, entry) !== 'desc') continue;
    const offset = view.getUint32(entry + 4);
    const size = view.getUint32(entry + 8);
    if (offset + size > icc.byteLength || size < 12) return null;
    return readDescriptionTag(icc, view, offset);
  }
  return null;
}

/**
 * True when the profile says it is sRGB. Converting sRGB to sRGB changes nothing and costs a
 * full pass over the pixels, and many cameras and phones embed exactly that profile.
 */
export function isSrgbProfile(icc: Uint8Array): boolean {
  return /\bsRGB\b/.test(readIccDescription(icc) ?? '');
}

function readDescriptionTag(icc: Uint8Array, view: DataView, offset: number): string | null {
  const type = readSignature(icc, offset);
  if (type === 'desc') {
    const length = view.getUint32(offset + 8);
    const text = icc.subarray(offset + 12, Math.min(offset + 12 + length, icc.byteLength));
    return new TextDecoder('latin1').decode(text).replace(/\0+$/, '');
  }
  if (type === 'mluc') {
    const records = view.getUint32(offset + 8);
    if (records === 0) return null;
    const length = view.getUint32(offset + 20);
    const start = offset + view.getUint32(offset + 24);
    if (start + length > icc.byteLength) return null;
    return new TextDecoder('utf-16be').decode(icc.subarray(start, start + length)).replace(/\0+$/, '');
  }
  return null;
}

function readSignature(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}
