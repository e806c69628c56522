import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** Where claims on the numbered databases are kept: database 0, beside the prefixed keys of other tests. */
const CLAIM_KEY = (index: number): string => `easyflip-test:redis-db-claim:${index}`;
/** Databases a test may claim, from the top down; 0 stays the shared one. */
const CLAIMABLE = [15, 14, 13, 12, 11, 10, 9, 8];

export interface ClaimedRedisDatabase {
  index: number;
  /** REDIS_URL pointing at the claimed database. */
  url: string;
  /** FLUSHDB on the claimed database only: a Redis restart as far as this test can tell. */
  flush(): Promise<number>;
  /** Empties the database and gives the claim back. */
  release(): Promise<void>;
}

async function withClient<T>(url: string, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

function databaseUrl(baseUrl: string, index: number): string {
  const url = new URL(baseUrl);
  url.pathname = `/${index}`;
  return url.toString();
}

/**
 * Claims an empty numbered Redis database for one test, so the test may flush it whole while other
 * tests go on in database 0. A claim expires after `ttlMs`, so a killed run does not hold one for
 * ever; a database that holds keys is never claimed (someone else's, or a claim that expired in use).
 */
export async function claimRedisDatabase(baseUrl: string, ttlMs = 15 * 60_000): Promise<ClaimedRedisDatabase> {
  const owner = randomBytes(8).toString('hex');
  const sharedUrl = databaseUrl(baseUrl, 0);
  for (const index of CLAIMABLE) {
    const claimed = await withClient(sharedUrl, (client) => client.set(CLAIM_KEY(index), owner, 'PX', ttlMs, 'NX'));
    if (claimed !== 'OK') continue;
    const url = databaseUrl(baseUrl, index);
    const size = await withClient(url, (client) => client.dbsize());
    if (size > 0) {
      await releaseClaim(sharedUrl, index, owner);
      continue;
    }
    return {
      index,
      url,
      flush: () =>
        withClient(url, async (client) => {
          const keys = await client.dbsize();
          await client.flushdb();
          return keys;
        }),
      async release() {
        await withClient(url, (client) => client.flushdb());
        await releaseClaim(sharedUrl, index, owner);
      },
    };
  }
  throw new Error(`No free Redis database among ${CLAIMABLE.join(', ')}: each is claimed or holds keys.`);
}

async function releaseClaim(sharedUrl: string, index: number, owner: string): Promise<void> {
  await withClient(sharedUrl, async (client) => {
    // Only our own claim: it may have expired and been taken by another run.
    if ((await client.get(CLAIM_KEY(index))) === owner) await client.del(CLAIM_KEY(index));
  });
}
