import { fileTypeFromBuffer } from 'file-type';
import { PermanentError } from '../../contracts/errors.ts';
import type { SupportedImageType } from '../../contracts/photo.ts';

const ACCEPTED = 'Upload JPEG, PNG, WebP or HEIC.';

/** The container we found and, for HEIF, whether it may hold AV1 (AVIF) rather than HEVC. */
export interface SniffedImageType {
  mimeType: SupportedImageType;
  container: 'jpeg' | 'png' | 'webp' | 'heif';
}

const ACCEPTED_BY_MIME: Record<string, SniffedImageType> = {
  'image/jpeg': { mimeType: 'image/jpeg', container: 'jpeg' },
  'image/png': { mimeType: 'image/png', container: 'png' },
  'image/webp': { mimeType: 'image/webp', container: 'webp' },
  'image/heic': { mimeType: 'image/heic', container: 'heif' },
  'image/heic-sequence': { mimeType: 'image/heic', container: 'heif' },
  'image/heif': { mimeType: 'image/heif', container: 'heif' },
  'image/heif-sequence': { mimeType: 'image/heif', container: 'heif' },
  // AVIF is HEIF holding AV1 pictures; the contract names the container.
  'image/avif': { mimeType: 'image/heif', container: 'heif' },
};

/** Plain names for the refusals sellers meet most, keyed by the sniffed MIME type. */
const REFUSALS_BY_MIME: Record<string, string> = {
  'image/gif': `This is a GIF; animations and GIFs are not accepted. ${ACCEPTED}`,
  'application/pdf': `This is a PDF document, not a photo. ${ACCEPTED}`,
  'application/zip': `This is a ZIP archive, not a photo. Unzip it and upload the photos inside.`,
  'image/tiff': `This is a TIFF image, which is not accepted. Save it as JPEG and upload it again.`,
  'image/bmp': `This is a BMP image, which is not accepted. Save it as JPEG and upload it again.`,
  'image/x-icon': `This is an icon file, not a photo. ${ACCEPTED}`,
  'video/quicktime': `This is a video (MOV), not a photo. ${ACCEPTED}`,
  'video/mp4': `This is a video (MP4), not a photo. ${ACCEPTED}`,
};

/** How many leading bytes decide whether an unrecognised file is text. */
const TEXT_PROBE_BYTES = 4096;

/**
 * Finds the real type of an upload from its content (magic bytes), never from its name, and
 * refuses anything that is not a photo we accept with a sentence the seller can act on.
 */
export async function sniffImageType(content: Uint8Array): Promise<SniffedImageType> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) {
    const accepted = ACCEPTED_BY_MIME[detected.mime];
    if (accepted) return accepted;
    if (detected.mime !== 'application/xml') {
      throw new PermanentError('UNSUPPORTED_TYPE', describeRefusal(detected.mime, detected.ext));
    }
  }
  throw new PermanentError('UNSUPPORTED_TYPE', describeUnrecognised(content));
}

function describeRefusal(mime: string, ext: string): string {
  const known = REFUSALS_BY_MIME[mime];
  if (known) return known;
  const name = ext.toUpperCase();
  if (mime.startsWith('image/')) {
    return `This is a ${name} image, which is not accepted. Save it as JPEG and upload it again.`;
  }
  if (mime.startsWith('video/')) return `This is a video (${name}), not a photo. ${ACCEPTED}`;
  if (mime.startsWith('audio/')) return `This is a sound file (${name}), not a photo. ${ACCEPTED}`;
  return `This is a ${name} file, not a photo. ${ACCEPTED}`;
}

/** Names text the magic-byte table leaves alone: SVG and other XML, HTML, plain text. */
function describeUnrecognised(content: Uint8Array): string {
  const head = content.subarray(0, TEXT_PROBE_BYTES);
  if (!isProbablyText(head)) return `We could not recognise this file as a photo. ${ACCEPTED}`;
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/<svg[\s>]/.test(text)) return `This is an SVG drawing (XML text), not a photo. ${ACCEPTED}`;
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) {
    return `This is a web page (HTML text), not a photo. ${ACCEPTED}`;
  }
  if (text.startsWith('<?xml') || text.startsWith('<')) return `This is an XML text file, not a photo. ${ACCEPTED}`;
  return `This is a plain text file, not a photo. ${ACCEPTED}`;
}

function isProbablyText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    // Tab, line feed, carriage return and form feed are ordinary in text; other control bytes are not.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control += 1;
  }
  if (control > head.length / 100) return false;
  const decoded = new TextDecoder('utf-8').decode(head);
  const replaced = decoded.split('\uFFFD').length - 1;
  // A multi-byte character cut at the probe's end may leave one replacement character.
  return replaced <= 1;
}
