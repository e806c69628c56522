import type { Readable } from 'node:stream';
import { NotFoundError } from '../contracts/errors.ts';
import type { PhotoStore } from '../ports/photo-store.ts';
import type { Repositories } from '../ports/repositories.ts';

export type PhotoVariant = 'thumbnail' | 'ai' | 'ebay';

/** Serves a photo's derivatives (never the original: only derivatives are stripped of metadata). */
export class PhotoService {
  constructor(
    private readonly repositories: Repositories,
    private readonly photoStore: PhotoStore,
  ) {}

  async openDerivative(photoId: string, variant: PhotoVariant): Promise<Readable> {
    const photo = await this.repositories.photos.get(photoId);
    const key = photo ? { thumbnail: photo.thumbnailKey, ai: photo.aiKey, ebay: photo.ebayKey }[variant] : null;
    if (!key) throw new NotFoundError('Photo', `${photoId}/${variant}`);
    return this.photoStore.openReadStream(key);
  }
}
