// Publishing: its files are decided by their item's state when served; indexes for that lookup.
import type { Kysely } from 'kysely';
import { sql } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('content_attachment_file').on('content_attachment').column('file_id').execute();
  await db.schema.createIndex('content_cover_file').on('content').column('cover_file_id').execute();
  await sql`UPDATE file SET owner = 'content' WHERE owner IS NULL AND (id IN (SELECT file_id FROM content_attachment) OR id IN (SELECT cover_file_id FROM content WHERE cover_file_id IS NOT NULL))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
