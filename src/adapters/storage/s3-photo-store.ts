import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NotFoundError, PermanentError, TransientError } from '../../contracts/errors.ts';
import type { PhotoStore, StoredObject } from '../../ports/photo-store.ts';
import { isContentKey, keyForSha256, spoolWithHash } from './hashing-spool.ts';

export interface S3PhotoStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible service other than AWS (MinIO, R2, Ceph...); omitted for AWS. */
  endpoint?: string | null;
  /** `host/bucket/key` addressing, which most self-hosted services need. */
  forcePathStyle?: boolean;
  /** Folder inside the bucket: '' or ending in '/'. */
  prefix?: string;
  /** Omitted: the SDK's usual chain (environment, shared profile, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | null;
  /** Local folder for spooling uploads while their hash is computed. */
  spoolDir: string;
  /** A client of the caller's (tests); otherwise one is made from the settings above. */
  client?: S3Client;
}

/**
 * Photos in an S3-compatible bucket, under the same content addresses as on disk
 * (`sha256/ab/abcdef…`). An upload is spooled to a local file while it is hashed (the key is
 * the hash, known only at the end; memory stays flat), then put once: bytes already in the
 * bucket are not sent again. S3 checks the SHA-256 we computed, so a damaged transfer never
 * sits under a wrong address.
 */
export class S3PhotoStore implements PhotoStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly spoolDir: string;

  constructor(options: S3PhotoStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.spoolDir = options.spoolDir;
    this.client =
      options.client ??
      new S3Client({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        forcePathStyle: options.forcePathStyle ?? false,
        ...(options.credentials ? { credentials: options.credentials } : {}),
        // Only the checksum we send ourselves: the SDK's default CRC32 trailers are not
        // understood by every S3-compatible service.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
  }

  async write(content: Readable | Uint8Array, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    const spooled = await spoolWithHash(content, this.spoolDir, options.maxBytes);
    try {
      const key = keyForSha256(spooled.sha256);
      if (!(await this.exists(key))) {
        await this.client
          .send(
            new PutObjectCommand({
              Bucket: this.bucket,
              Key: this.objectKey(key),
              Body: createReadStream(spooled.path),
              ContentLength: spooled.bytes,
              ContentType: 'application/octet-stream',
              ChecksumSHA256: Buffer.from(spooled.sha256, 'hex').toString('base64'),
            }),
          )
          .catch(rethrowAs(key));
      }
      return { key, sha256: spooled.sha256, bytes: spooled.bytes };
    } finally {
      await rm(spooled.path, { force: true });
    }
  }

  async read(key: string): Promise<Buffer> {
    const object = await this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }))
      .catch(rethrowAs(key));
    if (!object.Body) throw new NotFoundError('Photo file', key);
    return Buffer.from(await object.Body.transformToByteArray());
  }

  openReadStream(key: string): Readable {
    const stream = new PassThrough();
    // The port hands a stream back at once; the object's body is piped in when S3 answers.
    const objectKey = this.objectKey(key);
    this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey })).then(
      (object) => {
        const body = object.Body;
        if (!(body instanceof Readable)) {
          stream.destroy(new NotFoundError('Photo file', key));
          return;
        }
        body.on('error', (error) => stream.destroy(error));
        body.pipe(stream);
      },
      (error: unknown) => stream.destroy(translateS3Error(error, key)),
    );
    return stream;
  }

  async exists(key: string): Promise<boolean> {
    if (!isContentKey(key)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (readStatus(error) === 404) return false;
      throw translateS3Error(error, key);
    }
  }

  private objectKey(key: string): string {
    if (!isContentKey(key)) throw new PermanentError('VALIDATION_FAILED', `Not a photo store key: ${key}`);
    return `${this.prefix}${key}`;
  }
}

function rethrowAs(key: string): (error: unknown) => never {
  return (error) => {
    throw translateS3Error(error, key);
  };
}

function readStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** Missing objects are NOT_FOUND; a refused request is permanent; anything else may pass (5xx, network). */
function translateS3Error(error: unknown, key: string): Error {
  const status = readStatus(error);
  const name = (error as { name?: string } | null)?.name;
  if (status === 404 || name === 'NoSuchKey' || name === 'NotFound') return new NotFoundError('Photo file', key);
  const message = error instanceof Error ? error.message : String(error);
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new PermanentError('PROVIDER_UNAVAILABLE', `The photo storage refused the request (${status}): ${message}`, {
      cause: error,
    });
  }
  return new TransientError('PROVIDER_UNAVAILABLE', `The photo storage did not answer: ${message}`, { cause: error });
}
