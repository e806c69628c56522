import { ebayErrorBody, type FakeEbayModule, type FakeRequest, type FakeResponse } from './fake-ebay-module.ts';
import type { FakeEbayUsers } from './oauth.module.ts';
import { findShapeProblems, type loadOpenApi } from './openapi-shape.ts';

const BASE = '/sell/account/v1';
const SELL_ACCOUNT = 'https://api.ebay.com/oauth/api_scope/sell.account';
const SELL_ACCOUNT_READONLY = 'https://api.ebay.com/oauth/api_scope/sell.account.readonly';

type OpenApiDocument = ReturnType<typeof loadOpenApi>;
export type PolicyKind = 'fulfillment' | 'payment' | 'return';

/** eBay's answer to a user token without the scope an API needs. */
export function insufficientScope(): FakeResponse {
  return {
    status: 403,
    body: ebayErrorBody([
      { errorId: 1100, domain: 'ACCESS', category: 'REQUEST', message: 'Access denied', longMessage: 'Insufficient permissions to fulfill the request.' },
    ]),
  };
}

/** A user token holding one of the scopes, else eBay's 403 (an application token holds none). */
export function requireUserScope(users: FakeEbayUsers, request: FakeRequest, accepted: readonly string[]): FakeResponse | null {
  const scopes = users.scopesOf(request.headers.authorization);
  return scopes && scopes.some((scope) => accepted.includes(scope)) ? null : insufficientScope();
}

function accountError(status: number, errorId: number, message: string, category: 'REQUEST' | 'APPLICATION' = 'REQUEST'): FakeResponse {
  return { status, body: ebayErrorBody([{ errorId, domain: 'API_ACCOUNT', category, message }]) };
}

const RESPONSE_FIELDS = {
  fulfillment: { list: 'fulfillmentPolicies', id: 'fulfillmentPolicyId', schema: 'FulfillmentPolicy', operation: 'getFulfillmentPolicies', path: 'fulfillment_policy' },
  payment: { list: 'paymentPolicies', id: 'paymentPolicyId', schema: 'PaymentPolicy', operation: 'getPaymentPolicies', path: 'payment_policy' },
  return: { list: 'returnPolicies', id: 'returnPolicyId', schema: 'ReturnPolicy', operation: 'getReturnPolicies', path: 'return_policy' },
} as const;

/** A seller's business policies, by marketplace, as the fake Account API serves them. */
export class FakeSellerPolicies {
  readonly #policies: Record<PolicyKind, Array<Record<string, unknown>>> = { fulfillment: [], payment: [], return: [] };
  #counter = 0;

  constructor(readonly spec: OpenApiDocument | null = null) {}

  /** Adds a policy (fields in eBay's shape; the id is made when left out) and returns its id. */
  add(kind: PolicyKind, policy: { name: string; marketplaceId?: string; [field: string]: unknown }): string {
    const fields = RESPONSE_FIELDS[kind];
    this.#counter += 1;
    const id = typeof policy[fields.id] === 'string' ? (policy[fields.id] as string) : String(6_200_000_000 + this.#counter);
    const stored = { marketplaceId: 'EBAY_US', categoryTypes: [{ name: 'ALL_EXCLUDING_MOTORS_VEHICLES', default: true }], ...policy, [fields.id]: id };
    if (this.spec) {
      const problems = findShapeProblems(this.spec, fields.schema, stored);
      if (problems.length > 0) throw new Error(`A ${kind} policy out of eBay's shape: ${problems.join('; ')}`);
    }
    this.#policies[kind].push(stored);
    return id;
  }

  /** A seller with one policy of each kind on EBAY_US; returns their ids. */
  addStandardSet(marketplaceId = 'EBAY_US'): Record<PolicyKind, string> {
    return {
      fulfillment: this.add('fulfillment', { name: 'USPS Ground Advantage, 1 day handling', marketplaceId, handlingTime: { value: 1, unit: 'DAY' } }),
      payment: this.add('payment', { name: 'eBay managed payments', marketplaceId, immediatePay: true }),
      return: this.add('return', { name: '30 days, buyer pays return shipping', marketplaceId, returnsAccepted: true, returnPeriod: { value: 30, unit: 'DAY' } }),
    };
  }

  /** The seller has no policies again. */
  clear(): void {
    for (const kind of Object.keys(this.#policies) as PolicyKind[]) this.#policies[kind] = [];
  }

  list(kind: PolicyKind, marketplaceId: string): Array<Record<string, unknown>> {
    return this.#policies[kind].filter((policy) => policy.marketplaceId === marketplaceId);
  }

  /** For the Inventory fake's offer checks: whether the seller has this policy. */
  has(kind: PolicyKind, policyId: string): boolean {
    return this.#policies[kind].some((policy) => policy[RESPONSE_FIELDS[kind].id] === policyId);
  }
}

/**
 * The Account API's policy lists (GET /sell/account/v1/{fulfillment,payment,return}_policy):
 * a seller's token with sell.account, marketplace_id required, eBay's response and error shapes.
 */
export function createAccountModule(policies: FakeSellerPolicies, users: FakeEbayUsers): FakeEbayModule {
  return {
    name: 'account',
    routes: (Object.keys(RESPONSE_FIELDS) as PolicyKind[]).map((kind) => {
      const fields = RESPONSE_FIELDS[kind];
      return {
        method: 'GET' as const,
        path: `${BASE}/${fields.path}`,
        operation: fields.operation,
        auth: 'user' as const,
        handle(request: FakeRequest): FakeResponse {
          const refused = requireUserScope(users, request, [SELL_ACCOUNT, SELL_ACCOUNT_READONLY]);
          if (refused) return refused;
          const marketplaceId = request.query.get('marketplace_id');
          if (!marketplaceId) return accountError(400, 20401, 'Missing field marketplace_id.');
          if (!/^EBAY_[A-Z_]+$/.test(marketplaceId)) return accountError(400, 20403, `Invalid marketplace_id. ${marketplaceId} is not a marketplace.`);
          const found = policies.list(kind, marketplaceId);
          return {
            status: 200,
            body: { href: `https://api.ebay.com${BASE}/${fields.path}?marketplace_id=${marketplaceId}`, total: found.length, limit: 20, offset: 0, [fields.list]: found },
          };
        },
      };
    }),
  };
}
