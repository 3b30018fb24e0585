// Search: text indexed before SARA AE typed as two SARA E was normalised is folded the same way now
// (queries are folded at search time, so both spellings find it).
import type { Kysely } from 'kysely';
import { sql } from '../ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE search_doc SET search_text = replace(search_text, ${'\u0E40\u0E40'}, ${'\u0E41'}) WHERE search_text LIKE ${'%\u0E40\u0E40%'}`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
