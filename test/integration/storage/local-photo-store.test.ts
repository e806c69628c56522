import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalPhotoStore } from '../../../src/adapters/storage/local-photo-store.ts';
import { describePhotoStoreContract } from './photo-store-contract.ts';

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

  describePhotoStoreContract('LocalPhotoStore', () => store);

  it('leaves no file behind when it refuses a stream over the limit', async () => {
    const source = Readable.from(Array.from({ length: 8 }, () => Buffer.alloc(1024, 7)));
    await expect(store.write(source, { maxBytes: 4096 })).rejects.toThrow(/limit/);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await readdir(root)).toEqual(['tmp']);
  });

  it('lays files out as sha256/ab/abcdef… under its folder', async () => {
    const stored = await store.write(Buffer.from('laid out'));
    expect(await readdir(path.join(root, 'sha256', stored.sha256.slice(0, 2)))).toEqual([stored.sha256]);
  });
});
