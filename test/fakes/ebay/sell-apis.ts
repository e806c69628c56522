import { findBundledAspectSet } from '../../../src/domain/listing/clothing-aspect-catalog.ts';
import { describeCondition } from '../../../src/domain/listing/condition.ts';
import { sharedPath } from '../../support/shared-data.ts';
import type { StartedFakeEbay } from './fake-ebay.ts';
import { FaultPlan, withFaults } from './fault-plan.ts';
import { createInventoryModule, FakeInventoryData, type FakeInventoryOptions } from './inventory.module.ts';
import { createMediaModule, FakeMediaData, type FakeMediaOptions } from './media.module.ts';
import { loadOpenApi } from './openapi-shape.ts';

/** The fake's selling side: what the Inventory and Media modules hold, and the faults they inject. */
export interface FakeSellApis {
  inventory: FakeInventoryData;
  media: FakeMediaData;
  faults: FaultPlan;
}

export interface SellApisOptions {
  media?: FakeMediaOptions;
  hasLocation?: FakeInventoryOptions['hasLocation'];
  hasPolicy?: FakeInventoryOptions['hasPolicy'];
}

/** The inventory condition enums a category takes, from the bundled clothing data the fake Taxonomy serves too. */
function allowedConditions(categoryId: string): string[] | null {
  const allowed = findBundledAspectSet(categoryId)?.allowedConditionIds;
  return allowed ? allowed.map((id) => describeCondition(id).inventoryEnum) : null;
}

/**
 * Adds the Inventory and Media modules to a started fake, both behind one fault plan. The Inventory
 * module checks requests against eBay's contract in the shared data, so this needs `../shared`.
 */
export function attachSellApis(fake: StartedFakeEbay, options: SellApisOptions = {}): FakeSellApis {
  const spec = loadOpenApi(sharedPath('ebay-openapi', 'sell_inventory_v1_oas3.json'));
  const apis: FakeSellApis = { inventory: new FakeInventoryData(), media: new FakeMediaData(), faults: new FaultPlan() };
  const inventory = createInventoryModule(apis.inventory, {
    spec,
    isLeafCategory: (categoryId) => fake.taxonomy.leaves.has(categoryId),
    allowedConditions,
    ...(options.hasLocation ? { hasLocation: options.hasLocation } : {}),
    ...(options.hasPolicy ? { hasPolicy: options.hasPolicy } : {}),
    users: fake.users,
  });
  fake.server.use(withFaults(inventory, apis.faults));
  fake.server.use(withFaults(createMediaModule(apis.media, { users: fake.users, ...options.media }), apis.faults));
  return apis;
}
