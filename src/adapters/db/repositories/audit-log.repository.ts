import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../../ports/repositories.ts';
import type { Database } from '../schema.ts';

export class KyselyAuditLog implements AuditLog {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async record(entry: {
    accountId: string | null;
    actor: string;
    action: string;
    subjectType: string;
    subjectId: string;
    details?: Record<string, unknown>;
  }): Promise<void> {
    await this.#db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        account_id: entry.accountId,
        actor: entry.actor,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }
}
