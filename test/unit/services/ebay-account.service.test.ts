import { describe, expect, it } from 'vitest';
import { EbayAccountService } from '../../../src/services/ebay-account.service.ts';
import { InMemoryEbayConnectionRepository } from '../../fakes/in-memory-ebay-connection-repository.ts';

const ACCOUNT = { id: '00000000-0000-4000-8000-000000000001', name: 'Local seller' };
const OPTIONS = { environment: 'production' as const, marketplaceId: 'EBAY_US', scopes: ['https://api.ebay.com/oauth/api_scope'], defaultLocation: null };
const SECRET = { keyId: 'k1', ciphertext: 'v1.opaque' };

function makeService(connections = new InMemoryEbayConnectionRepository()) {
  const repositories = {
    accounts: { ensureDefault: () => Promise.resolve(ACCOUNT) },
    audit: { record: () => Promise.resolve() },
    ebayConnections: connections,
  };
  return { service: new EbayAccountService(repositories, null, OPTIONS), connections };
}

describe('EbayAccountService', () => {
  it('says which settings are missing when connecting is not set up', async () => {
    const { service } = makeService();
    await expect(service.startConnection()).rejects.toThrow(/EBAY_CLIENT_ID, EBAY_CLIENT_SECRET, EBAY_RU_NAME and EBAY_TOKEN_ENCRYPTION_KEY/);
    await expect(service.getConnection()).resolves.toMatchObject({ status: 'not_connected', environment: 'production' });
  });

  it('tells publishing to connect an account when there is none', async () => {
    const { service } = makeService();
    await expect(service.getPublishingSetup()).rejects.toMatchObject({ code: 'EBAY_NOT_CONNECTED', retryable: false });
  });

  it('tells publishing to reconnect when the account was connected to the other eBay environment', async () => {
    const { service, connections } = makeService();
    await connections.saveConnection({
      accountId: ACCOUNT.id,
      environment: 'sandbox',
      scopes: OPTIONS.scopes,
      refreshToken: SECRET,
      refreshTokenExpiresAt: null,
      accessToken: SECRET,
      accessTokenExpiresAt: new Date(),
    });
    await expect(service.getPublishingSetup()).rejects.toMatchObject({ code: 'EBAY_RECONNECT_REQUIRED', message: expect.stringMatching(/sandbox.*production/) });
  });

  it('names every default still to choose', async () => {
    const { service, connections } = makeService();
    const connection = await connections.saveConnection({
      accountId: ACCOUNT.id,
      environment: 'production',
      scopes: OPTIONS.scopes,
      refreshToken: SECRET,
      refreshTokenExpiresAt: null,
      accessToken: SECRET,
      accessTokenExpiresAt: new Date(),
    });
    await connections.saveDefaults(connection.id, { fulfillmentPolicyId: 'f1', paymentPolicyId: null, returnPolicyId: 'r1', merchantLocationKey: null });
    const failure: unknown = await service.getPublishingSetup().then(
      () => null,
      (error: unknown) => error,
    );
    if (!(failure instanceof Error)) throw new Error('publishing setup was given');
    expect(failure).toMatchObject({ code: 'EBAY_SETUP_INCOMPLETE' });
    expect(failure.message).toMatch(/a payment policy, an inventory location/);
    expect(failure.message).not.toMatch(/fulfillment|return policy/);
  });
});
