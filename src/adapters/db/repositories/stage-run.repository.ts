import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, UpdateObject } from 'kysely';
import { NotFoundError } from '../../../contracts/errors.ts';
import type { StageName, StageRunStatus } from '../../../contracts/stages.ts';
import type { NewStageRun, StageRunRecord, StageRunRepository } from '../../../ports/repositories.ts';
import type { Database, StageRunRow } from '../schema.ts';

export class KyselyStageRunRepository implements StageRunRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async ensure(run: NewStageRun): Promise<{ run: StageRunRecord; created: boolean }> {
    const inserted = await this.#db
      .insertInto('stage_runs')
      .values({
        id: randomUUID(),
        stage: run.stage,
        subject_id: run.subjectId,
        batch_id: run.batchId,
        item_id: run.itemId ?? null,
        photo_id: run.photoId ?? null,
      })
      .onConflict((conflict) => conflict.columns(['stage', 'subject_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { run: mapStageRunRow(inserted), created: true };
    const existing = await this.get(run.stage, run.subjectId);
    // Only a reset racing this call can remove the row between the insert and the select.
    if (!existing) throw new NotFoundError('Stage run', `${run.stage}/${run.subjectId}`);
    return { run: existing, created: false };
  }

  async get(stage: StageName, subjectId: string): Promise<StageRunRecord | null> {
    const row = await this.#db
      .selectFrom('stage_runs')
      .selectAll()
      .where('stage', '=', stage)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    return row ? mapStageRunRow(row) : null;
  }

  async start(stage: StageName, subjectId: string): Promise<StageRunRecord> {
    const row = await this.#db
      .updateTable('stage_runs')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        started_at: sql<Date>`now()`,
        finished_at: null,
        updated_at: sql<Date>`now()`,
      }))
      .where('stage', '=', stage)
      .where('subject_id', '=', subjectId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Stage run', `${stage}/${subjectId}`);
    return mapStageRunRow(row);
  }

  async succeed(stage: StageName, subjectId: string): Promise<void> {
    await this.#update(stage, subjectId, { status: 'succeeded', last_error: null, finished_at: sql<Date>`now()` });
  }

  async fail(stage: StageName, subjectId: string, error: string): Promise<void> {
    await this.#update(stage, subjectId, { status: 'failed', last_error: error });
  }

  async kill(stage: StageName, subjectId: string, error: string): Promise<void> {
    await this.#update(stage, subjectId, { status: 'dead', last_error: error, finished_at: sql<Date>`now()` });
  }

  async listUnfinished(): Promise<StageRunRecord[]> {
    const rows = await this.#db
      .selectFrom('stage_runs')
      .selectAll()
      .where('status', 'in', ['pending', 'running', 'failed'])
      .orderBy('insertion_order')
      .execute();
    return rows.map(mapStageRunRow);
  }

  async listByBatch(batchId: string): Promise<StageRunRecord[]> {
    const rows = await this.#db
      .selectFrom('stage_runs')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('insertion_order')
      .execute();
    return rows.map(mapStageRunRow);
  }

  async countByStatus(batchId: string, stage: StageName): Promise<Partial<Record<StageRunStatus, number>>> {
    const rows = await this.#db
      .selectFrom('stage_runs')
      .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
      .where('batch_id', '=', batchId)
      .where('stage', '=', stage)
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  async reset(stages: StageName[], subjectIds: string[]): Promise<void> {
    if (stages.length === 0 || subjectIds.length === 0) return;
    await this.#db
      .deleteFrom('stage_runs')
      .where('stage', 'in', stages)
      .where('subject_id', 'in', subjectIds)
      .execute();
  }

  /**
   * A run that is gone was reset or went with its item (a regrouped batch): the outcome of the
   * attempt that was still going has nothing left to update, so it is dropped without an error.
   */
  async #update(stage: StageName, subjectId: string, changes: UpdateObject<Database, 'stage_runs'>): Promise<void> {
    await this.#db
      .updateTable('stage_runs')
      .set({ ...changes, updated_at: sql<Date>`now()` })
      .where('stage', '=', stage)
      .where('subject_id', '=', subjectId)
      .execute();
  }
}

export function mapStageRunRow(row: StageRunRow): StageRunRecord {
  return {
    id: row.id,
    stage: row.stage,
    subjectId: row.subject_id,
    batchId: row.batch_id,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
