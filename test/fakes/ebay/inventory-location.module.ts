import { requireUserScope } from './account.module.ts';
import { ebayErrorBody, type FakeEbayModule, type FakeResponse } from './fake-ebay-module.ts';
import type { FakeEbayUsers } from './oauth.module.ts';
import { findShapeProblems, type loadOpenApi } from './openapi-shape.ts';

const BASE = '/sell/inventory/v1';
const SELL_INVENTORY = 'https://api.ebay.com/oauth/api_scope/sell.inventory';
const SELL_INVENTORY_READONLY = 'https://api.ebay.com/oauth/api_scope/sell.inventory.readonly';

type OpenApiDocument = ReturnType<typeof loadOpenApi>;

function inventoryError(status: number, errorId: number, message: string, parameters?: Record<string, string>): FakeResponse {
  return {
    status,
    body: ebayErrorBody([
      {
        errorId,
        domain: 'API_INVENTORY',
        category: 'REQUEST',
        message,
        ...(parameters ? { parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) } : {}),
      },
    ]),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A seller's inventory locations, as the fake Inventory API keeps them (by merchantLocationKey). */
export class FakeInventoryLocations {
  readonly #locations = new Map<string, Record<string, unknown>>();

  constructor(readonly spec: OpenApiDocument | null = null) {}

  /** Adds a location in eBay's InventoryLocationFull shape. */
  add(merchantLocationKey: string, location: Record<string, unknown>): void {
    this.#locations.set(merchantLocationKey, { merchantLocationStatus: 'ENABLED', locationTypes: ['WAREHOUSE'], ...location });
  }

  get(merchantLocationKey: string): Record<string, unknown> | null {
    return this.#locations.get(merchantLocationKey) ?? null;
  }

  /** For the Inventory fake's offer checks: whether the seller has this location. */
  has(merchantLocationKey: string): boolean {
    return this.#locations.has(merchantLocationKey);
  }

  /** The seller has no locations again. */
  clear(): void {
    this.#locations.clear();
  }

  list(): Array<Record<string, unknown>> {
    return [...this.#locations.entries()].map(([merchantLocationKey, location]) => ({ merchantLocationKey, ...location }));
  }
}

/** Where an InventoryLocationFull departs from what createInventoryLocation accepts. */
function findLocationProblems(spec: OpenApiDocument | null, body: Record<string, unknown>): FakeResponse | null {
  if (spec) {
    const problems = findShapeProblems(spec, 'InventoryLocationFull', body);
    if (problems.length > 0) return inventoryError(400, 25802, `Input error. ${problems.join('; ')}`);
  }
  const location = isRecord(body.location) ? body.location : null;
  const address = location && isRecord(location.address) ? location.address : null;
  if (!address) return inventoryError(400, 25801, 'Missing field location.address.', { fieldName: 'location.address' });
  if (typeof address.country !== 'string' || !/^[A-Z]{2}$/.test(address.country)) {
    return inventoryError(400, 25800, 'Invalid location.address.country.', { fieldName: 'location.address.country' });
  }
  // eBay: a warehouse needs a postal code, or a city and a state or province.
  const hasCityAndState = typeof address.city === 'string' && typeof address.stateOrProvince === 'string';
  if (typeof address.postalCode !== 'string' && !hasCityAndState) {
    return inventoryError(400, 25801, 'Missing field location.address.postalCode.', { fieldName: 'location.address.postalCode' });
  }
  return null;
}

/**
 * The Inventory API's locations (GET /location, GET and POST /location/{merchantLocationKey}):
 * a seller's token with sell.inventory, bodies checked against eBay's contract, 409 and errorId
 * 25803 for a key that exists, 204 on creation, eBay's paging (limit, offset).
 */
export function createInventoryLocationModule(locations: FakeInventoryLocations, users: FakeEbayUsers): FakeEbayModule {
  return {
    name: 'inventory-location',
    routes: [
      {
        method: 'GET',
        path: `${BASE}/location`,
        operation: 'getInventoryLocations',
        auth: 'user',
        handle(request) {
          const refused = requireUserScope(users, request, [SELL_INVENTORY, SELL_INVENTORY_READONLY]);
          if (refused) return refused;
          const limit = Number(request.query.get('limit') ?? '100');
          const offset = Number(request.query.get('offset') ?? '0');
          if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
            return inventoryError(400, 25804, 'Input error. limit must be 1 to 100 and offset 0 or more.');
          }
          const all = locations.list();
          return { status: 200, body: { href: `${BASE}/location`, total: all.length, limit, offset, locations: all.slice(offset, offset + limit) } };
        },
      },
      {
        method: 'GET',
        path: `${BASE}/location/:merchantLocationKey`,
        operation: 'getInventoryLocation',
        auth: 'user',
        handle(request) {
          const refused = requireUserScope(users, request, [SELL_INVENTORY, SELL_INVENTORY_READONLY]);
          if (refused) return refused;
          const key = request.params.merchantLocationKey ?? '';
          const location = locations.get(key);
          if (!location) return inventoryError(404, 25805, 'merchantLocationKey Not Found.', { fieldName: 'merchantLocationKey' });
          return { status: 200, body: { merchantLocationKey: key, ...location } };
        },
      },
      {
        method: 'POST',
        path: `${BASE}/location/:merchantLocationKey`,
        operation: 'createInventoryLocation',
        auth: 'user',
        handle(request) {
          const refused = requireUserScope(users, request, [SELL_INVENTORY]);
          if (refused) return refused;
          const key = request.params.merchantLocationKey ?? '';
          if (!/^[A-Za-z0-9_-]{1,36}$/.test(key)) return inventoryError(400, 25800, 'Invalid merchantLocationKey.', { fieldName: 'merchantLocationKey' });
          if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
            return inventoryError(400, 25802, 'Input error. Content-Type must be application/json.');
          }
          let body: unknown;
          try {
            body = JSON.parse(request.body);
          } catch {
            return inventoryError(400, 25802, 'Input error. The request body is not JSON.');
          }
          if (!isRecord(body)) return inventoryError(400, 25802, 'Input error. The request body must be an object.');
          const problem = findLocationProblems(locations.spec, body);
          if (problem) return problem;
          if (locations.has(key)) return inventoryError(409, 25803, 'merchantLocationKey already exists.', { fieldName: 'merchantLocationKey' });
          locations.add(key, body);
          return { status: 204 };
        },
      },
    ],
  };
}
