import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PermanentError } from '../../contracts/errors.ts';
import type { PhotoStore, StoredObject } from '../../ports/photo-store.ts';

const KEY_PATTERN = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/**
 * Photos on the local disk, content-addressed: `sha256/ab/abcdef…`. Writes stream through a
 * hash into a temporary file and are renamed into place, so a reader never sees half a file.
 */
export class LocalPhotoStore implements PhotoStore {
  private readonly tmpDir: string;

  constructor(private readonly rootDir: string) {
    this.tmpDir = path.join(rootDir, 'tmp');
  }

  async write(content: Readable | Uint8Array, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmpPath = path.join(this.tmpDir, randomUUID());
    const hash = createHash('sha256');
    let bytes = 0;
    let tooLarge = false;
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    // Past the limit the rest is read and dropped rather than aborting the source: an upload
    // stream that is cut mid-part would take the other files of the same request with it.
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
    const source = content instanceof Readable ? content : Readable.from([Buffer.from(content)]);
    try {
      await pipeline(source, measure, createWriteStream(tmpPath, { flags: 'wx' }));
      if (tooLarge) {
        throw new PermanentError('FILE_TOO_LARGE', `The file is larger than the ${formatBytes(maxBytes)} limit for one photo.`);
      }
      const sha256 = hash.digest('hex');
      const key = keyFor(sha256);
      const finalPath = this.pathOf(key);
      await mkdir(path.dirname(finalPath), { recursive: true });
      await rename(tmpPath, finalPath);
      return { key, sha256, bytes };
    } catch (error) {
      await rm(tmpPath, { force: true });
      throw error;
    }
  }

  async read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  openReadStream(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new PermanentError('VALIDATION_FAILED', `Not a photo store key: ${key}`);
    return path.join(this.rootDir, key);
  }
}

function keyFor(sha256: string): string {
  return `sha256/${sha256.slice(0, 2)}/${sha256}`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
