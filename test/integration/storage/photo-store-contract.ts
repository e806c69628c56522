import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../../src/contracts/errors.ts';
import type { PhotoStore } from '../../../src/ports/photo-store.ts';

/**
 * What every photo store promises (src/ports/photo-store.ts), run against each adapter: the
 * local folder and S3-compatible storage pass the same sentences.
 */
export function describePhotoStoreContract(name: string, openStore: () => PhotoStore): void {
  describe(`${name}: the photo store contract`, () => {
    it('stores bytes under their sha256 and reads them back, whole and streamed', async () => {
      const store = openStore();
      const bytes = Buffer.from('a photo, honestly');
      const stored = await store.write(bytes);
      expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(stored.key).toBe(`sha256/${stored.sha256.slice(0, 2)}/${stored.sha256}`);
      expect(stored.bytes).toBe(bytes.length);
      expect(await store.read(stored.key)).toEqual(bytes);
      expect(await text(store.openReadStream(stored.key))).toBe('a photo, honestly');
      expect(await store.exists(stored.key)).toBe(true);
    });

    it('gives the same key for the same bytes, streamed in chunks or whole', async () => {
      const store = openStore();
      const chunks = [Buffer.from('part one, '), Buffer.from('part two')];
      const streamed = await store.write(Readable.from(chunks));
      const whole = await store.write(Buffer.concat(chunks));
      expect(streamed).toEqual(whole);
    });

    it('streams a large file in without changing a byte', async () => {
      const store = openStore();
      const chunk = Buffer.alloc(64 * 1024);
      const hash = createHash('sha256');
      let count = 0;
      // 8 MB made chunk by chunk, each chunk different.
      const source = Readable.from(
        (function* () {
          for (; count < 128; count += 1) {
            chunk.fill(count % 251);
            hash.update(chunk);
            yield Buffer.from(chunk);
          }
        })(),
      );
      const stored = await store.write(source);
      expect(stored.bytes).toBe(128 * chunk.length);
      expect(stored.sha256).toBe(hash.digest('hex'));
      const back = await store.read(stored.key);
      expect(createHash('sha256').update(back).digest('hex')).toBe(stored.sha256);
    });

    it('refuses a stream over the limit with FILE_TOO_LARGE, reading it to its end', async () => {
      const store = openStore();
      const source = Readable.from(Array.from({ length: 8 }, () => Buffer.alloc(1024, 7)));
      const refusal = await store.write(source, { maxBytes: 4096 }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(PermanentError);
      expect((refusal as PermanentError).code).toBe('FILE_TOO_LARGE');
      expect(source.readableEnded).toBe(true);
      const whole = createHash('sha256').update(Buffer.alloc(8 * 1024, 7)).digest('hex');
      expect(await store.exists(`sha256/${whole.slice(0, 2)}/${whole}`)).toBe(false);
    });

    it('keeps an empty file (the ingest stage reports it) rather than losing it', async () => {
      const store = openStore();
      const stored = await store.write(Buffer.alloc(0));
      expect(stored.bytes).toBe(0);
      expect(await store.read(stored.key)).toHaveLength(0);
    });

    it('answers a missing key with false, a failed read and a failing stream', async () => {
      const store = openStore();
      const missing = `sha256/ab/${'ab'.repeat(32)}`;
      expect(await store.exists(missing)).toBe(false);
      await expect(store.read(missing)).rejects.toThrow();
      await expect(text(store.openReadStream(missing))).rejects.toThrow();
    });

    it('refuses keys that are not content addresses, so no path can escape the store', async () => {
      const store = openStore();
      await expect(store.read('../../etc/passwd')).rejects.toThrow(/Not a photo store key/);
      expect(await store.exists('sha256/00/../../x')).toBe(false);
    });

    it('stores concurrent writes of the same bytes once, each write complete', async () => {
      const store = openStore();
      const bytes = Buffer.alloc(256 * 1024, 3);
      const results = await Promise.all(Array.from({ length: 6 }, () => store.write(bytes)));
      expect(new Set(results.map((result) => result.key)).size).toBe(1);
      // Buffer.equals: a deep equality over 256 KB costs seconds.
      expect((await store.read(results[0]!.key)).equals(bytes)).toBe(true);
    });
  });
}
