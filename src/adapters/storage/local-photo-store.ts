import { createReadStream } from 'node:fs';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { PermanentError } from '../../contracts/errors.ts';
import type { PhotoStore, StoredObject } from '../../ports/photo-store.ts';
import { isContentKey, keyForSha256, spoolWithHash } from './hashing-spool.ts';

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
    const spooled = await spoolWithHash(content, this.tmpDir, options.maxBytes);
    try {
      const key = keyForSha256(spooled.sha256);
      const finalPath = this.pathOf(key);
      await mkdir(path.dirname(finalPath), { recursive: true });
      await rename(spooled.path, finalPath);
      return { key, sha256: spooled.sha256, bytes: spooled.bytes };
    } catch (error) {
      await rm(spooled.path, { force: true });
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
    if (!isContentKey(key)) throw new PermanentError('VALIDATION_FAILED', `Not a photo store key: ${key}`);
    return path.join(this.rootDir, key);
  }
}
