import { randomUUID } from 'node:crypto';
import type {
  EbayConnectionRecord,
  EbayConnectionRepository,
  EbaySellerDefaults,
  NewEbayConnection,
} from '../../src/ports/ebay-connection-repository.ts';
import type { EncryptedSecret } from '../../src/ports/secret-cipher.ts';

const NO_DEFAULTS: EbaySellerDefaults = { fulfillmentPolicyId: null, paymentPolicyId: null, returnPolicyId: null, merchantLocationKey: null };

/** The connection repository in memory, for unit tests of what uses it; counts its writes. */
export class InMemoryEbayConnectionRepository implements EbayConnectionRepository {
  readonly #connections = new Map<string, EbayConnectionRecord>();
  readonly #states = new Map<string, { accountId: string; expiresAt: Date }>();
  accessTokenWrites = 0;

  findByAccount(accountId: string): Promise<EbayConnectionRecord | null> {
    const found = this.#connections.get(accountId);
    return Promise.resolve(found ? structuredClone(found) : null);
  }

  saveConnection(connection: NewEbayConnection): Promise<EbayConnectionRecord> {
    const now = new Date();
    const record: EbayConnectionRecord = {
      id: randomUUID(),
      accountId: connection.accountId,
      environment: connection.environment,
      status: 'connected',
      statusReason: null,
      scopes: [...connection.scopes],
      refreshToken: connection.refreshToken,
      refreshTokenExpiresAt: connection.refreshTokenExpiresAt,
      accessToken: connection.accessToken,
      accessTokenExpiresAt: connection.accessTokenExpiresAt,
      defaults: this.#connections.get(connection.accountId)?.defaults ?? NO_DEFAULTS,
      connectedAt: now,
      updatedAt: now,
    };
    this.#connections.set(connection.accountId, record);
    return Promise.resolve(structuredClone(record));
  }

  saveAccessToken(connectionId: string, update: { accessToken: EncryptedSecret; accessTokenExpiresAt: Date; refreshToken?: EncryptedSecret }): Promise<boolean> {
    const record = this.#byId(connectionId);
    if (!record || record.status !== 'connected') return Promise.resolve(false);
    this.accessTokenWrites += 1;
    record.accessToken = update.accessToken;
    record.accessTokenExpiresAt = update.accessTokenExpiresAt;
    if (update.refreshToken) record.refreshToken = update.refreshToken;
    return Promise.resolve(true);
  }

  markNeedsReconnection(connectionId: string, reason: string): Promise<void> {
    const record = this.#byId(connectionId);
    if (record) Object.assign(record, { status: 'needs_reconnection', statusReason: reason, accessToken: null, accessTokenExpiresAt: null });
    return Promise.resolve();
  }

  saveDefaults(connectionId: string, defaults: EbaySellerDefaults): Promise<void> {
    const record = this.#byId(connectionId);
    if (record) record.defaults = { ...defaults };
    return Promise.resolve();
  }

  deleteByAccount(accountId: string): Promise<boolean> {
    return Promise.resolve(this.#connections.delete(accountId));
  }

  saveOAuthState(state: { nonce: string; accountId: string; expiresAt: Date }): Promise<void> {
    this.#states.set(state.nonce, { accountId: state.accountId, expiresAt: state.expiresAt });
    return Promise.resolve();
  }

  consumeOAuthState(nonce: string, now: Date): Promise<{ accountId: string } | null> {
    const state = this.#states.get(nonce);
    this.#states.delete(nonce);
    return Promise.resolve(state && state.expiresAt > now ? { accountId: state.accountId } : null);
  }

  #byId(connectionId: string): EbayConnectionRecord | undefined {
    return [...this.#connections.values()].find((record) => record.id === connectionId);
  }
}
