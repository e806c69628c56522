/**
 * Writes src/adapters/ebay/data/ebay-sell-errors.json: every errorId eBay documents for the Sell
 * Inventory operations the publisher calls, read from eBay's error tables in the shared contracts
 * (`../shared/data/ebay-openapi/derived/error_catalog_by_operation.json`). Run it again when the
 * contracts or the operations we call change: `npx tsx scripts/generate-ebay-error-catalog.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHER_OPERATIONS } from '../src/adapters/ebay/ebay-publisher-operations.ts';

interface CatalogEntry {
  domain: string;
  category: string;
  description: string;
}

type OperationCatalog = Record<string, Record<string, CatalogEntry>>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.resolve(root, '../shared/data/ebay-openapi/derived/error_catalog_by_operation.json');
const target = path.join(root, 'src/adapters/ebay/data/ebay-sell-errors.json');

const catalog = JSON.parse(readFileSync(source, 'utf8')) as Record<string, Record<string, OperationCatalog>>;
const inventory = catalog.sell_inventory_v1;
if (!inventory) throw new Error('The error catalog has no sell_inventory_v1 section');

interface GeneratedEntry {
  errorId: number;
  domain: string;
  category: string;
  description: string;
  httpStatuses: number[];
  operations: string[];
}

const byId = new Map<number, GeneratedEntry>();
for (const [key, statuses] of Object.entries(inventory)) {
  const operation = /\((\w+)\)$/.exec(key)?.[1];
  if (!operation || !(PUBLISHER_OPERATIONS as readonly string[]).includes(operation)) continue;
  for (const [status, errors] of Object.entries(statuses)) {
    for (const [id, entry] of Object.entries(errors)) {
      const errorId = Number(id);
      const found = byId.get(errorId) ?? {
        errorId,
        domain: entry.domain,
        category: entry.category,
        description: entry.description.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim(),
        httpStatuses: [],
        operations: [],
      };
      if (!found.httpStatuses.includes(Number(status))) found.httpStatuses.push(Number(status));
      if (!found.operations.includes(operation)) found.operations.push(operation);
      byId.set(errorId, found);
    }
  }
}

const entries = [...byId.values()]
  .map((entry) => ({ ...entry, httpStatuses: entry.httpStatuses.sort((a, b) => a - b), operations: entry.operations.sort() }))
  .sort((a, b) => a.errorId - b.errorId);
writeFileSync(
  target,
  `${JSON.stringify({ source: 'eBay Sell Inventory API v1 error tables (x-response-codes)', operations: [...PUBLISHER_OPERATIONS].sort(), errors: entries }, null, 2)}\n`,
);
console.log(`${entries.length} errorIds for ${PUBLISHER_OPERATIONS.length} operations written to ${path.relative(root, target)}`);
