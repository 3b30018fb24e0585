// Search on PostgreSQL: the trigram index is per agency (btree_gin puts agency_id in the same GIN index), so that
// one agency's search reads that agency's entries only, not the matches of every agency on a shared server.
// Every search names its agency; the index without it is no longer used.
import type { Kysely } from 'kysely';
import { isSqlite, sql } from '../ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) return; // FTS5 answers by rowid and filters the agency from search_doc; nothing to change
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gin`.execute(db);
  await sql`CREATE INDEX search_doc_agency_trgm ON search_doc USING gin (agency_id, search_text gin_trgm_ops)`.execute(db);
  await sql`DROP INDEX search_doc_trgm`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
