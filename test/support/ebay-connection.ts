import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import type { EbayConnectionView } from '../../src/contracts/ebay-account.ts';
import type { EbayAccountService } from '../../src/services/ebay-account.service.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_RU_NAME, type StartedFakeEbay } from '../fakes/ebay/fake-ebay.ts';

/** A token-encryption key of the right size, new for each test run. */
export function generateEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}

/** The settings that point an installation at the fake eBay, with account connection on. */
export function fakeEbayEnv(fake: StartedFakeEbay, extra: Record<string, string> = {}): Record<string, string> {
  return {
    EBAY_CLIENT_ID: FAKE_CLIENT_ID,
    EBAY_CLIENT_SECRET: FAKE_CLIENT_SECRET,
    EBAY_RU_NAME: FAKE_RU_NAME,
    EBAY_API_BASE_URL: fake.baseUrl,
    EBAY_AUTH_BASE_URL: fake.baseUrl,
    EBAY_TOKEN_ENCRYPTION_KEY: generateEncryptionKey(),
    ...extra,
  };
}

/**
 * Follows eBay's consent page as a seller who agrees: the URL eBay sends them back to. A
 * connection of its own (no keep-alive pool), as a browser coming from elsewhere would.
 */
export function giveConsent(consentUrl: string): Promise<URL> {
  return new Promise((resolve, reject) => {
    const request = get(consentUrl, { agent: false }, (response) => {
      const location = response.headers.location;
      response.resume();
      if (response.statusCode !== 302 || !location) reject(new Error(`The fake consent page answered ${response.statusCode}`));
      else resolve(new URL(location));
    });
    request.on('error', reject);
  });
}

/**
 * A connected seller in two calls: the service's consent link, the fake's consent page, and the
 * callback with the code and state it sent back. The container must point at the fake (`fakeEbayEnv`).
 */
export async function connectFakeSeller(service: EbayAccountService): Promise<EbayConnectionView> {
  const { consentUrl } = await service.startConnection();
  const back = await giveConsent(consentUrl);
  return service.completeConnection({
    code: back.searchParams.get('code') ?? undefined,
    state: back.searchParams.get('state') ?? undefined,
    error: back.searchParams.get('error') ?? undefined,
  });
}
