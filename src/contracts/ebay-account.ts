import { z } from 'zod';
import { PermanentError } from './errors.ts';

/** The seller's eBay connection as the API shows it: never a token. */
export const EbayConnectionView = z.object({
  status: z.enum(['connected', 'needs_reconnection', 'not_connected']),
  /** Why the seller must connect again, when they must. */
  reason: z.string().nullable(),
  environment: z.enum(['production', 'sandbox']),
  scopes: z.array(z.string()),
  connectedAt: z.string().nullable(),
  /** When eBay stops accepting the stored sign-in (about 18 months after consent). */
  refreshTokenExpiresAt: z.string().nullable(),
  defaults: z.object({
    fulfillmentPolicyId: z.string().nullable(),
    paymentPolicyId: z.string().nullable(),
    returnPolicyId: z.string().nullable(),
    merchantLocationKey: z.string().nullable(),
  }),
});
export type EbayConnectionView = z.infer<typeof EbayConnectionView>;

export const SellerPolicy = z.object({
  policyId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  marketplaceId: z.string().nullable(),
});
export type SellerPolicy = z.infer<typeof SellerPolicy>;

export const SellerPolicies = z.object({
  marketplaceId: z.string(),
  fulfillment: z.array(SellerPolicy),
  payment: z.array(SellerPolicy),
  return: z.array(SellerPolicy),
});
export type SellerPolicies = z.infer<typeof SellerPolicies>;

export const LocationAddress = z.object({
  addressLine1: z.string().min(1).max(128).optional(),
  addressLine2: z.string().min(1).max(128).optional(),
  city: z.string().min(1).max(128).optional(),
  stateOrProvince: z.string().min(1).max(128).optional(),
  postalCode: z.string().min(1).max(16).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as US'),
});
export type LocationAddress = z.infer<typeof LocationAddress>;

export const InventoryLocationView = z.object({
  merchantLocationKey: z.string(),
  name: z.string().nullable(),
  status: z.string().nullable(),
  locationTypes: z.array(z.string()),
  address: LocationAddress.partial().nullable(),
});
export type InventoryLocationView = z.infer<typeof InventoryLocationView>;

export const ChooseEbayDefaultsRequest = z.object({
  fulfillmentPolicyId: z.string().min(1),
  paymentPolicyId: z.string().min(1),
  returnPolicyId: z.string().min(1),
  merchantLocationKey: z.string().min(1).max(36),
});
export type ChooseEbayDefaultsRequest = z.infer<typeof ChooseEbayDefaultsRequest>;

/** A warehouse or store to ship from: eBay needs a city and state, or a postal code, with the country. */
export const CreateInventoryLocationRequest = z.object({
  merchantLocationKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,36}$/, 'letters, digits, - and _ only, at most 36')
    .optional(),
  name: z.string().min(1).max(1000).optional(),
  address: LocationAddress.refine(
    (address) => address.postalCode !== undefined || (address.city !== undefined && address.stateOrProvince !== undefined),
    'give a postal code, or a city and a state or province',
  ).optional(),
});
export type CreateInventoryLocationRequest = z.infer<typeof CreateInventoryLocationRequest>;

/** What publishing needs of the seller's account, all of it chosen and valid. */
export interface PublishingSetup {
  accountId: string;
  environment: 'production' | 'sandbox';
  marketplaceId: string;
  policies: { fulfillmentPolicyId: string; paymentPolicyId: string; returnPolicyId: string };
  merchantLocationKey: string;
}

/** Publishing cannot start: no eBay account is connected. */
export function ebayNotConnectedError(): PermanentError {
  return new PermanentError(
    'EBAY_NOT_CONNECTED',
    'No eBay account is connected. Connect one (GET /api/ebay/connect) and choose the listing defaults, then publish again; or export the Seller Hub CSV instead.',
  );
}

/** Publishing pauses: eBay no longer accepts the stored sign-in, and the seller must give consent again. */
export function ebayReconnectRequiredError(reason: string): PermanentError {
  return new PermanentError(
    'EBAY_RECONNECT_REQUIRED',
    `The eBay account must be connected again: ${reason} Reconnect it (GET /api/ebay/connect); publishing resumes after.`,
  );
}
