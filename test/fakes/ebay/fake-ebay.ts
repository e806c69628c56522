import { readdirSync, readFileSync } from 'node:fs';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';
import { FakeEbayServer } from './fake-ebay-server.ts';
import { createOAuthModule, type FakeEbayUsers } from './oauth.module.ts';
import { createTaxonomyModule, FakeTaxonomyData } from './taxonomy.module.ts';

export const FAKE_CLIENT_ID = 'EasyFlip-Test-PRD-0123456789-abcdef01';
export const FAKE_CLIENT_SECRET = 'PRD-0123456789ab-cdef-0123-4567-89ab';
/** The RuName of the fake application: the only redirect_uri its OAuth accepts. */
export const FAKE_RU_NAME = 'EasyFlip_Test-EasyFlip-Test-PR-abcdefghi';

export interface StartedFakeEbay {
  server: FakeEbayServer;
  taxonomy: FakeTaxonomyData;
  baseUrl: string;
  /** Sellers' consent, codes, refresh tokens and user tokens of the fake's OAuth. */
  users: FakeEbayUsers;
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
  const oauth = createOAuthModule(server, {
    clients: { [FAKE_CLIENT_ID]: FAKE_CLIENT_SECRET },
    applicationTokenSeconds: options.applicationTokenSeconds,
    ruNames: { [FAKE_CLIENT_ID]: FAKE_RU_NAME },
  });
  server.use(oauth);
  server.use(createTaxonomyModule(taxonomy));
  const baseUrl = await server.start();
  return { server, taxonomy, baseUrl, users: oauth.users };
}
