/** eBay's user scopes EasyFlip asks a seller for. */
export const EBAY_SELLER_SCOPES = [
  'https://api.ebay.com/oauth/api_scope',
  'https://api.ebay.com/oauth/api_scope/sell.inventory',
  'https://api.ebay.com/oauth/api_scope/sell.account',
] as const;
/** Sold comparables; limited release, asked for only when configured. */
export const EBAY_MARKETPLACE_INSIGHTS_SCOPE = 'https://api.ebay.com/oauth/api_scope/buy.marketplace.insights';
