import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AesGcmSecretCipher } from '../../../src/adapters/secrets/aes-gcm-secret-cipher.ts';
import { deriveStateKey, HmacOAuthStateSigner } from '../../../src/adapters/secrets/hmac-oauth-state-signer.ts';
import { loadConfig } from '../../../src/config.ts';
import type { EbayConnectionView, InventoryLocationView, SellerPolicies } from '../../../src/contracts/ebay-account.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import { FAKE_CLIENT_SECRET, startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { addFakeSeller, type FakeEbaySeller } from '../../fakes/ebay/fake-ebay-seller.ts';
import { databaseEngines } from '../../support/database.ts';
import { fakeEbayEnv, giveConsent } from '../../support/ebay-connection.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

const ADDRESS = { addressLine1: '2145 Hamilton Ave', city: 'San Jose', stateOrProvince: 'CA', postalCode: '95125', country: 'US' };

describe.each(databaseEngines)('connecting an eBay account on $name', (engine) => {
  let fake: StartedFakeEbay;
  let seller: FakeEbaySeller;
  let harness: TestContainer;
  let app: FastifyInstance;
  let env: Record<string, string>;
  const logLines: string[] = [];

  beforeAll(async () => {
    fake = await startFakeEbay();
    seller = addFakeSeller(fake);
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
    env = fakeEbayEnv(fake, { EBAY_ENVIRONMENT: 'sandbox' });
    harness = await openTestContainer(engine, { logger }, env);
    app = await buildHttpApp(harness.container.services, { logger, maxUploadBytes: 1_000_000, maxFilesPerRequest: 10 });
  });

  afterAll(async () => {
    await app?.close();
    await harness?.dispose();
    await fake?.server.stop();
  });

  beforeEach(async () => {
    await app.inject({ method: 'DELETE', url: '/api/ebay/connection' });
    fake.server.reset();
    fake.users.userTokenSeconds = 7200;
    fake.users.declineNext = false;
    seller.policies.clear();
    seller.locations.clear();
    logLines.length = 0;
  });

  /** The seller clicks "connect", agrees on eBay's page, and eBay sends them back. */
  async function connect(): Promise<{ status: number; body: unknown; callbackUrl: string }> {
    const start = await app.inject({ method: 'GET', url: '/api/ebay/connect' });
    expect(start.statusCode).toBe(302);
    const back = await giveConsent(String(start.headers.location));
    const callbackUrl = `/api/ebay/callback${back.search}`;
    const callback = await app.inject({ method: 'GET', url: callbackUrl });
    return { status: callback.statusCode, body: callback.json(), callbackUrl };
  }

  async function connection(): Promise<EbayConnectionView> {
    return (await app.inject({ method: 'GET', url: '/api/ebay/connection' })).json<EbayConnectionView>();
  }

  it('shows no connection before the seller connects', async () => {
    expect(await connection()).toMatchObject({ status: 'not_connected', environment: 'sandbox', scopes: [] });
  });

  it("sends the seller to eBay's consent page with our RuName, the seller scopes and a signed state", async () => {
    const start = await app.inject({ method: 'GET', url: '/api/ebay/connect?mode=json' });
    const { consentUrl } = start.json<{ consentUrl: string }>();
    const url = new URL(consentUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.baseUrl}/oauth2/authorize`);
    expect(url.searchParams.get('redirect_uri')).toBe(env.EBAY_RU_NAME);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')?.split(' ')).toEqual([
      'https://api.ebay.com/oauth/api_scope',
      'https://api.ebay.com/oauth/api_scope/sell.inventory',
      'https://api.ebay.com/oauth/api_scope/sell.account',
    ]);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('connects the account through the consent page and shows it connected, without any token', async () => {
    const { status, body } = await connect();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'connected', environment: 'sandbox', reason: null });
    const shown = await connection();
    expect(shown.status).toBe('connected');
    expect(shown.scopes).toContain('https://api.ebay.com/oauth/api_scope/sell.inventory');
    expect(Date.parse(shown.refreshTokenExpiresAt ?? '')).toBeGreaterThan(Date.now() + 365 * 86_400_000);
    const everything = JSON.stringify([body, shown]);
    for (const secret of [...fake.users.issuedRefreshTokens, ...fake.users.issuedUserTokens, ...fake.users.issuedCodes]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('keeps the refresh token encrypted in the database, under the configured key', async () => {
    await connect();
    const row = await harness.database.db.selectFrom('ebay_connections').selectAll().executeTakeFirstOrThrow();
    const refreshToken = fake.users.issuedRefreshTokens.at(-1);
    const accessToken = fake.users.issuedUserTokens.at(-1);
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(refreshToken);
    expect(raw).not.toContain(accessToken);
    const keys = loadConfig(env).ebay.tokenEncryptionKeys!;
    const cipher = new AesGcmSecretCipher(keys);
    expect(row.refresh_token_key_id).toBe(cipher.currentKeyId);
    expect(cipher.decrypt({ keyId: row.refresh_token_key_id, ciphertext: row.refresh_token_ciphertext })).toBe(refreshToken);
  });

  it('refuses a forged state, a replayed one and an expired one, with a clear 400', async () => {
    const { callbackUrl } = await connect();
    const grantsAfterConnecting = fake.users.codeGrantCount;
    const replayed = await app.inject({ method: 'GET', url: callbackUrl });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/already used/) } });

    const code = new URL(callbackUrl, 'http://x').searchParams.get('code') ?? '';
    const forgedState = new HmacOAuthStateSigner(Buffer.alloc(32, 7)).issue(new Date(Date.now() + 60_000)).state;
    const forged = await app.inject({ method: 'GET', url: `/api/ebay/callback?${new URLSearchParams({ code, state: forgedState }).toString()}` });
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ error: { message: expect.stringMatching(/did not come from a connection EasyFlip started/) } });

    const ourKey = deriveStateKey(loadConfig(env).ebay.tokenEncryptionKeys!.current);
    const lapsedState = new HmacOAuthStateSigner(ourKey).issue(new Date(Date.now() - 1000)).state;
    const expired = await app.inject({ method: 'GET', url: `/api/ebay/callback?${new URLSearchParams({ code, state: lapsedState }).toString()}` });
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toMatchObject({ error: { message: expect.stringMatching(/expired/) } });

    const missing = await app.inject({ method: 'GET', url: `/api/ebay/callback?code=${encodeURIComponent(code)}` });
    expect(missing.statusCode).toBe(400);
    expect(fake.users.codeGrantCount - grantsAfterConnecting).toBe(0);
  });

  it('connects nothing when the seller declines on eBay', async () => {
    fake.users.declineNext = true;
    const { status, body } = await connect();
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { message: expect.stringMatching(/declined/) } });
    expect((await connection()).status).toBe('not_connected');
  });

  it('renews the access token ahead of expiry once, and stores it for the other workers', async () => {
    fake.users.userTokenSeconds = 120; // inside the five-minute margin: the consent's token is renewed at once
    seller.policies.addStandardSet();
    await connect();
    fake.users.userTokenSeconds = 7200;
    const refreshesBefore = fake.users.refreshCount;
    expect((await app.inject({ method: 'GET', url: '/api/ebay/policies' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/ebay/locations' })).statusCode).toBe(200);
    expect(fake.users.refreshCount - refreshesBefore).toBe(1);
    const row = await harness.database.db.selectFrom('ebay_connections').selectAll().executeTakeFirstOrThrow();
    expect(row.access_token_ciphertext).not.toContain(fake.users.issuedUserTokens.at(-1));
  });

  it('marks the connection for reconnection when eBay revokes the sign-in, and publishing says so', async () => {
    fake.users.userTokenSeconds = 120;
    await connect();
    fake.users.revokeRefreshTokens();
    const refused = await app.inject({ method: 'GET', url: '/api/ebay/policies' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'EBAY_RECONNECT_REQUIRED' } });

    const shown = await connection();
    expect(shown.status).toBe('needs_reconnection');
    expect(shown.reason).toMatch(/revoked/);
    const { ebayAccount } = harness.container.services;
    await expect(ebayAccount.getPublishingSetup()).rejects.toMatchObject({ code: 'EBAY_RECONNECT_REQUIRED', retryable: false });
    const account = await harness.container.repositories.accounts.ensureDefault();
    await expect(harness.container.ebay.userTokens!.forAccount(account.id).getToken()).rejects.toMatchObject({ code: 'EBAY_RECONNECT_REQUIRED' });

    // Connecting again clears it.
    await connect();
    expect((await connection()).status).toBe('connected');
  });

  it("lists the seller's policies and locations from eBay and keeps the defaults chosen among them", async () => {
    const ids = seller.policies.addStandardSet();
    seller.locations.add('warehouse-7', { name: 'Garage', location: { address: ADDRESS } });
    await connect();
    const { ebayAccount } = harness.container.services;
    await expect(ebayAccount.getPublishingSetup()).rejects.toMatchObject({ code: 'EBAY_SETUP_INCOMPLETE', message: expect.stringMatching(/fulfillment.*payment.*return.*location/) });

    const policies = (await app.inject({ method: 'GET', url: '/api/ebay/policies' })).json<SellerPolicies>();
    expect(policies.marketplaceId).toBe('EBAY_US');
    expect(policies.fulfillment.map((policy) => policy.policyId)).toContain(ids.fulfillment);
    expect(policies.payment.map((policy) => policy.policyId)).toContain(ids.payment);
    expect(policies.return.map((policy) => policy.policyId)).toContain(ids.return);
    const { locations } = (await app.inject({ method: 'GET', url: '/api/ebay/locations' })).json<{ locations: InventoryLocationView[] }>();
    expect(locations).toContainEqual(expect.objectContaining({ merchantLocationKey: 'warehouse-7', status: 'ENABLED', address: expect.objectContaining({ postalCode: '95125' }) }));

    const chosen = { fulfillmentPolicyId: ids.fulfillment, paymentPolicyId: ids.payment, returnPolicyId: ids.return, merchantLocationKey: 'warehouse-7' };
    const unknown = await app.inject({ method: 'PUT', url: '/api/ebay/defaults', payload: { ...chosen, paymentPolicyId: '999' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { message: expect.stringMatching(/payment policy 999/) } });

    const saved = await app.inject({ method: 'PUT', url: '/api/ebay/defaults', payload: chosen });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<EbayConnectionView>().defaults).toEqual(chosen);
    await expect(ebayAccount.getPublishingSetup()).resolves.toMatchObject({
      environment: 'sandbox',
      marketplaceId: 'EBAY_US',
      policies: { fulfillmentPolicyId: ids.fulfillment, paymentPolicyId: ids.payment, returnPolicyId: ids.return },
      merchantLocationKey: 'warehouse-7',
    });
  });

  it('creates an inventory location from the address given when the seller has none, and makes it the default', async () => {
    await connect();
    expect((await app.inject({ method: 'GET', url: '/api/ebay/locations' })).json()).toEqual({ locations: [] });
    const noAddress = await app.inject({ method: 'POST', url: '/api/ebay/locations', payload: {} });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json()).toMatchObject({ error: { message: expect.stringMatching(/EBAY_LOCATION_COUNTRY/) } });

    const created = await app.inject({ method: 'POST', url: '/api/ebay/locations', payload: { address: ADDRESS } });
    expect(created.statusCode).toBe(201);
    const key = created.json<InventoryLocationView>().merchantLocationKey;
    expect(seller.locations.list()).toHaveLength(1);
    expect(seller.locations.get(key)).toMatchObject({ location: { address: ADDRESS }, merchantLocationStatus: 'ENABLED' });
    expect((await connection()).defaults.merchantLocationKey).toBe(key);

    const again = await app.inject({ method: 'POST', url: '/api/ebay/locations', payload: { merchantLocationKey: key, address: ADDRESS } });
    expect(again.statusCode).toBe(409);
  });

  it('disconnects, after which publishing says no account is connected', async () => {
    await connect();
    const removed = await app.inject({ method: 'DELETE', url: '/api/ebay/connection' });
    expect(removed.json()).toEqual({ disconnected: true });
    expect((await connection()).status).toBe('not_connected');
    await expect(harness.container.services.ebayAccount.getPublishingSetup()).rejects.toMatchObject({ code: 'EBAY_NOT_CONNECTED' });
  });

  it('never writes a token, the client secret or the authorization code to the logs', async () => {
    fake.users.userTokenSeconds = 120;
    seller.policies.addStandardSet();
    const { callbackUrl } = await connect();
    await app.inject({ method: 'GET', url: callbackUrl });
    await app.inject({ method: 'GET', url: '/api/ebay/policies' });
    await app.inject({ method: 'POST', url: '/api/ebay/locations', payload: { address: ADDRESS } });
    fake.users.revokeRefreshTokens();
    fake.users.userTokenSeconds = 1;
    await connect();
    await app.inject({ method: 'GET', url: '/api/ebay/locations' });

    const logs = logLines.join('');
    expect(logs).toContain('/api/ebay/callback');
    expect(logs).toContain('eBay account connected');
    const secrets = [FAKE_CLIENT_SECRET, ...fake.users.issuedRefreshTokens, ...fake.users.issuedUserTokens, ...fake.users.issuedCodes];
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(logs).not.toContain(encodeURIComponent(secret));
    }
  });
});
