// Search on PostgreSQL: a trigram index whose keys are the agency's own. The btree_gin index of 023 holds the agency
// ids and the trigrams as separate keys, so a search reads a trigram's postings in every agency on the server and then
// intersects them with the agency's entries: in a province of 100 agencies that is ten to a hundred times too much.
// Here each key is "agency:three characters" (every three code points of the folded text, as SQLite's FTS5 trigram
// index takes them), so an agency's search reads its own postings only. Written in PL/pgSQL for linear time: substr()
// on UTF-8 text counts from the start of the text at every call.
import type { Kysely } from 'kysely';
import { isSqlite, sql } from '../ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) return; // FTS5 (migration 001) indexes every three characters already
  // COST: the planner must never prefer computing it row by row over the index
  await sql`CREATE FUNCTION search_grams(agency integer, t text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 100000 AS $$
    DECLARE
      c text[] := regexp_split_to_array(t, '');
      g text[] := '{}';
      p text := agency || ':';
    BEGIN
      FOR i IN 1 .. coalesce(array_length(c, 1), 0) - 2 LOOP
        g := g || (p || c[i] || c[i + 1] || c[i + 2]);
      END LOOP;
      RETURN ARRAY(SELECT DISTINCT unnest(g));
    END $$`.execute(db);
  await sql`CREATE INDEX search_doc_grams ON search_doc USING gin (search_grams(agency_id, search_text))`.execute(db);
  // the planner's estimates come from LIKE on the column (search/index.ts); statistics of the keys would cost ANALYZE
  // a call per sampled row and serve nothing
  await sql`ALTER INDEX search_doc_grams ALTER COLUMN 1 SET STATISTICS 0`.execute(db);
  await sql`DROP INDEX search_doc_agency_trgm`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
