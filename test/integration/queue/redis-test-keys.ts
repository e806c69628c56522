import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { RedisConnection } from 'bullmq';

/**
 * BullMQ loads its Redis driver, ioredis, only when it connects; without it, workers spin and tests
 * would hang until their timeouts. This fails at once, saying what is missing.
 */
export function requireRedisDriver(): void {
  try {
    createRequire(import.meta.url).resolve('ioredis');
  } catch {
    throw new Error('REDIS_URL is set but the ioredis package, the Redis driver BullMQ loads, is not installed: npm install ioredis');
  }
}

/** A key prefix no other test uses, so tests share one Redis without seeing each other's jobs. */
export function uniquePrefix(label: string): string {
  return `test-${label}-${randomBytes(6).toString('hex')}`;
}

/** Deletes every key under `prefix` (what a flush would do to this test's part of Redis). */
export async function deleteKeysUnder(redisUrl: string, prefix: string): Promise<number> {
  requireRedisDriver();
  const connection = new RedisConnection({ url: redisUrl }, { shared: false });
  try {
    const client = await connection.client;
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await client.scan(cursor, { MATCH: `${prefix}:*`, COUNT: 500 });
      cursor = next;
      if (keys.length > 0) deleted += await client.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    await connection.close();
  }
}
