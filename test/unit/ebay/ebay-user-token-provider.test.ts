import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EbayRefreshOutcome, EbayUserTokenRefresher } from '../../../src/adapters/ebay/ebay-oauth-client.ts';
import { EbayUserTokenProvider, EbayUserTokenProviders } from '../../../src/adapters/ebay/ebay-user-token-provider.ts';
import { AesGcmSecretCipher } from '../../../src/adapters/secrets/aes-gcm-secret-cipher.ts';
import { PermanentError, type EasyFlipError } from '../../../src/contracts/errors.ts';
import { InMemoryEbayConnectionRepository } from '../../fakes/in-memory-ebay-connection-repository.ts';

const ACCOUNT = '00000000-0000-4000-8000-000000000001';
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SCOPES = ['https://api.ebay.com/oauth/api_scope', 'https://api.ebay.com/oauth/api_scope/sell.inventory'];

/** eBay's refresh token grant, scripted: each refresh gives a new two-hour token, or eBay's refusal. */
class ScriptedRefresher implements EbayUserTokenRefresher {
  calls: Array<{ refreshToken: string; scopes: readonly string[] }> = [];
  refuse = false;
  #gate: Promise<void> = Promise.resolve();
  #release: () => void = () => {};

  constructor(private readonly clock: { now: number }) {}

  /** Refreshes wait until `release()`, so callers can pile up behind one. */
  hold(): void {
    this.#gate = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  release(): void {
    this.#release();
  }

  async refresh(refreshToken: string, scopes: readonly string[]): Promise<EbayRefreshOutcome> {
    this.calls.push({ refreshToken, scopes });
    await this.#gate;
    if (this.refuse) return { refreshed: false, reason: 'eBay refused the stored sign-in (it was revoked, expired, or the password changed).' };
    return {
      refreshed: true,
      accessToken: `access-${this.calls.length}`,
      accessTokenExpiresAt: new Date(this.clock.now + 2 * HOUR),
      refreshToken: null,
      refreshTokenExpiresAt: null,
    };
  }
}

describe('EbayUserTokenProvider', () => {
  let clock: { now: number };
  let connections: InMemoryEbayConnectionRepository;
  let cipher: AesGcmSecretCipher;
  let refresher: ScriptedRefresher;

  const makeProvider = (overrides: { cipher?: AesGcmSecretCipher } = {}) =>
    new EbayUserTokenProvider({
      accountId: ACCOUNT,
      environment: 'production',
      connections,
      cipher: overrides.cipher ?? cipher,
      oauth: refresher,
      now: () => clock.now,
      refreshMarginMs: 5 * MINUTE,
    });

  const connect = async (accessTokenExpiresAt: number, options: { refreshTokenExpiresAt?: Date | null; cipher?: AesGcmSecretCipher } = {}) => {
    const using = options.cipher ?? cipher;
    return connections.saveConnection({
      accountId: ACCOUNT,
      environment: 'production',
      scopes: SCOPES,
      refreshToken: using.encrypt('refresh-token-of-the-seller'),
      refreshTokenExpiresAt: options.refreshTokenExpiresAt ?? new Date(clock.now + 500 * 24 * HOUR),
      accessToken: using.encrypt('access-from-consent'),
      accessTokenExpiresAt: new Date(accessTokenExpiresAt),
    });
  };

  beforeEach(() => {
    clock = { now: Date.parse('2026-03-01T10:00:00Z') };
    connections = new InMemoryEbayConnectionRepository();
    cipher = new AesGcmSecretCipher({ current: randomBytes(32) });
    refresher = new ScriptedRefresher(clock);
  });

  it('uses the access token from the consent while it has more than the margin left', async () => {
    await connect(clock.now + 2 * HOUR);
    const provider = makeProvider();
    expect(await provider.getToken()).toBe('access-from-consent');
    clock.now += 2 * HOUR - 5 * MINUTE - 1;
    expect(await provider.getToken()).toBe('access-from-consent');
    expect(refresher.calls).toHaveLength(0);
  });

  it('renews the token once it is within the margin of expiry, with the stored refresh token and scopes', async () => {
    await connect(clock.now + 2 * HOUR);
    const provider = makeProvider();
    await provider.getToken();
    clock.now += 2 * HOUR - 5 * MINUTE;
    expect(await provider.getToken()).toBe('access-1');
    expect(refresher.calls).toEqual([{ refreshToken: 'refresh-token-of-the-seller', scopes: SCOPES }]);
    expect(provider.refreshCount).toBe(1);
  });

  it('renews once for all callers waiting at the same time', async () => {
    await connect(clock.now - 1);
    const provider = makeProvider();
    refresher.hold();
    const waiting = Array.from({ length: 10 }, () => provider.getToken());
    await new Promise((resolve) => setImmediate(resolve));
    refresher.release();
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['access-1']));
    expect(refresher.calls).toHaveLength(1);
  });

  it('stores the renewed token encrypted, so another worker uses it instead of renewing again', async () => {
    await connect(clock.now - 1);
    expect(await makeProvider().getToken()).toBe('access-1');
    const stored = await connections.findByAccount(ACCOUNT);
    expect(stored?.accessToken?.ciphertext).not.toContain('access-1');
    expect(cipher.decrypt(stored!.accessToken!)).toBe('access-1');

    const otherWorker = makeProvider();
    expect(await otherWorker.getToken()).toBe('access-1');
    expect(refresher.calls).toHaveLength(1);
  });

  it('renews a token eBay refused, even before its expiry', async () => {
    await connect(clock.now + 2 * HOUR);
    const provider = makeProvider();
    const refused = await provider.getToken();
    provider.invalidate(refused);
    expect(await provider.getToken()).toBe('access-1');
  });

  it('marks the connection for reconnection and pauses publishing when eBay refuses the refresh token', async () => {
    await connect(clock.now - 1);
    refresher.refuse = true;
    const provider = makeProvider();
    const failure = await provider.getToken().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermanentError);
    expect((failure as EasyFlipError).code).toBe('EBAY_RECONNECT_REQUIRED');
    expect((failure as Error).message).toMatch(/revoked.*Reconnect it/);

    const stored = await connections.findByAccount(ACCOUNT);
    expect(stored).toMatchObject({ status: 'needs_reconnection', accessToken: null });
    expect(stored?.statusReason).toMatch(/revoked/);

    // Later calls fail the same way without asking eBay again.
    await expect(provider.getToken()).rejects.toMatchObject({ code: 'EBAY_RECONNECT_REQUIRED' });
    expect(refresher.calls).toHaveLength(1);
  });

  it('does not ask eBay with a refresh token past its own expiry', async () => {
    await connect(clock.now - 1, { refreshTokenExpiresAt: new Date(clock.now - HOUR) });
    await expect(makeProvider().getToken()).rejects.toMatchObject({ code: 'EBAY_RECONNECT_REQUIRED', message: expect.stringMatching(/expired on 2026-03-01/) });
    expect(refresher.calls).toHaveLength(0);
    expect((await connections.findByAccount(ACCOUNT))?.status).toBe('needs_reconnection');
  });

  it('says no account is connected when there is none', async () => {
    await expect(makeProvider().getToken()).rejects.toMatchObject({ code: 'EBAY_NOT_CONNECTED' });
  });

  it('stops handing out the cached token once the seller disconnected', async () => {
    await connect(clock.now + 2 * HOUR);
    const provider = makeProvider();
    await provider.getToken();
    await connections.deleteByAccount(ACCOUNT);
    await expect(provider.getToken()).rejects.toMatchObject({ code: 'EBAY_NOT_CONNECTED' });
  });

  it('writes the refresh token again under the current key after a key rotation', async () => {
    const oldKey = randomBytes(32);
    const oldCipher = new AesGcmSecretCipher({ current: oldKey });
    await connect(clock.now - 1, { cipher: oldCipher });
    const rotated = new AesGcmSecretCipher({ current: randomBytes(32), previous: [oldKey] });
    expect(await makeProvider({ cipher: rotated }).getToken()).toBe('access-1');
    const stored = await connections.findByAccount(ACCOUNT);
    expect(stored?.refreshToken.keyId).toBe(rotated.currentKeyId);
    expect(rotated.decrypt(stored!.refreshToken)).toBe('refresh-token-of-the-seller');
  });

  it('keeps one provider per account in a process', () => {
    const providers = new EbayUserTokenProviders(() => makeProvider());
    expect(providers.forAccount(ACCOUNT)).toBe(providers.forAccount(ACCOUNT));
  });
});
