import type { Readable } from 'node:stream';

export interface StoredObject {
  /** Content address: where the bytes live in the store, derived from their sha256. */
  key: string;
  sha256: string;
  bytes: number;
}

/** Keeps photo bytes (originals and derivatives), addressed by their content. */
export interface PhotoStore {
  /**
   * Streams content into the store. Writing the same bytes twice yields the same key.
   * Throws `PermanentError('FILE_TOO_LARGE')` past `maxBytes`, leaving nothing behind.
   */
  write(content: Readable | Uint8Array, options?: { maxBytes?: number }): Promise<StoredObject>;
  read(key: string): Promise<Buffer>;
  openReadStream(key: string): Readable;
  exists(key: string): Promise<boolean>;
}
