import { readdirSync, readFileSync } from 'node:fs';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';
import { FakeEbayServer } from './fake-ebay-server.ts';
import { createOAuthModule } from './oauth.module.ts';
import { createTaxonomyModule, FakeTaxonomyData } from './taxonomy.module.ts';

export const FAKE_CLIENT_ID = 'EasyFlip-Test-PRD-0123456789-abcdef01';
export const FAKE_CLIENT_SECRET = 'PRD-0123456789ab-cdef-0123-4567-89ab';

export interface StartedFakeEbay {
  server: FakeEbayServer;
  taxonomy: FakeTaxonomyData;
  baseUrl: string;
}

/** eBay's real getCategorySuggestions answers (shared data), by their query word. */
function loadRecordedSuggestions(): Record<string, unknown> {
  if (!hasSharedData()) return {};
  const folder = sharedPath('ebay-fixtures', 'taxonomy');
  const recorded: Record<string, unknown> = {};
  for (const name of readdirSync(folder)) {
    const q = /^get_category_suggestions_q-(.+)\.json$/.exec(name)?.[1];
    if (q) recorded[q] = JSON.parse(readFileSync(`${folder}/${name}`, 'utf8'));
  }
  return recorded;
}

/** A started fake with the OAuth and Taxonomy modules; more modules can be added with `server.use`. */
export async function startFakeEbay(options: { applicationTokenSeconds?: number } = {}): Promise<StartedFakeEbay> {
  const server = new FakeEbayServer();
  const taxonomy = new FakeTaxonomyData({
    allLeavesFile: hasSharedData() ? sharedPath('ebay-categories', 'ebay_us_leaf_categories_tree134.json') : null,
    recordedSuggestions: loadRecordedSuggestions(),
  });
  server.use(createOAuthModule(server, { clients: { [FAKE_CLIENT_ID]: FAKE_CLIENT_SECRET }, applicationTokenSeconds: options.applicationTokenSeconds }));
  server.use(createTaxonomyModule(taxonomy));
  const baseUrl = await server.start();
  return { server, taxonomy, baseUrl };
}
