import { NotFoundError, PermanentError } from '../../contracts/errors.ts';
import type { ItemStagePayload } from '../../contracts/stages.ts';
import type { StagePorts } from './stage-ports.ts';

export interface PublishOutcome {
  stage: 'publish';
  listingId: string;
}

/** Publishes an approved item's listing through the connected marketplace account. */
export async function publishItem(payload: ItemStagePayload, ports: StagePorts): Promise<PublishOutcome> {
  const { items, listings } = ports.repositories;
  if (!ports.listingPublisher) {
    throw new PermanentError(
      'PROVIDER_UNAVAILABLE',
      'No eBay account is connected, so nothing can be published: export the batch as a Seller Hub CSV instead.',
    );
  }
  const item = await items.get(payload.itemId);
  if (!item) throw new NotFoundError('Item', payload.itemId);
  const listing = await listings.get(item.id);
  if (!listing) throw new PermanentError('VALIDATION_FAILED', `Item ${item.position} has no listing to publish.`);
  const photos = (await items.listPhotos(item.id)).filter((photo) => photo.role === 'item');
  const published = await ports.listingPublisher.publish({ item, listing, photos });
  await items.setStatus(item.id, 'published');
  return { stage: 'publish', listingId: published.listingId };
}
