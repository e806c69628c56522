import type { InventoryLocationView, LocationAddress, PublishingSetup, SellerPolicies } from '../contracts/ebay-account.ts';
import type { EbayEnvironmentName } from './ebay-connection-repository.ts';

/** What eBay hands over for the seller's consent (authorization code grant). */
export interface EbayUserGrant {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date | null;
}

/** eBay's OAuth consent flow for a seller's account. */
export interface EbayAccountAuthorizer {
  readonly environment: EbayEnvironmentName;
  /** The consent page to send the seller to. */
  buildConsentUrl(input: { state: string; scopes: readonly string[] }): string;
  /** Trades the one-time code eBay sent back for the seller's tokens. */
  exchangeCode(code: string): Promise<EbayUserGrant>;
}

export interface NewInventoryLocation {
  merchantLocationKey: string;
  name: string;
  address: LocationAddress;
}

/** The seller's setup as eBay has it: business policies and inventory locations, read with the seller's token. */
export interface EbaySellerSetupApi {
  listPolicies(accountId: string, marketplaceId: string): Promise<SellerPolicies>;
  listLocations(accountId: string): Promise<InventoryLocationView[]>;
  createLocation(accountId: string, location: NewInventoryLocation): Promise<void>;
}

/**
 * What publishing asks before it starts: the account's policies and location, or a
 * PermanentError (EBAY_NOT_CONNECTED, EBAY_RECONNECT_REQUIRED, EBAY_SETUP_INCOMPLETE) saying what
 * the seller must do first.
 */
export interface EbayPublishingSetupSource {
  getPublishingSetup(accountId?: string): Promise<PublishingSetup>;
}
