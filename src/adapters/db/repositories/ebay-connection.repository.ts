import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type {
  EbayConnectionRecord,
  EbayConnectionRepository,
  EbaySellerDefaults,
  NewEbayConnection,
} from '../../../ports/ebay-connection-repository.ts';
import type { EncryptedSecret } from '../../../ports/secret-cipher.ts';
import type { Database, EbayConnectionsTable } from '../schema.ts';

function toRecord(row: Selectable<EbayConnectionsTable>): EbayConnectionRecord {
  const accessToken =
    row.access_token_ciphertext !== null && row.access_token_key_id !== null
      ? { keyId: row.access_token_key_id, ciphertext: row.access_token_ciphertext }
      : null;
  return {
    id: row.id,
    accountId: row.account_id,
    environment: row.environment,
    status: row.status,
    statusReason: row.status_reason,
    scopes: row.scopes,
    refreshToken: { keyId: row.refresh_token_key_id, ciphertext: row.refresh_token_ciphertext },
    refreshTokenExpiresAt: row.refresh_token_expires_at,
    accessToken,
    accessTokenExpiresAt: accessToken ? row.access_token_expires_at : null,
    defaults: {
      fulfillmentPolicyId: row.fulfillment_policy_id,
      paymentPolicyId: row.payment_policy_id,
      returnPolicyId: row.return_policy_id,
      merchantLocationKey: row.merchant_location_key,
    },
    connectedAt: row.connected_at,
    updatedAt: row.updated_at,
  };
}

export class KyselyEbayConnectionRepository implements EbayConnectionRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async findByAccount(accountId: string): Promise<EbayConnectionRecord | null> {
    const row = await this.#db.selectFrom('ebay_connections').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async saveConnection(connection: NewEbayConnection): Promise<EbayConnectionRecord> {
    const tokens = {
      id: randomUUID(),
      environment: connection.environment,
      status: 'connected' as const,
      status_reason: null,
      scopes: JSON.stringify(connection.scopes),
      refresh_token_ciphertext: connection.refreshToken.ciphertext,
      refresh_token_key_id: connection.refreshToken.keyId,
      refresh_token_expires_at: connection.refreshTokenExpiresAt,
      access_token_ciphertext: connection.accessToken.ciphertext,
      access_token_key_id: connection.accessToken.keyId,
      access_token_expires_at: connection.accessTokenExpiresAt,
      connected_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    };
    const row = await this.#db
      .insertInto('ebay_connections')
      .values({ account_id: connection.accountId, ...tokens })
      .onConflict((conflict) => conflict.column('account_id').doUpdateSet(tokens))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async saveAccessToken(
    connectionId: string,
    update: { accessToken: EncryptedSecret; accessTokenExpiresAt: Date; refreshToken?: EncryptedSecret },
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable('ebay_connections')
      .set({
        access_token_ciphertext: update.accessToken.ciphertext,
        access_token_key_id: update.accessToken.keyId,
        access_token_expires_at: update.accessTokenExpiresAt,
        ...(update.refreshToken
          ? { refresh_token_ciphertext: update.refreshToken.ciphertext, refresh_token_key_id: update.refreshToken.keyId }
          : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', connectionId)
      .where('status', '=', 'connected')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markNeedsReconnection(connectionId: string, reason: string): Promise<void> {
    await this.#db
      .updateTable('ebay_connections')
      .set({
        status: 'needs_reconnection',
        status_reason: reason,
        access_token_ciphertext: null,
        access_token_key_id: null,
        access_token_expires_at: null,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', connectionId)
      .execute();
  }

  async saveDefaults(connectionId: string, defaults: EbaySellerDefaults): Promise<void> {
    await this.#db
      .updateTable('ebay_connections')
      .set({
        fulfillment_policy_id: defaults.fulfillmentPolicyId,
        payment_policy_id: defaults.paymentPolicyId,
        return_policy_id: defaults.returnPolicyId,
        merchant_location_key: defaults.merchantLocationKey,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', connectionId)
      .execute();
  }

  async deleteByAccount(accountId: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('ebay_connections').where('account_id', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async saveOAuthState(state: { nonce: string; accountId: string; expiresAt: Date }): Promise<void> {
    // States nobody came back with are cleared as new ones are made.
    await this.#db.deleteFrom('ebay_oauth_states').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).execute();
    await this.#db
      .insertInto('ebay_oauth_states')
      .values({ nonce: state.nonce, account_id: state.accountId, expires_at: state.expiresAt })
      .execute();
  }

  async consumeOAuthState(nonce: string, now: Date): Promise<{ accountId: string } | null> {
    const row = await this.#db
      .deleteFrom('ebay_oauth_states')
      .where('nonce', '=', nonce)
      .returning(['account_id', 'expires_at'])
      .executeTakeFirst();
    if (!row || row.expires_at.getTime() <= now.getTime()) return null;
    return { accountId: row.account_id };
  }
}
