/** The Sell Inventory operations the publisher calls; the error catalog covers exactly these. */
export const PUBLISHER_OPERATIONS = [
  'createOrReplaceInventoryItem',
  'bulkCreateOrReplaceInventoryItem',
  'getOffers',
  'getOffer',
  'createOffer',
  'updateOffer',
  'bulkCreateOffer',
  'publishOffer',
  'bulkPublishOffer',
] as const;

export type PublisherOperation = (typeof PUBLISHER_OPERATIONS)[number];
