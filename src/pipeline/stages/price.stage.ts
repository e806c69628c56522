import { NotFoundError } from '../../contracts/errors.ts';
import type { PriceEstimate } from '../../contracts/item.ts';
import type { ItemStagePayload } from '../../contracts/stages.ts';
import type { StagePorts } from './stage-ports.ts';

export interface PriceOutcome {
  stage: 'price';
  estimate: PriceEstimate['status'];
}

const NO_SOURCE: PriceEstimate = {
  status: 'no_source',
  reason:
    'No price source is configured: connect an eBay account to price from sold and active listings, or set the price in review.',
};

/**
 * Prices the item from comparables. With no comparables source configured the item says so
 * plainly and waits for the seller's price: a guessed price would cost the seller money.
 */
export async function priceItem(payload: ItemStagePayload, ports: StagePorts): Promise<PriceOutcome> {
  const item = await ports.repositories.items.get(payload.itemId);
  if (!item) throw new NotFoundError('Item', payload.itemId);
  await ports.repositories.prices.save(item.id, NO_SOURCE);
  return { stage: 'price', estimate: NO_SOURCE.status };
}
