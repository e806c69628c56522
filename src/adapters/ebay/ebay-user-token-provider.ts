import { ebayNotConnectedError, ebayReconnectRequiredError } from '../../contracts/ebay-account.ts';
import type { EbayConnectionRecord, EbayConnectionRepository, EbayEnvironmentName } from '../../ports/ebay-connection-repository.ts';
import type { Logger } from '../../ports/logger.ts';
import type { SecretCipher } from '../../ports/secret-cipher.ts';
import type { EbayTokenSource } from './ebay-application-token-provider.ts';
import type { EbayUserTokenRefresher } from './ebay-oauth-client.ts';

export interface EbayUserTokenProviderOptions {
  accountId: string;
  /** The environment this installation talks to; a connection made in the other one must be made again. */
  environment: EbayEnvironmentName;
  connections: EbayConnectionRepository;
  cipher: SecretCipher;
  oauth: EbayUserTokenRefresher;
  logger?: Logger;
  now?: () => number;
  /** A token is renewed this long before it expires, so no call carries a dying one. */
  refreshMarginMs?: number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
  connectionId: string;
}

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A seller's eBay access token, from the refresh token kept (encrypted) with their connection.
 * Renewed ahead of expiry, once for all callers of this process waiting at the same time; a
 * renewed token is stored, so other workers reuse it instead of renewing again. When eBay
 * refuses the refresh token, the connection is marked as needing reconnection with the reason,
 * and every call fails with EBAY_RECONNECT_REQUIRED (a PermanentError: publishing pauses).
 */
export class EbayUserTokenProvider implements EbayTokenSource {
  readonly accountId: string;
  readonly #options: EbayUserTokenProviderOptions;
  readonly #now: () => number;
  readonly #marginMs: number;
  #cached: CachedToken | null = null;
  #rejected: string | null = null;
  #pending: Promise<string> | null = null;
  #refreshes = 0;

  constructor(options: EbayUserTokenProviderOptions) {
    this.accountId = options.accountId;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  }

  /** How many times this provider asked eBay for a new access token. */
  get refreshCount(): number {
    return this.#refreshes;
  }

  async getToken(): Promise<string> {
    // The connection is read on every call: a seller who disconnected or reconnected (in any
    // process) is seen at once, and the renewal below stays single-flight.
    const connection = await this.#loadConnection();
    const cached = this.#cached;
    if (cached && cached.connectionId === connection.id && this.#isFresh(cached.expiresAt)) return cached.token;
    this.#pending ??= this.#obtain(connection).finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  invalidate(token: string): void {
    this.#rejected = token;
    if (this.#cached?.token === token) this.#cached = null;
  }

  #isFresh(expiresAt: number): boolean {
    return this.#now() < expiresAt - this.#marginMs;
  }

  async #loadConnection(): Promise<EbayConnectionRecord> {
    const connection = await this.#options.connections.findByAccount(this.accountId);
    if (!connection) throw ebayNotConnectedError();
    if (connection.status === 'needs_reconnection') throw ebayReconnectRequiredError(connection.statusReason ?? 'eBay refused the stored sign-in.');
    if (connection.environment !== this.#options.environment) {
      throw ebayReconnectRequiredError(
        `the account was connected to eBay's ${connection.environment}, and EBAY_ENVIRONMENT is now ${this.#options.environment}.`,
      );
    }
    return connection;
  }

  async #obtain(connection: EbayConnectionRecord): Promise<string> {
    const { cipher } = this.#options;
    // Another worker may have renewed it a moment ago.
    if (connection.accessToken && connection.accessTokenExpiresAt && this.#isFresh(connection.accessTokenExpiresAt.getTime())) {
      const stored = cipher.decrypt(connection.accessToken);
      if (stored !== this.#rejected) {
        this.#cached = { token: stored, expiresAt: connection.accessTokenExpiresAt.getTime(), connectionId: connection.id };
        return stored;
      }
    }

    if (connection.refreshTokenExpiresAt && connection.refreshTokenExpiresAt.getTime() <= this.#now()) {
      return this.#giveUp(connection, `the eBay sign-in expired on ${connection.refreshTokenExpiresAt.toISOString().slice(0, 10)}.`);
    }
    return this.#refresh(connection);
  }

  async #refresh(connection: EbayConnectionRecord): Promise<string> {
    const { connections, cipher, oauth, logger } = this.#options;
    const refreshToken = cipher.decrypt(connection.refreshToken);
    this.#refreshes += 1;
    const outcome = await oauth.refresh(refreshToken, connection.scopes);
    if (!outcome.refreshed) return this.#giveUp(connection, outcome.reason);

    const newRefreshToken = outcome.refreshToken;
    const rotated = connection.refreshToken.keyId !== cipher.currentKeyId;
    await connections.saveAccessToken(connection.id, {
      accessToken: cipher.encrypt(outcome.accessToken),
      accessTokenExpiresAt: outcome.accessTokenExpiresAt,
      // Written again under the current key after a rotation, or replaced when eBay sent a new one.
      ...(newRefreshToken || rotated ? { refreshToken: cipher.encrypt(newRefreshToken ?? refreshToken) } : {}),
    });
    this.#cached = { token: outcome.accessToken, expiresAt: outcome.accessTokenExpiresAt.getTime(), connectionId: connection.id };
    this.#rejected = null;
    logger?.info({ accountId: connection.accountId, expiresAt: outcome.accessTokenExpiresAt.toISOString() }, 'eBay access token renewed');
    return outcome.accessToken;
  }

  async #giveUp(connection: EbayConnectionRecord, reason: string): Promise<never> {
    await this.#options.connections.markNeedsReconnection(connection.id, reason);
    this.#cached = null;
    this.#options.logger?.warn({ accountId: connection.accountId, reason }, 'eBay connection needs the seller to reconnect');
    throw ebayReconnectRequiredError(reason);
  }
}

/** One token provider per account in this process, so renewals are shared by every caller. */
export class EbayUserTokenProviders {
  readonly #providers = new Map<string, EbayUserTokenProvider>();
  readonly #create: (accountId: string) => EbayUserTokenProvider;

  constructor(create: (accountId: string) => EbayUserTokenProvider) {
    this.#create = create;
  }

  forAccount(accountId: string): EbayUserTokenProvider {
    let provider = this.#providers.get(accountId);
    if (!provider) {
      provider = this.#create(accountId);
      this.#providers.set(accountId, provider);
    }
    return provider;
  }
}
