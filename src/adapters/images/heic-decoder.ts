import type { RawImage } from '../../ports/image-processor.ts';

/**
 * Decodes the primary picture of an HEVC HEIC/HEIF file to RGBA with libheif compiled to
 * WebAssembly, for when the bundled libvips has no HEVC decoder. libheif applies the file's
 * rotation and mirroring (irot/imir), so the result is already upright.
 */
export async function decodeHeic(content: Uint8Array): Promise<RawImage> {
  // Loaded on first use: the WebAssembly module is large and most uploads are JPEG.
  const { default: decode } = await import('heic-decode');
  const pixels = await decode({ buffer: content });
  return {
    data: new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength),
    width: pixels.width,
    height: pixels.height,
    channels: 4,
  };
}
