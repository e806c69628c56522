/**
 * Greyscale from 8-bit RGB with Rec. 601 luma weights (77, 150, 29 out of 256) applied to the
 * gamma-encoded values, as JPEG and most barcode readers do. Plain integer arithmetic here is
 * several times faster than a libvips colourspace round trip through linear light.
 */
export function convertRgbToLuma(rgb: Uint8Array, width: number, height: number): Buffer {
  const pixels = width * height;
  if (rgb.length !== pixels * 3) {
    throw new RangeError(`Expected ${pixels * 3} bytes of RGB pixels, got ${rgb.length}`);
  }
  const luma = Buffer.allocUnsafe(pixels);
  for (let i = 0, p = 0; i < pixels; i += 1, p += 3) {
    luma[i] = (77 * rgb[p]! + 150 * rgb[p + 1]! + 29 * rgb[p + 2]! + 128) >> 8;
  }
  return luma;
}
