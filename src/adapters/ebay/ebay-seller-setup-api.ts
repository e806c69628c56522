import { z } from 'zod';
import type { InventoryLocationView, SellerPolicies, SellerPolicy } from '../../contracts/ebay-account.ts';
import { PermanentError } from '../../contracts/errors.ts';
import type { EbaySellerSetupApi, NewInventoryLocation } from '../../ports/ebay-account.ts';
import { fromEbayApiFailure, readEbayErrorIds } from './ebay-api-errors.ts';
import { createEbayApi, type EbayApiSettings } from './ebay-api-factory.ts';
import type { EbayTokenSource } from './ebay-application-token-provider.ts';

const PolicyFields = {
  name: z.string().optional(),
  description: z.string().optional(),
  marketplaceId: z.string().optional(),
};
const FulfillmentPolicies = z.looseObject({ fulfillmentPolicies: z.array(z.looseObject({ fulfillmentPolicyId: z.string(), ...PolicyFields })).optional() });
const PaymentPolicies = z.looseObject({ paymentPolicies: z.array(z.looseObject({ paymentPolicyId: z.string(), ...PolicyFields })).optional() });
const ReturnPolicies = z.looseObject({ returnPolicies: z.array(z.looseObject({ returnPolicyId: z.string(), ...PolicyFields })).optional() });

const Address = z.looseObject({
  addressLine1: z.string().optional(),
  addressLine2: z.string().optional(),
  city: z.string().optional(),
  stateOrProvince: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});
const Locations = z.looseObject({
  total: z.number().optional(),
  locations: z
    .array(
      z.looseObject({
        merchantLocationKey: z.string(),
        name: z.string().optional(),
        merchantLocationStatus: z.string().optional(),
        locationTypes: z.array(z.string()).optional(),
        location: z.looseObject({ address: Address.optional() }).optional(),
      }),
    )
    .optional(),
});

const LOCATION_PAGE = 100;

/** The seller's business policies and inventory locations, through `ebay-api` with the seller's token. */
export class EbaySellerSetupClient implements EbaySellerSetupApi {
  readonly #config: EbayApiSettings;
  readonly #tokensFor: (accountId: string) => EbayTokenSource;

  constructor(options: { config: EbayApiSettings; tokensFor: (accountId: string) => EbayTokenSource }) {
    this.#config = options.config;
    this.#tokensFor = options.tokensFor;
  }

  async listPolicies(accountId: string, marketplaceId: string): Promise<SellerPolicies> {
    const account = this.#api(accountId).sell.account;
    const [fulfillment, payment, returns] = await Promise.all([
      call('Account', () => account.getFulfillmentPolicies(marketplaceId)),
      call('Account', () => account.getPaymentPolicies(marketplaceId)),
      call('Account', () => account.getReturnPolicies(marketplaceId)),
    ]);
    return {
      marketplaceId,
      fulfillment: (parse(FulfillmentPolicies, fulfillment, 'fulfillment policies').fulfillmentPolicies ?? []).map((policy) => toPolicy(policy.fulfillmentPolicyId, policy)),
      payment: (parse(PaymentPolicies, payment, 'payment policies').paymentPolicies ?? []).map((policy) => toPolicy(policy.paymentPolicyId, policy)),
      return: (parse(ReturnPolicies, returns, 'return policies').returnPolicies ?? []).map((policy) => toPolicy(policy.returnPolicyId, policy)),
    };
  }

  async listLocations(accountId: string): Promise<InventoryLocationView[]> {
    const inventory = this.#api(accountId).sell.inventory;
    const found: InventoryLocationView[] = [];
    for (let offset = 0; ; offset += LOCATION_PAGE) {
      const page = parse(Locations, await call('Inventory', () => inventory.getInventoryLocations({ limit: LOCATION_PAGE, offset })), 'inventory locations');
      const locations = page.locations ?? [];
      for (const location of locations) {
        const address = location.location?.address;
        found.push({
          merchantLocationKey: location.merchantLocationKey,
          name: location.name ?? null,
          status: location.merchantLocationStatus ?? null,
          locationTypes: location.locationTypes ?? [],
          address: address
            ? {
                ...(address.addressLine1 ? { addressLine1: address.addressLine1 } : {}),
                ...(address.addressLine2 ? { addressLine2: address.addressLine2 } : {}),
                ...(address.city ? { city: address.city } : {}),
                ...(address.stateOrProvince ? { stateOrProvince: address.stateOrProvince } : {}),
                ...(address.postalCode ? { postalCode: address.postalCode } : {}),
                ...(address.country ? { country: address.country } : {}),
              }
            : null,
        });
      }
      if (locations.length < LOCATION_PAGE || offset + LOCATION_PAGE >= (page.total ?? 0)) return found;
    }
  }

  async createLocation(accountId: string, location: NewInventoryLocation): Promise<void> {
    const inventory = this.#api(accountId).sell.inventory;
    try {
      await inventory.createInventoryLocation(location.merchantLocationKey, {
        name: location.name,
        location: { address: location.address },
        locationTypes: ['WAREHOUSE'],
        merchantLocationStatus: 'ENABLED',
      });
    } catch (error) {
      const failure = fromEbayApiFailure('Inventory', error);
      const status = (failure.cause as { status?: unknown } | undefined)?.status;
      if (status === 409 || readEbayErrorIds(error).includes(25803)) {
        throw new PermanentError('CONFLICT', `eBay already has an inventory location with the key ${location.merchantLocationKey}; choose it, or give another key.`, { cause: failure });
      }
      throw failure;
    }
  }

  #api(accountId: string) {
    return createEbayApi({ config: this.#config, tokens: this.#tokensFor(accountId) });
  }
}

async function call(api: string, send: () => Promise<unknown>): Promise<unknown> {
  try {
    return await send();
  } catch (error) {
    throw fromEbayApiFailure(api, error);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new PermanentError('PROVIDER_UNAVAILABLE', `eBay answered with ${what} we could not read.`);
  return parsed.data;
}

function toPolicy(policyId: string, policy: { name?: string | undefined; description?: string | undefined; marketplaceId?: string | undefined }): SellerPolicy {
  return { policyId, name: policy.name ?? policyId, description: policy.description ?? null, marketplaceId: policy.marketplaceId ?? null };
}
