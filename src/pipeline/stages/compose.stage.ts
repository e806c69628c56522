import { NotFoundError, PermanentError } from '../../contracts/errors.ts';
import type { ItemStagePayload } from '../../contracts/stages.ts';
import { composeListing } from '../../domain/listing/compose-listing.ts';
import type { StagePorts } from './stage-ports.ts';

export interface ComposeOutcome {
  stage: 'compose';
  title: string;
}

/** Turns the item's analysed attributes into a listing draft: category, specifics, title, description. */
export async function composeItemListing(payload: ItemStagePayload, ports: StagePorts): Promise<ComposeOutcome> {
  const { items, analyses, listings } = ports.repositories;
  const item = await items.get(payload.itemId);
  if (!item) throw new NotFoundError('Item', payload.itemId);
  const analysis = await analyses.get(item.id);
  if (!analysis) {
    throw new PermanentError('VALIDATION_FAILED', `Item ${item.position} has no analysis to compose a listing from.`);
  }
  const draft = composeListing({
    sku: item.sku,
    attributes: analysis.attributes,
    weightGrams: item.weight?.grams ?? null,
    productCode: item.productCode,
  });
  await listings.save(item.id, draft);
  return { stage: 'compose', title: draft.title };
}
