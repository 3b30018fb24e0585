// The example module's table. A real module takes the next free global number (012_…); 900 keeps the example last.
import type { Kysely } from 'kysely';
import { fk, tsType, withId } from '../../../src/platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('faq_entry'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', tsType(db), (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
