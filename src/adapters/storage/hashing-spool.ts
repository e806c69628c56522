import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PermanentError } from '../../contracts/errors.ts';

export interface SpooledFile {
  /** A temporary file holding the bytes: the caller moves or uploads it, then removes it. */
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * Streams content into a fresh temporary file under `dir` while hashing it, so memory stays
 * flat whatever the size and the content address is known once the last byte is written.
 * Past `maxBytes` the rest is read and dropped rather than aborting the source: an upload
 * stream cut mid-part would take the other files of the same request with it. Then nothing is
 * left behind and `FILE_TOO_LARGE` is thrown.
 */
export async function spoolWithHash(
  content: Readable | Uint8Array,
  dir: string,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<SpooledFile> {
  await mkdir(dir, { recursive: true });
  const tmpPath = path.join(dir, randomUUID());
  const hash = createHash('sha256');
  let bytes = 0;
  let tooLarge = false;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) tooLarge = true;
      if (tooLarge) {
        callback();
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const source = content instanceof Readable ? content : Readable.from([Buffer.from(content.buffer, content.byteOffset, content.byteLength)]);
  try {
    await pipeline(source, measure, createWriteStream(tmpPath, { flags: 'wx' }));
    if (tooLarge) {
      throw new PermanentError('FILE_TOO_LARGE', `The file is larger than the ${formatBytes(maxBytes)} limit for one photo.`);
    }
    return { path: tmpPath, sha256: hash.digest('hex'), bytes };
  } catch (error) {
    await rm(tmpPath, { force: true });
    throw error;
  }
}

/** Where content with this sha256 lives, in every photo store: `sha256/ab/abcdef…`. */
export function keyForSha256(sha256: string): string {
  return `sha256/${sha256.slice(0, 2)}/${sha256}`;
}

const KEY_PATTERN = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** True for a content address and nothing else: no path can be smuggled through a key. */
export function isContentKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
