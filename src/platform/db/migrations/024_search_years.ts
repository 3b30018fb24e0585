// Search: the fiscal years that have public entries (the search page's year filter) are one index seek per year
// instead of a read of every entry of the agency.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('search_doc_agency_year').on('search_doc').columns(['agency_id', 'fiscal_year', 'published_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
