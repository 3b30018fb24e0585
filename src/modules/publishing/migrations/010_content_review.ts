// Four-eyes review that holds: who wrote the text under review is known, approval names the revision it saw,
// and changes to a published item wait as a draft while the published text stays.
import type { Kysely } from 'kysely';
import { fk, sql, tsType } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  // user ids who wrote the text since it was last approved (JSON array); they may not approve it
  await db.schema.alterTable('content').addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await sql`UPDATE content SET authors = CASE
      WHEN approved_at IS NOT NULL THEN '[]'
      WHEN created_by IS NULL AND updated_by IS NULL THEN '[]'
      WHEN created_by IS NULL THEN '[' || updated_by || ']'
      WHEN updated_by IS NULL OR updated_by = created_by THEN '[' || created_by || ']'
      ELSE '[' || created_by || ',' || updated_by || ']' END`.execute(db);

  await db.schema.createTable('content_draft')
    .addColumn('content_id', 'integer', (c) => fk('content', 'cascade')(c.primaryKey()))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('review_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_by', 'integer', fk('app_user', 'set null'))
    .addColumn('submitted_at', ts)
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'integer', fk('app_user', 'set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
