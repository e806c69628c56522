import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPhotoStore } from '../../../src/adapters/storage/local-photo-store.ts';
import type { PublishClaimHolder, PublishClaimRepository } from '../../../src/ports/publish-claim-repository.ts';
import { databaseEngines, type TestDatabase } from '../../support/database.ts';
import { seedPublishableBatch } from '../../support/publishable-batch.ts';

const HOUR = 3_600_000;

describe.each(databaseEngines)('claims on items being published in a group, on $name', (engine) => {
  let database: TestDatabase;
  let dataDir: string;
  let claims: PublishClaimRepository;
  let batchId: string;
  let ids: string[];
  const now = new Date('2026-05-01T12:00:00Z');
  const holder = (token: string, leaderItemId: string, leaderAttempt = 1, expiresAt = new Date(now.getTime() + HOUR)): PublishClaimHolder => ({
    token,
    leaderItemId,
    leaderAttempt,
    expiresAt,
  });

  beforeAll(async () => {
    database = await engine.open();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-claims-'));
    const seeded = await seedPublishableBatch(database.repositories, new LocalPhotoStore(dataDir), { items: 4, photosPerItem: 1 });
    batchId = seeded.batch.id;
    ids = seeded.items.map(({ item }) => item.id);
    const found = database.repositories.publishClaims;
    if (!found) throw new Error('the database repositories have no publish claims');
    claims = found;
    // Item 1's publish job is running its first attempt: it leads.
    await database.repositories.stageRuns.ensure({ stage: 'publish', subjectId: ids[0]!, batchId, itemId: ids[0]! });
    await database.repositories.stageRuns.start('publish', ids[0]!);
  });

  afterAll(async () => {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives each item to one group at a time, keeps outcomes for the item’s own job, and frees what a dead leader held', async () => {
    const [first, second, third, fourth] = ids as [string, string, string, string];
    expect((await claims.claim(batchId, [first, second], holder('leader-1', first), now)).sort()).toEqual([first, second].sort());
    // Held by a live leader: another job gets only what is free.
    expect(await claims.claim(batchId, [second, third], holder('leader-2', third), now)).toEqual([third]);

    // The outcome left for the second item outlives its leader's release, and blocks other groups.
    await claims.recordOutcome(second, 'leader-1', 'failed', 'Item 2 (SKU EF-10001): eBay refused it.');
    await claims.release('leader-1');
    expect(await claims.claim(batchId, [first, second], holder('leader-3', first), now)).toEqual([first]);
    expect(await claims.get(second)).toMatchObject({ outcome: 'failed', message: 'Item 2 (SKU EF-10001): eBay refused it.' });
    await claims.remove(second);
    expect(await claims.get(second)).toBeNull();

    // The leader's run failed (or died and was started again): its claims lapse at once.
    expect(await claims.claim(batchId, [fourth], holder('leader-3', first), now)).toEqual([fourth]);
    expect(await claims.claim(batchId, [fourth], holder('leader-4', second), now)).toEqual([]);
    await database.repositories.stageRuns.start('publish', first);
    expect(await claims.claim(batchId, [fourth], holder('leader-4', second), now)).toEqual([fourth]);

    // A lease that ended frees the item even while its leader seems to be running.
    await claims.claim(batchId, [first], holder('leader-5', first, 2, new Date(now.getTime() - 1)), now);
    expect((await claims.get(first))?.token).toBe('leader-5');
    expect(await claims.claim(batchId, [first], holder('leader-6', fourth), now)).toEqual([first]);
  });
});
