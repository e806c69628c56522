import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { roundDollars } from '../../../domain/analysis/model-prices.ts';
import type { AiSpendEntry, AiSpendRepository, AiSpendTotals, CachedVisionAnswer, VisionAnswerCache } from '../../../ports/ai-spend.ts';
import type { Database } from '../schema.ts';

/** The ledger of model calls in the database: every worker books to it, totals are sums over it. */
export class KyselyAiSpendRepository implements AiSpendRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async record(entry: AiSpendEntry): Promise<void> {
    await this.#db
      .insertInto('ai_spend')
      .values({
        id: randomUUID(),
        batch_id: entry.batchId,
        item_id: entry.itemId,
        photo_id: entry.photoId,
        provider: entry.provider,
        model: entry.model,
        operation: entry.operation,
        prompt_version: entry.promptVersion,
        input_tokens: entry.inputTokens,
        cached_input_tokens: entry.cachedInputTokens,
        output_tokens: entry.outputTokens,
        image_tokens: entry.imageTokens,
        cost_usd: entry.costUsd,
      })
      .execute();
  }

  totalsForBatch(batchId: string): Promise<AiSpendTotals> {
    return this.#totals('batch_id', batchId);
  }

  totalsForItem(itemId: string): Promise<AiSpendTotals> {
    return this.#totals('item_id', itemId);
  }

  async #totals(column: 'batch_id' | 'item_id', id: string): Promise<AiSpendTotals> {
    const row = await this.#db
      .selectFrom('ai_spend')
      .select([
        sql<number>`coalesce(sum(cost_usd), 0)::float8`.as('usd'),
        sql<number>`count(*)::integer`.as('calls'),
        sql<number>`coalesce(sum(input_tokens), 0)::integer`.as('input_tokens'),
        sql<number>`coalesce(sum(output_tokens), 0)::integer`.as('output_tokens'),
      ])
      .where(column, '=', id)
      .executeTakeFirstOrThrow();
    return {
      usd: roundDollars(Number(row.usd)),
      calls: Number(row.calls),
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
    };
  }
}

/** Validated model answers in the database, shared by every worker and kept across restarts. */
export class KyselyVisionAnswerCache implements VisionAnswerCache {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async get(key: string): Promise<CachedVisionAnswer | null> {
    const row = await this.#db.selectFrom('vision_cache').select('answer').where('key', '=', key).executeTakeFirst();
    return row ? row.answer : null;
  }

  async put(key: string, answer: CachedVisionAnswer): Promise<void> {
    await this.#db
      .insertInto('vision_cache')
      .values({ key, operation: answer.operation, answer: JSON.stringify(answer) })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .execute();
  }
}
