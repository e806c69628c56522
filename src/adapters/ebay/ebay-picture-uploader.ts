import { createHash } from 'node:crypto';
import { PermanentError } from '../../contracts/errors.ts';
import type { PhotoStore } from '../../ports/photo-store.ts';
import type { MarketplaceEnvironment, MarketplaceImageRepository } from '../../ports/publication-repositories.ts';
import type { PhotoRecord } from '../../ports/repositories.ts';
import type { UploadedImage } from './ebay-media-api.ts';

/** A picture is uploaded again when eBay would drop it within this long. */
const EXPIRY_MARGIN_MS = 24 * 60 * 60_000;

/** What uploads a picture to eBay Picture Service (the Media API adapter). */
export interface PictureUploadTarget {
  createImageFromFile(image: { bytes: Uint8Array; fileName: string; contentType: string }, subject: string): Promise<UploadedImage>;
}

export interface EbayPictureUploaderOptions {
  environment: MarketplaceEnvironment;
  photoStore: PhotoStore;
  images: MarketplaceImageRepository;
  now?: () => number;
}

/** The content hash of the eBay rendition: its content-addressed key ends with it. */
export function contentHashOfRendition(key: string, bytes?: Uint8Array): string {
  const fromKey = /([0-9a-f]{64})$/.exec(key)?.[1];
  if (fromKey) return fromKey;
  if (!bytes) throw new Error(`The photo key ${key} does not name its content hash`);
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Each photo's eBay rendition (1600 px, metadata stripped) on eBay Picture Service, uploaded once
 * per content hash: the URL is kept in the database, and photos whose bytes are the same share it.
 * Two uploads of the same bytes in flight at once in this process become one.
 */
export class EbayPictureUploader {
  readonly #options: EbayPictureUploaderOptions;
  readonly #inFlight = new Map<string, Promise<string>>();
  readonly #now: () => number;

  constructor(options: EbayPictureUploaderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The picture URLs of the photos, in their order. */
  async ensureUploaded(photos: readonly PhotoRecord[], target: PictureUploadTarget, subject: string): Promise<string[]> {
    const urls: string[] = [];
    // One after another: the Media API's limit is per seller, and the order is the listing's.
    for (const [index, photo] of photos.entries()) urls.push(await this.#ensureOne(photo, target, `${subject}, photo ${index + 1}`));
    return urls;
  }

  async #ensureOne(photo: PhotoRecord, target: PictureUploadTarget, subject: string): Promise<string> {
    const key = photo.ebayKey;
    if (!key) throw new PermanentError('VALIDATION_FAILED', `${subject} (${photo.originalName}) has no eBay rendition: it was not ingested. Remove it or ingest it again.`);
    const hash = contentHashOfRendition(key);
    const pending = this.#inFlight.get(hash);
    if (pending) return pending;
    const upload = this.#upload(hash, key, photo, target, subject).finally(() => this.#inFlight.delete(hash));
    this.#inFlight.set(hash, upload);
    return upload;
  }

  async #upload(hash: string, key: string, photo: PhotoRecord, target: PictureUploadTarget, subject: string): Promise<string> {
    const { environment, images, photoStore } = this.#options;
    const known = await images.find(environment, hash);
    if (known && (known.expiresAt === null || known.expiresAt.getTime() - EXPIRY_MARGIN_MS > this.#now())) return known.imageUrl;
    const bytes = await photoStore.read(key);
    const fileName = `${photo.originalName.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;
    const uploaded = await target.createImageFromFile({ bytes, fileName, contentType: 'image/jpeg' }, subject);
    await images.save(environment, hash, { imageUrl: uploaded.imageUrl, imageId: uploaded.imageId, expiresAt: uploaded.expiresAt });
    return uploaded.imageUrl;
  }
}
