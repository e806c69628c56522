import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ListingDraft } from '../../../contracts/item.ts';
import type { ListingRecord, ListingRepository } from '../../../ports/repositories.ts';
import type { Database } from '../schema.ts';

export class KyselyListingRepository implements ListingRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async save(itemId: string, draft: ListingDraft): Promise<void> {
    const columns = {
      title: draft.title,
      description_html: draft.descriptionHtml,
      category_id: draft.categoryId,
      category_name: draft.categoryName,
      condition_id: draft.conditionId,
      condition_description: draft.conditionDescription,
      aspects: JSON.stringify(draft.aspects),
      product_code: draft.productCode,
    };
    await this.#db
      .insertInto('listings')
      .values({ id: randomUUID(), item_id: itemId, ...columns })
      .onConflict((conflict) => conflict.column('item_id').doUpdateSet({ ...columns, updated_at: sql<Date>`now()` }))
      .execute();
  }

  async get(itemId: string): Promise<ListingRecord | null> {
    const row = await this.#db.selectFrom('listings').selectAll().where('item_id', '=', itemId).executeTakeFirst();
    if (!row) return null;
    return {
      itemId: row.item_id,
      title: row.title,
      descriptionHtml: row.description_html,
      categoryId: row.category_id,
      categoryName: row.category_name,
      conditionId: row.condition_id,
      conditionDescription: row.condition_description,
      aspects: row.aspects,
      productCode: row.product_code,
      updatedAt: row.updated_at,
    };
  }
}
