import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseEngines } from '../../support/database.ts';
import type { TestDatabase } from '../../support/database.ts';

/** Postgres error codes: the database itself refuses, whatever code path wrote the row. */
const foreignKeyViolation = '23503';
const uniqueViolation = '23505';
const invalidTextRepresentation = '22P02';

describe.each(databaseEngines)('the schema’s constraints on $name', (engine) => {
  let database: TestDatabase;
  let batchId: string;

  beforeAll(async () => {
    database = await engine.open();
    const account = await database.repositories.accounts.ensureDefault();
    batchId = (await database.repositories.batches.create({ accountId: account.id, name: 'Constraints' })).id;
  });

  afterAll(async () => {
    await database?.close();
  });

  function insertPhoto(sequence: number, sha256: string) {
    return database.db
      .insertInto('photos')
      .values({
        batch_id: batchId,
        sequence,
        original_name: `${sha256}.jpg`,
        sha256,
        bytes: 1,
        original_key: `originals/${sha256}`,
      })
      .execute();
  }

  it('rejects an item for a batch that does not exist', async () => {
    await expect(
      database.db.insertInto('items').values({ batch_id: randomUUID(), position: 1 }).execute(),
    ).rejects.toMatchObject({ code: foreignKeyViolation });
  });

  it('rejects a status the enum does not know', async () => {
    await expect(
      sql`update batches set status = 'archived' where id = ${batchId}`.execute(database.db),
    ).rejects.toMatchObject({ code: invalidTextRepresentation });
    await expect(
      sql`insert into stage_runs (stage, subject_id, batch_id) values ('resize', ${batchId}, ${batchId})`.execute(
        database.db,
      ),
    ).rejects.toMatchObject({ code: invalidTextRepresentation });
  });

  it('rejects a second photo with the same bytes or the same sequence in a batch', async () => {
    await insertPhoto(100, 'unique-a');
    await expect(insertPhoto(101, 'unique-a')).rejects.toMatchObject({ code: uniqueViolation });
    await expect(insertPhoto(100, 'unique-b')).rejects.toMatchObject({ code: uniqueViolation });
  });

  it('rejects two items at one position of a batch', async () => {
    await database.db.insertInto('items').values({ batch_id: batchId, position: 50 }).execute();
    await expect(
      database.db.insertInto('items').values({ batch_id: batchId, position: 50 }).execute(),
    ).rejects.toMatchObject({ code: uniqueViolation });
  });

  it('rejects a second stage run for the same stage and subject', async () => {
    const subjectId = randomUUID();
    await database.db.insertInto('stage_runs').values({ stage: 'analyse', subject_id: subjectId, batch_id: batchId }).execute();
    await expect(
      database.db.insertInto('stage_runs').values({ stage: 'analyse', subject_id: subjectId, batch_id: batchId }).execute(),
    ).rejects.toMatchObject({ code: uniqueViolation });
  });

  it('deletes a batch’s photos, items and runs with the batch', async () => {
    const account = await database.repositories.accounts.ensureDefault();
    const doomed = await database.repositories.batches.create({ accountId: account.id, name: 'Doomed' });
    const { photo } = await database.repositories.photos.addReceived({
      batchId: doomed.id,
      originalName: 'a.jpg',
      sha256: 'doomed',
      bytes: 1,
      originalKey: 'originals/doomed',
    });
    await database.repositories.items.replaceForBatch(
      doomed.id,
      [{ position: 1, sku: null, skuPhotoId: photo.id, weight: null, productCode: null, flags: [], photoIds: [photo.id] }],
      [],
    );
    await database.repositories.stageRuns.ensure({ stage: 'segment', subjectId: doomed.id, batchId: doomed.id });

    await database.db.deleteFrom('batches').where('id', '=', doomed.id).execute();

    for (const table of ['photos', 'items', 'stage_runs'] as const) {
      const { count } = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('batch_id', '=', doomed.id)
        .executeTakeFirstOrThrow();
      expect(count, table).toBe(0);
    }
  });
});
