import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalPhotoStore } from '../../../src/adapters/storage/local-photo-store.ts';
import { PermanentError } from '../../../src/contracts/errors.ts';

describe('the local content-addressed photo store', () => {
  let root: string;
  let store: LocalPhotoStore;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'easyflip-store-'));
    store = new LocalPhotoStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores bytes under their sha256 and reads them back', async () => {
    const bytes = Buffer.from('a photo, honestly');
    const stored = await store.write(bytes);
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stored.key).toBe(`sha256/${stored.sha256.slice(0, 2)}/${stored.sha256}`);
    expect(stored.bytes).toBe(bytes.length);
    expect(await store.read(stored.key)).toEqual(bytes);
    expect(await store.exists(stored.key)).toBe(true);
  });

  it('gives the same key for the same bytes, streamed in chunks or whole', async () => {
    const chunks = [Buffer.from('part one, '), Buffer.from('part two')];
    const streamed = await store.write(Readable.from(chunks));
    const whole = await store.write(Buffer.concat(chunks));
    expect(streamed.key).toBe(whole.key);
  });

  it('refuses a stream over the limit, reading it to its end and leaving no file behind', async () => {
    const source = Readable.from(Array.from({ length: 8 }, () => Buffer.alloc(1024, 7)));
    await expect(store.write(source, { maxBytes: 4096 })).rejects.toThrow(PermanentError);
    expect(source.readableEnded).toBe(true);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await readdir(root)).toEqual(['tmp']);
  });

  it('keeps an empty file (the ingest stage reports it) rather than losing it', async () => {
    const stored = await store.write(Buffer.alloc(0));
    expect(stored.bytes).toBe(0);
    expect(await store.read(stored.key)).toHaveLength(0);
  });

  it('refuses keys that are not content addresses, so no path can escape the store', async () => {
    await expect(store.read('../../etc/passwd')).rejects.toThrow(/Not a photo store key/);
    expect(await store.exists('sha256/00/../../x')).toBe(false);
  });

  it('stores concurrent writes of the same bytes once, each write complete', async () => {
    const bytes = Buffer.alloc(256 * 1024, 3);
    const results = await Promise.all(Array.from({ length: 6 }, () => store.write(bytes)));
    expect(new Set(results.map((result) => result.key)).size).toBe(1);
    expect(await store.read(results[0]!.key)).toEqual(bytes);
  });
});
