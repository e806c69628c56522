import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeadLetterRecord, DeadLetterRepository } from '../../../ports/repositories.ts';
import type { StageName } from '../../../contracts/stages.ts';
import type { Database, DeadLetterRow } from '../schema.ts';

export class KyselyDeadLetterRepository implements DeadLetterRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async add(input: Omit<DeadLetterRecord, 'id' | 'createdAt'>): Promise<void> {
    await this.#db
      .insertInto('dead_letters')
      .values({
        id: randomUUID(),
        stage_run_id: input.stageRunId,
        stage: input.stage,
        batch_id: input.batchId,
        subject_id: input.subjectId,
        // undefined has no JSON form; it is kept as null.
        payload: JSON.stringify(input.payload ?? null),
        error_code: input.errorCode,
        reason: input.reason,
      })
      .execute();
  }

  /** Newest first. */
  async list(filter: { batchId?: string } = {}): Promise<DeadLetterRecord[]> {
    let query = this.#db.selectFrom('dead_letters').selectAll();
    if (filter.batchId !== undefined) query = query.where('batch_id', '=', filter.batchId);
    const rows = await query.orderBy('insertion_order', 'desc').execute();
    return rows.map(mapDeadLetterRow);
  }

  async get(id: string): Promise<DeadLetterRecord | null> {
    const row = await this.#db.selectFrom('dead_letters').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? mapDeadLetterRow(row) : null;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('dead_letters').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async countByStage(): Promise<Partial<Record<StageName, number>>> {
    const rows = await this.#db
      .selectFrom('dead_letters')
      .select(['stage', (eb) => eb.fn.countAll<string>().as('count')])
      .groupBy('stage')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.stage, Number(row.count)]));
  }
}

function mapDeadLetterRow(row: DeadLetterRow): DeadLetterRecord {
  return {
    id: row.id,
    stageRunId: row.stage_run_id,
    stage: row.stage,
    batchId: row.batch_id,
    subjectId: row.subject_id,
    payload: row.payload,
    errorCode: row.error_code,
    reason: row.reason,
    createdAt: row.created_at,
  };
}
