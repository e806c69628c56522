/** eBay's two worlds: real listings, and the sandbox where nothing is sold. */
export type EbayEnvironment = 'production' | 'sandbox';

/** Hosts of the REST APIs and the OAuth token endpoint (both live on the api host). */
export const EBAY_API_BASE_URLS: Readonly<Record<EbayEnvironment, string>> = {
  production: 'https://api.ebay.com',
  sandbox: 'https://api.sandbox.ebay.com',
};

/** The base URL for an environment; an explicit override (a local fake, a proxy) wins. */
export function resolveEbayBaseUrl(environment: EbayEnvironment, override?: string | null): string {
  return (override ?? EBAY_API_BASE_URLS[environment]).replace(/\/+$/, '');
}
