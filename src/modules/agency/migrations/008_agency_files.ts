// Agency: executives' portraits are public while an executive shows them.
import type { Kysely } from 'kysely';
import { sql } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE file SET owner = 'agency' WHERE owner IS NULL AND id IN (SELECT portrait_file_id FROM executive WHERE portrait_file_id IS NOT NULL)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
