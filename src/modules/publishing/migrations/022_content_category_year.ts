// Publishing: list pages stay flat as content grows. The newest item of each category and the fiscal years that
// have items are index seeks instead of walks through every published item.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('content_list_category').on('content').columns(['agency_id', 'kind', 'status', 'category', 'published_at']).execute();
  await db.schema.createIndex('content_list_year').on('content').columns(['agency_id', 'kind', 'status', 'fiscal_year']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
