import type { EncryptedSecret } from './secret-cipher.ts';

export type EbayEnvironmentName = 'production' | 'sandbox';

/** connected: tokens work; needs_reconnection: eBay refused the refresh token, the seller must sign in again. */
export type EbayConnectionStatus = 'connected' | 'needs_reconnection';

/** The business policies and inventory location every listing uses, as the seller chose them. */
export interface EbaySellerDefaults {
  fulfillmentPolicyId: string | null;
  paymentPolicyId: string | null;
  returnPolicyId: string | null;
  merchantLocationKey: string | null;
}

export interface EbayConnectionRecord {
  id: string;
  accountId: string;
  environment: EbayEnvironmentName;
  status: EbayConnectionStatus;
  /** Why the seller must reconnect, in a sentence they understand; null when connected. */
  statusReason: string | null;
  scopes: string[];
  refreshToken: EncryptedSecret;
  refreshTokenExpiresAt: Date | null;
  accessToken: EncryptedSecret | null;
  accessTokenExpiresAt: Date | null;
  defaults: EbaySellerDefaults;
  connectedAt: Date;
  updatedAt: Date;
}

export interface NewEbayConnection {
  accountId: string;
  environment: EbayEnvironmentName;
  scopes: string[];
  refreshToken: EncryptedSecret;
  refreshTokenExpiresAt: Date | null;
  accessToken: EncryptedSecret;
  accessTokenExpiresAt: Date;
}

/** One eBay connection per account, and the one-time OAuth states of connections under way. */
export interface EbayConnectionRepository {
  findByAccount(accountId: string): Promise<EbayConnectionRecord | null>;
  /**
   * Stores a new connection, replacing the account's previous one (a reconnection): it gets a new
   * id, so a refresh still running for the old one cannot overwrite it. Chosen defaults stay.
   */
  saveConnection(connection: NewEbayConnection): Promise<EbayConnectionRecord>;
  /**
   * Keeps a refreshed access token (and the refresh token re-encrypted, after a key rotation).
   * False when the connection is gone or was replaced meanwhile.
   */
  saveAccessToken(
    connectionId: string,
    update: { accessToken: EncryptedSecret; accessTokenExpiresAt: Date; refreshToken?: EncryptedSecret },
  ): Promise<boolean>;
  markNeedsReconnection(connectionId: string, reason: string): Promise<void>;
  saveDefaults(connectionId: string, defaults: EbaySellerDefaults): Promise<void>;
  /** True when there was a connection to remove. */
  deleteByAccount(accountId: string): Promise<boolean>;

  saveOAuthState(state: { nonce: string; accountId: string; expiresAt: Date }): Promise<void>;
  /** Takes the state once: the first caller before expiry gets its account, every later one null. */
  consumeOAuthState(nonce: string, now: Date): Promise<{ accountId: string } | null>;
}
