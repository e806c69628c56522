import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3PhotoStore } from '../../../src/adapters/storage/s3-photo-store.ts';
import { describePhotoStoreContract } from './photo-store-contract.ts';

const BUCKET = 'easyflip-photos';
const PREFIX = 'shop-1/';

/** Against s3rver, a local S3-compatible server: the same requests the AWS SDK sends to S3 or MinIO. */
describe('the S3-compatible photo store', () => {
  let server: S3rver;
  let root: string;
  let client: S3Client;
  let store: S3PhotoStore;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'easyflip-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(root, 'bucket-data'),
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await server.run();
    client = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    store = new S3PhotoStore({ bucket: BUCKET, region: 'us-east-1', prefix: PREFIX, spoolDir: path.join(root, 'spool'), client });
  });

  afterAll(async () => {
    client?.destroy();
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  describePhotoStoreContract('S3PhotoStore', () => store);

  it('keeps objects under its prefix, and nothing in the spool folder once a write ends', async () => {
    const stored = await store.write(Buffer.from('prefixed'));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PREFIX }));
    expect(listed.Contents?.map((object) => object.Key)).toContain(`${PREFIX}${stored.key}`);
    expect(await readdir(path.join(root, 'spool'))).toEqual([]);
  });

  it('builds its own client from plain settings (endpoint, path style, keys)', async () => {
    const endpoint = await client.config.endpoint?.();
    const own = new S3PhotoStore({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
      forcePathStyle: true,
      prefix: PREFIX,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      spoolDir: path.join(root, 'spool'),
    });
    const stored = await own.write(Buffer.from('through settings'));
    expect((await store.read(stored.key)).toString()).toBe('through settings');
  });
});
